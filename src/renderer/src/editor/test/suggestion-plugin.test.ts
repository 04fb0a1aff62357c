import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { buildLineIndex } from '../../../../shared/text/offsets';
import { articleDocFromText } from '../article-doc';
import {
  queuedSuggestions,
  removedMarks,
  suggestionKey,
  suggestionPlugin,
  type SuggestionAction,
  type SuggestionMark,
} from '../suggestion-plugin';

const text = 'Kerja sama kereta api.\n\nVietnam 😀 dan Tiongkok sepakat.';
const index = buildLineIndex(text);
const rail: SuggestionMark = {
  key: 'r',
  tag: 'cooperation_area',
  start: 11,
  end: 21,
  label: 'Cooperation area',
};
const agreed: SuggestionMark = { key: 's', tag: 'commitment', start: 47, end: 54, label: 'Commitment' };

function send(state: EditorState, action: SuggestionAction): EditorState {
  return state.apply(state.tr.setMeta(suggestionKey, action));
}
/** Draws the whole queue, `size` at a time, as the plugin's view does a frame at a time. */
function drawAll(state: EditorState, size = 1000, near = 0): EditorState {
  let s = state;
  for (let guard = 0; queuedSuggestions(s) > 0 && guard < 10_000; guard++)
    s = send(s, { type: 'draw', size, near });
  return s;
}
function start(): EditorState {
  const state = EditorState.create({ doc: articleDocFromText(text), plugins: [suggestionPlugin()] });
  const whole = send(state, { type: 'window', from: 0, to: index.chars });
  return drawAll(send(whole, { type: 'reset', marks: [rail, agreed], index }));
}
function decorations(state: EditorState): Decoration[] {
  return suggestionKey.getState(state)!.set.find();
}
function drawn(state: EditorState): { text: string; class: string; description: string }[] {
  return decorations(state).map((d) => {
    const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    return {
      text: state.doc.textBetween(d.from, d.to),
      class: attrs.class!,
      description: attrs['aria-description']!,
    };
  });
}

describe('suggestion plugin', () => {
  it('applies several actions of one transaction in order: an outline gone and the next one current', () => {
    const state = send(start(), { type: 'current', key: 'r' });
    const next = state.apply(
      state.tr.setMeta(suggestionKey, [
        { type: 'remove', keys: ['r'] },
        { type: 'current', key: 's' },
      ] satisfies SuggestionAction[]),
    );
    expect(drawn(next)).toEqual([
      { text: 'sepakat', class: 'sg sg-current', description: expect.any(String) },
    ]);
    expect(suggestionKey.getState(next)!.current).toBe('s');
  });

  it('draws each suggestion by code point offsets, with a description for screen readers', () => {
    expect(drawn(start())).toEqual([
      { text: 'kereta api', class: 'sg', description: 'suggestion: Cooperation area' },
      { text: 'sepakat', class: 'sg', description: 'suggestion: Commitment' },
    ]);
  });

  it('marks the current one, and moves the mark without touching the others', () => {
    let state = send(start(), { type: 'current', key: 'r' });
    expect(drawn(state).map((d) => d.class)).toEqual(['sg sg-current', 'sg']);
    const untouched = suggestionKey.getState(state)!.byKey.get('s');
    state = send(state, { type: 'current', key: null });
    state = send(state, { type: 'current', key: 'r' });
    state = send(state, { type: 'current', key: 's' });
    expect(drawn(state).map((d) => d.class)).toEqual(['sg', 'sg sg-current']);
    expect(drawn(state)[1]!.description).toBe('current suggestion: Commitment');
    expect(suggestionKey.getState(state)!.byKey.get('r')).not.toBe(untouched);
  });

  it('takes away only the suggestions it is told to', () => {
    const state = send(send(start(), { type: 'current', key: 's' }), { type: 'remove', keys: ['r'] });
    expect(drawn(state).map((d) => d.text)).toEqual(['sepakat']);
  });
});

/** A long text: `lines` lines, each with one word to suggest, every line its own paragraph. */
function longText(lines: number): { text: string; marks: SuggestionMark[] } {
  const rows: string[] = [];
  const marks: SuggestionMark[] = [];
  let at = 0;
  for (let i = 0; i < lines; i++) {
    const row = `Baris ${i} sepakat.`;
    const from = at + row.indexOf('sepakat');
    marks.push({ key: `k${i}`, tag: 'commitment', start: from, end: from + 7, label: 'Commitment' });
    rows.push(row);
    at += row.length + 1;
  }
  return { text: rows.join('\n'), marks };
}

/** The long text opened, with the whole of it the window (as when there is no layout to tell). */
function opened(long: { text: string }): { state: EditorState; index: ReturnType<typeof buildLineIndex> } {
  const state = EditorState.create({ doc: articleDocFromText(long.text), plugins: [suggestionPlugin()] });
  const idx = buildLineIndex(long.text);
  return { state: send(state, { type: 'window', from: 0, to: idx.chars }), index: idx };
}

describe('suggestion plugin: drawing in chunks', () => {
  const long = longText(1000);

  it('queues a new list and draws it chunk by chunk, from where the reader is, until it is complete', () => {
    const { state: empty, index: idx } = opened(long);
    let state = send(empty, { type: 'reset', marks: long.marks, index: idx });
    expect(decorations(state)).toHaveLength(0);
    expect(queuedSuggestions(state)).toBe(1000);
    // The reader is at line 500: that is drawn first, and downwards.
    const near = decorationsAt(state, 500);
    state = send(state, { type: 'draw', size: 100, near });
    const first = keysOf(state);
    expect(first.size).toBe(100);
    expect(first.has('k500') && first.has('k599')).toBe(true);
    expect(first.has('k499')).toBe(false);
    state = send(state, { type: 'draw', size: 100, near });
    expect(keysOf(state).has('k499')).toBe(true);
    state = drawAll(state, 137, near);
    expect(queuedSuggestions(state)).toBe(0);
    expect([...keysOf(state)].sort()).toEqual(long.marks.map((m) => m.key).sort());
    expect(decorations(state)).toHaveLength(1000);
  });

  it('draws the current one at once, and forgets a queued one that is decided before its turn', () => {
    const { state: empty, index: idx } = opened(long);
    let state = send(empty, { type: 'reset', marks: long.marks, index: idx });
    state = send(state, { type: 'current', key: 'k900' });
    expect(drawn(state).map((d) => d.class)).toEqual(['sg sg-current']);
    state = send(state, { type: 'remove', keys: ['k900', 'k10'] });
    expect(queuedSuggestions(state)).toBe(998);
    state = drawAll(state, 300);
    const keys = keysOf(state);
    expect(keys.size).toBe(998);
    expect(keys.has('k10') || keys.has('k900')).toBe(false);
  });

  it('a decision removes exactly one decoration and keeps every other one as it was', () => {
    const { state: empty, index: idx } = opened(long);
    const before = drawAll(send(empty, { type: 'reset', marks: long.marks, index: idx }));
    const after = send(before, { type: 'remove', keys: ['k42'] });
    const was = suggestionKey.getState(before)!.byKey;
    const now = suggestionKey.getState(after)!.byKey;
    expect(decorations(after)).toHaveLength(999);
    expect(now.has('k42')).toBe(false);
    for (const [key, d] of now) expect(d).toBe(was.get(key));
    expect(queuedSuggestions(after)).toBe(0);
  });

  it('a new list keeps the outlines that are still right and redraws only what changed', () => {
    const { state: empty, index: idx } = opened(long);
    const before = drawAll(send(empty, { type: 'reset', marks: long.marks, index: idx }));
    const renamed = { ...long.marks[7]!, label: 'Commitment, you tagged this 2×' };
    const added: SuggestionMark = { key: 'new', tag: 'commitment', start: 0, end: 5, label: 'Commitment' };
    const marks = [added, ...long.marks.slice(0, 7), renamed, ...long.marks.slice(8, 999)];
    let after = send(before, { type: 'reset', marks, index: idx });
    // Two to draw (the new one and the renamed one); the last line's outline is gone.
    expect(queuedSuggestions(after)).toBe(2);
    const was = suggestionKey.getState(before)!.byKey;
    const now = suggestionKey.getState(after)!.byKey;
    expect(now.size).toBe(998);
    for (const [key, d] of now) expect(d).toBe(was.get(key));
    after = drawAll(after);
    expect(decorations(after)).toHaveLength(1000);
    expect(keysOf(after).has('k999')).toBe(false);
    const description = drawn(after).find((d) => d.description.includes('2×'));
    expect(description?.text).toBe('sepakat');
  });
});

function keysOf(state: EditorState): Set<string> {
  return new Set(suggestionKey.getState(state)!.byKey.keys());
}

/** The document position of line `line`'s start in `longText`'s document. */
function decorationsAt(state: EditorState, line: number): number {
  let pos = 0;
  let seen = 0;
  state.doc.descendants((node, at) => {
    if (node.type.name !== 'paragraph') return true;
    if (seen++ === line) pos = at;
    return false;
  });
  return pos;
}

describe('suggestion plugin: only what is on screen', () => {
  const long = longText(1000);
  const line = (i: number): number => long.marks[i]!.start;

  it('draws the window only, follows it as it moves, and never brings back what was decided', () => {
    const { state: whole, index: idx } = opened(long);
    let state = send(whole, { type: 'window', from: line(100), to: line(200) });
    state = drawAll(send(state, { type: 'reset', marks: long.marks, index: idx }));
    expect(keysOf(state)).toEqual(new Set(long.marks.slice(100, 200).map((m) => m.key)));
    state = send(state, { type: 'remove', keys: ['k150', 'k250'] });
    state = drawAll(send(state, { type: 'window', from: line(140), to: line(260) }));
    const keys = keysOf(state);
    expect(keys.size).toBe(118);
    expect(keys.has('k139') || keys.has('k150') || keys.has('k250')).toBe(false);
    expect(keys.has('k140') && keys.has('k259')).toBe(true);
  });

  it('draws the current one wherever it is, and keeps it when the window moves on', () => {
    const { state: whole, index: idx } = opened(long);
    let state = send(whole, { type: 'window', from: line(0), to: line(50) });
    state = drawAll(send(state, { type: 'reset', marks: long.marks, index: idx }));
    state = send(state, { type: 'current', key: 'k700' });
    expect(drawn(state).filter((d) => d.class === 'sg sg-current')).toHaveLength(1);
    state = drawAll(send(state, { type: 'window', from: line(300), to: line(310) }));
    expect(keysOf(state)).toEqual(new Set([...long.marks.slice(300, 310).map((m) => m.key), 'k700']));
  });
});

describe('removedMarks', () => {
  it('names what a list lost when nothing else changed, and answers null otherwise', () => {
    const [a, b, c] = longText(3).marks as [SuggestionMark, SuggestionMark, SuggestionMark];
    expect(removedMarks([a, b, c], [a, c])).toEqual(['k1']);
    expect(removedMarks([a, b, c], [a, b, c])).toEqual([]);
    expect(removedMarks([a, b], [a, b, c])).toBeNull();
    expect(removedMarks([a, b, c], [a, { ...b }])).toBeNull();
    expect(removedMarks([a, b, c], [c, a])).toBeNull();
  });
});

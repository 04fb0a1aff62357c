import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import { buildLineIndex } from '../../../../shared/text/offsets';
import { articleDocFromText } from '../article-doc';
import { highlightKey, highlightPlugin, type HighlightAction, type HighlightSpan } from '../highlight-plugin';

const text = 'Kerja sama kereta api.\n\nVietnam 😀 dan Tiongkok sepakat.';
const index = buildLineIndex(text);

function start(spans: HighlightSpan[]): EditorState {
  const state = EditorState.create({ doc: articleDocFromText(text), plugins: [highlightPlugin()] });
  return send(state, { type: 'reset', spans, index });
}
function send(state: EditorState, action: HighlightAction): EditorState {
  return state.apply(state.tr.setMeta(highlightKey, action));
}
function decorations(state: EditorState): Decoration[] {
  return highlightKey.getState(state)!.set.find();
}
function covered(state: EditorState, id: string): string {
  const d = decorations(state).filter((x) => (x.spec.span as HighlightSpan).id === id);
  return d.map((x) => state.doc.textBetween(x.from, x.to, '\n')).join('|');
}

const rail: HighlightSpan = { id: 'a', tag: 'cooperation_area', start: 11, end: 21 };
const vietnam: HighlightSpan = { id: 'b', tag: 'commitment', start: 24, end: 33 };

describe('highlight plugin', () => {
  it('places spans by code point offsets, across astral characters and empty lines', () => {
    const state = start([rail, vietnam]);
    expect(covered(state, 'a')).toBe('kereta api');
    expect(covered(state, 'b')).toBe('Vietnam 😀');
  });

  it('adds one highlight without rebuilding the others', () => {
    const state = start([rail, vietnam]);
    const before = highlightKey.getState(state)!.byId.get('a')![0];
    const next = send(state, {
      type: 'update',
      add: [{ id: 'c', tag: 'dispute', start: 0, end: 5 }],
      remove: [],
    });
    expect(highlightKey.getState(next)!.byId.get('a')![0]).toBe(before);
    expect(covered(next, 'c')).toBe('Kerja');
    expect(decorations(next)).toHaveLength(3);
  });

  it('removes and replaces highlights by id', () => {
    let state = start([rail, vietnam]);
    state = send(state, { type: 'update', add: [{ ...rail, start: 0, end: 10 }], remove: ['b'] });
    expect(covered(state, 'a')).toBe('Kerja sama');
    expect(covered(state, 'b')).toBe('');
    expect(decorations(state)).toHaveLength(1);
  });

  it('leaves every earlier state as it was (each keeps its own index by id)', () => {
    const first = start([rail, vietnam]);
    const second = send(first, { type: 'update', add: [{ ...rail, start: 0, end: 5 }], remove: ['b'] });
    const third = send(second, {
      type: 'update',
      add: [{ id: 'c', tag: 'dispute', start: 24, end: 31 }],
      remove: [],
    });
    // The earlier states still find what they drew, so removing from them removes the right decorations.
    expect(highlightKey.getState(first)!.byId.get('b')).toBeDefined();
    expect(highlightKey.getState(second)!.byId.get('b')).toBeUndefined();
    expect(highlightKey.getState(second)!.byId.get('c')).toBeUndefined();
    expect(highlightKey.getState(third)!.byId.get('c')).toBeDefined();
    expect(covered(send(first, { type: 'update', add: [], remove: ['a'] }), 'a')).toBe('');
    expect(covered(send(first, { type: 'update', add: [], remove: ['a'] }), 'b')).toBe('Vietnam 😀');
    expect(covered(second, 'a')).toBe('Kerja');
    expect(covered(first, 'a')).toBe('kereta api');
  });

  it('lets overlapping highlights stand as separate nested elements', () => {
    const state = start([rail, { id: 'd', tag: 'commitment', start: 6, end: 21 }]);
    const specs = decorations(state).map(
      (d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs,
    );
    expect(specs.every((attrs) => attrs.nodeName === 'span')).toBe(true);
    expect(covered(state, 'd')).toBe('sama kereta api');
  });

  it('marks the selected and read-only highlights with classes', () => {
    let state = start([rail, { ...vietnam, readOnly: true }]);
    state = send(state, { type: 'select', id: 'a' });
    const classOf = (id: string): string =>
      (
        decorations(state).find((d) => (d.spec.span as HighlightSpan).id === id) as unknown as {
          type: { attrs: { class: string } };
        }
      ).type.attrs.class;
    expect(classOf('a')).toContain('hl-selected');
    expect(classOf('b')).toContain('hl-readonly');
    state = send(state, { type: 'select', id: null });
    expect(classOf('a')).not.toContain('hl-selected');
  });
});

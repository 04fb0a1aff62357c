import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { buildLineIndex, offsetToPos } from '../../../../shared/text/offsets';
import { articleDocFromText } from '../article-doc';
import { sectionWindowKey, sectionWindowPlugin } from '../section-window';

// 200 short lines: four sections of 64, 64, 64 and 8 lines.
const text = Array.from({ length: 200 }, (_, i) => `Baris ${i} tentang kerja sama kereta api.`).join('\n');
const index = buildLineIndex(text);
const doc = articleDocFromText(text);
const sectionStarts: number[] = [];
doc.forEach((_, offset) => sectionStarts.push(offset));

function start(width = 700): EditorState {
  return EditorState.create({ doc, plugins: [sectionWindowPlugin(() => width)] });
}
const shown = (state: EditorState): number[] =>
  [...sectionWindowKey.getState(state)!.shown].sort((a, b) => a - b);
const lineStart = (line: number): number => offsetToPos(index, index.lineStart(line));

describe('section window', () => {
  it('draws in full, at open, only the sections reaching a few screens down', () => {
    expect(sectionStarts).toHaveLength(4);
    // One section of 64 lines is already taller than three screens.
    expect(shown(start())).toEqual([sectionStarts[0]]);
    // A narrow window wraps the lines and needs no more sections either.
    expect(shown(start(200))).toEqual([sectionStarts[0]]);
    // Each drawn section carries the node decoration its view reads.
    const set = sectionWindowKey.getState(start())!.set.find();
    expect(set.map((d) => [d.from, d.to])).toEqual([[sectionStarts[0], sectionStarts[1]]]);
  });

  it('draws a section in full when the selection reaches into it, and keeps it so', () => {
    let state = start();
    const from = lineStart(130) + 2;
    const to = lineStart(150) + 4;
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, to)));
    expect(shown(state)).toEqual([sectionStarts[0], sectionStarts[2]]);
    // Both ends: a selection from the first section into the last one draws the last.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3, lineStart(199) + 1)));
    expect(shown(state)).toEqual([sectionStarts[0], sectionStarts[2], sectionStarts[3]]);
    // Moving away never takes a section back to plain text.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    expect(shown(state)).toEqual([sectionStarts[0], sectionStarts[2], sectionStarts[3]]);
    // The selection itself is the analyst's, untouched.
    expect(state.selection.from).toBe(3);
  });

  it('draws the sections it is asked to, once each, and ignores what is not a section start', () => {
    let state = start();
    const ask = (show: number[]): void => {
      state = state.apply(state.tr.setMeta(sectionWindowKey, { show }));
    };
    ask([sectionStarts[1]!, sectionStarts[1]!, sectionStarts[3]!]);
    expect(shown(state)).toEqual([sectionStarts[0], sectionStarts[1], sectionStarts[3]]);
    const before = sectionWindowKey.getState(state);
    ask([sectionStarts[1]!]);
    expect(sectionWindowKey.getState(state)).toBe(before);
    ask([sectionStarts[2]! + 5]);
    expect(shown(state)).toEqual([sectionStarts[0], sectionStarts[1], sectionStarts[3]]);
  });

  it('leaves a transaction that does not set the selection alone', () => {
    const state = start();
    const next = state.apply(state.tr.setMeta('unrelated', true));
    expect(sectionWindowKey.getState(next)).toBe(sectionWindowKey.getState(state));
  });
});

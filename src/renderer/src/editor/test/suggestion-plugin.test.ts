import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { buildLineIndex } from '../../../../shared/text/offsets';
import { articleDocFromText } from '../article-doc';
import {
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
function start(): EditorState {
  const state = EditorState.create({ doc: articleDocFromText(text), plugins: [suggestionPlugin()] });
  return send(state, { type: 'reset', marks: [rail, agreed], index });
}
function drawn(state: EditorState): { text: string; class: string; description: string }[] {
  return suggestionKey
    .getState(state)!
    .set.find()
    .map((d) => {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      return {
        text: state.doc.textBetween(d.from, d.to),
        class: attrs.class!,
        description: attrs['aria-description']!,
      };
    });
}

describe('suggestion plugin', () => {
  it('draws each suggestion by code point offsets, with a description for screen readers', () => {
    expect(drawn(start())).toEqual([
      { text: 'kereta api', class: 'sg', description: 'suggestion: Cooperation area' },
      { text: 'sepakat', class: 'sg', description: 'suggestion: Commitment' },
    ]);
  });

  it('marks the current one, and moves the mark without touching the others', () => {
    let state = send(start(), { type: 'current', key: 'r' });
    expect(drawn(state).map((d) => d.class)).toEqual(['sg sg-current', 'sg']);
    const untouched = suggestionKey.getState(state)!.byKey.get('s')![0];
    state = send(state, { type: 'current', key: null });
    state = send(state, { type: 'current', key: 'r' });
    state = send(state, { type: 'current', key: 's' });
    expect(drawn(state).map((d) => d.class)).toEqual(['sg', 'sg sg-current']);
    expect(drawn(state)[1]!.description).toBe('current suggestion: Commitment');
    expect(suggestionKey.getState(state)!.byKey.get('r')![0]).not.toBe(untouched);
  });

  it('takes away only the suggestions it is told to', () => {
    const state = send(send(start(), { type: 'current', key: 's' }), { type: 'remove', keys: ['r'] });
    expect(drawn(state).map((d) => d.text)).toEqual(['sepakat']);
  });
});

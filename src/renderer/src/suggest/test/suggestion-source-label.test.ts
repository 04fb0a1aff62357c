import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { learnedMatchers, patternMatchers } from '../../../../shared/suggest/suggest';
import { sourceNote, type SuggestionSource } from '../../../../shared/suggest/suggestion-types';
import { i18n } from '../../i18n/i18n';
import { outlineLabeler, suggestionSourceLabel } from '../suggestion-source-label';

const en = i18n.getFixedT('en');
const id = i18n.getFixedT('id');

const pattern: SuggestionSource = {
  key: 'pattern:cooperation_area:phrase:kereta api',
  kind: 'pattern',
  pattern: 'kereta api',
};
const learned = (count: number): SuggestionSource => ({
  key: 'learned:dispute:protes',
  kind: 'learned',
  count,
});

describe('suggestion source labels', () => {
  it('words a pattern source in the UI language', () => {
    expect(suggestionSourceLabel(en, pattern)).toBe('pattern: kereta api');
    expect(suggestionSourceLabel(id, pattern)).toBe('pola: kereta api');
  });

  it('words a learned source with its count, in either plural form', () => {
    expect(suggestionSourceLabel(en, learned(1))).toBe('you tagged this 1×');
    expect(suggestionSourceLabel(en, learned(4))).toBe('you tagged this 4×');
    expect(suggestionSourceLabel(id, learned(1))).toBe('Anda menandai ini 1×');
    expect(suggestionSourceLabel(id, learned(4))).toBe('Anda menandai ini 4×');
  });

  it('reads in English exactly as the CLI note does', () => {
    const sources = [
      ...patternMatchers(builtinCodebook()),
      ...learnedMatchers([{ tag: 'dispute', phrase: 'protes', count: 2, attributes: {} }], builtinCodebook()),
    ].map((m) => m.source);
    expect(sources.length).toBeGreaterThan(100);
    for (const s of sources) expect(suggestionSourceLabel(en, s)).toBe(sourceNote(s));
  });
});

describe('outline labels', () => {
  it('words each source and each tag once, however many suggestions share them', () => {
    const worded: string[] = [];
    const counting = ((key: string, options?: object) => {
      worded.push(key);
      return en(key, options as never);
    }) as unknown as typeof en;
    const names: string[] = [];
    const label = outlineLabeler(counting, (tag) => {
      names.push(tag);
      return tag === 'dispute' ? 'Dispute' : 'Cooperation area';
    });
    const fromPattern = { tag: 'cooperation_area', source: pattern };
    const fromLearned = { tag: 'dispute', source: learned(4) };
    const labels = Array.from({ length: 1000 }, (_, i) => label(i % 2 ? fromLearned : fromPattern));
    expect(labels[0]).toBe('Cooperation area, pattern: kereta api');
    expect(labels[1]).toBe('Dispute, you tagged this 4×');
    expect(worded).toHaveLength(2);
    expect(names).toEqual(['cooperation_area', 'dispute']);
    // A new count is a new source object: worded again.
    expect(label({ tag: 'dispute', source: learned(5) })).toBe('Dispute, you tagged this 5×');
    expect(worded).toHaveLength(3);
  });
});

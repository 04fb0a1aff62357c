import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { foldForSearch, foldWithMap } from '../../text/text-fold';
import { learnedMatchers, patternMatchers, suggestForText, type Matcher } from '../suggest';
import { suggestionKey } from '../suggestion-types';
import { referenceSuggest } from './reference-suggest';
import { PATTERN_WORDS, SEPARATORS, wordsText } from './suggest-text-arb';

// The pattern words and a few more that only the codebook's patterns (not generated ones) meet.
const WORDS = [...PATTERN_WORDS, 'bersedia', 'ekonomi', 'perdagangan', "don't", '“kutipan”', 'Việt', 'Nam'];
const textArb = wordsText(WORDS, [...SEPARATORS, ' — '], 120);

const LEARNED = ['kereta api', 'sama', 'biển đông', 'people to people', 'akan', 'final', 'xi s'];

function matchers(): Matcher[] {
  const phrases = LEARNED.map((phrase, i) => ({
    tag: builtinCodebook().tags[i % builtinCodebook().tags.length]!.id,
    phrase: foldForSearch(phrase),
    count: 1 + i,
    attributes: {},
  }));
  return [...learnedMatchers(phrases, builtinCodebook()), ...patternMatchers(builtinCodebook())];
}

/** Every `every`-th reference suggestion already annotated, and every other one after it rejected. */
function inputFor(text: string, list: readonly Matcher[], every: number) {
  const plain = referenceSuggest({ text, matchers: list, annotations: [] });
  const annotations = plain
    .filter((_, i) => i % every === 0)
    .map(({ tag, start, end }) => ({ tag, start, end }));
  const rejected = new Set(
    plain.filter((_, i) => i % every === 1).map((s) => suggestionKey(s.start, s.end, s.source.key)),
  );
  return { text, matchers: list, annotations, rejected };
}

describe('suggestForText against the plain way', () => {
  const list = matchers();

  it('gives exactly the reference list on generated texts, snapped or not, with annotations and rejections', () => {
    fc.assert(
      fc.property(textArb, fc.boolean(), fc.integer({ min: 2, max: 5 }), (text, snap, every) => {
        const input = { ...inputFor(text, list, every), snap };
        expect(suggestForText(input)).toEqual(referenceSuggest(input));
      }),
      { numRuns: 300 },
    );
  });

  it('gives exactly the reference list on a long generated article', () => {
    let seed = 17;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let text = '';
    while (text.length < 200_000) text += WORDS[next(WORDS.length)]! + SEPARATORS[next(SEPARATORS.length)]!;
    expect(foldWithMap(text).folded).toBe(foldForSearch(text));
    const input = inputFor(text, list, 3);
    const fast = suggestForText(input);
    expect(fast.length).toBeGreaterThan(1000);
    expect(fast).toEqual(referenceSuggest(input));
  });
});

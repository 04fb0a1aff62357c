import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { patternProblem, type PatternKind } from '../../codebook/tag-patterns';
import { snapToWords, trimSpan } from '../../text/text-quote';
import { matchableText } from '../pattern-match';
import { compileScanner, shareableLookbehind, type PatternSpec } from '../pattern-scan';
import { alreadyClean } from '../suggest';
import { referenceSpans } from './reference-match';
import { PATTERN_WORDS, SEPARATORS, wordsText } from './suggest-text-arb';

const builtin: PatternSpec[] = builtinCodebook().tags.flatMap((t) => t.patterns ?? []);

function expectSameAsReference(patterns: readonly PatternSpec[], text: string): void {
  const t = matchableText(text);
  const combined = compileScanner(patterns).scan(t);
  patterns.forEach((p, i) =>
    expect(combined[i], `${p.kind} ${p.text}`).toEqual(referenceSpans(p.kind, p.text, t)),
  );
}

const WORDS = PATTERN_WORDS;
const textArb = wordsText(WORDS, SEPARATORS, 60);

const patternArb: fc.Arbitrary<PatternSpec> = fc.oneof(
  fc
    .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 })
    .map((ws) => ({ kind: 'phrase' as PatternKind, text: ws.join(' ') })),
  fc
    .array(fc.constantFrom('*', 'sengketa*', 'k?reta', 'api', '*a', 'pro*s', 'dan', 'ker*-api'), {
      minLength: 1,
      maxLength: 3,
    })
    .map((ws) => ({ kind: 'wildcard' as PatternKind, text: ws.join(' ') })),
  fc.constantFrom<PatternSpec>(
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?:akan|siap)\\s[^.;\\n]{3,40}' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?:will|if)\\s(\\p{L}+)' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])kereta|api' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(a)\\1?' },
    { kind: 'regex', text: '(?<=\\s)d\\p{L}+' },
    { kind: 'regex', text: 'sama (digital)?' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?<w>sama|dan)' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?<w>jalan|api)' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?=api)' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?:if|to|api)(?![\\p{L}\\p{N}])' },
    { kind: 'regex', text: '(?<![\\p{L}\\p{N}])(?:dan|sama)' },
  ),
);

describe('the combined scan', () => {
  it('gives every built-in pattern exactly the spans it gives alone', () => {
    fc.assert(fc.property(textArb, (text) => expectSameAsReference(builtin, text)));
  });

  it('gives any mix of phrases, wildcards and regexes the spans each gives alone', () => {
    fc.assert(
      fc.property(
        fc
          .array(patternArb, { minLength: 1, maxLength: 12 })
          .filter((ps) => ps.every((p) => patternProblem(p.kind, p.text) === null || p.text.includes('(?='))),
        textArb,
        (patterns, text) => expectSameAsReference(patterns, text),
      ),
      { numRuns: 300 },
    );
  });

  it('finds overlapping phrases, and wildcards never overlapping, as matching alone does', () => {
    const patterns: PatternSpec[] = [
      { kind: 'phrase', text: 'dan dan' },
      { kind: 'wildcard', text: 'dan *' },
    ];
    const t = matchableText('dan dan dan dan dan');
    expect(compileScanner(patterns).scan(t)).toEqual([
      [
        { start: 0, end: 7 },
        { start: 4, end: 11 },
        { start: 8, end: 15 },
        { start: 12, end: 19 },
      ],
      [
        { start: 0, end: 7 },
        { start: 8, end: 15 },
      ],
    ]);
  });

  it('lets regexes share a scanner only behind the same lookbehind, without top-level | or backreferences', () => {
    expect(shareableLookbehind('(?<![\\p{L}(])(?:akan|siap)\\s')).toEqual([
      '(?<![\\p{L}(])',
      '(?:akan|siap)\\s',
    ]);
    expect(shareableLookbehind('(?<=\\))x')).toEqual(['(?<=\\))', 'x']);
    expect(shareableLookbehind('(?<!a)b|c')).toBeNull();
    expect(shareableLookbehind('(?<!a)(b)\\1')).toBeNull();
    expect(shareableLookbehind('akan')).toBeNull();
  });

  it('matches nothing for a regex that does not compile, and the rest as usual', () => {
    const t = matchableText('akan datang');
    expect(
      compileScanner([
        { kind: 'regex', text: 'akan (' },
        { kind: 'phrase', text: 'datang' },
      ]).scan(t),
    ).toEqual([[], [{ start: 5, end: 11 }]]);
  });
});

describe('the shortcut past trimming and snapping', () => {
  it('answers true only where trimSpan and snapToWords leave the span as it is', () => {
    const textArbWithEnds = textArb.chain((text) =>
      fc.tuple(fc.constant(text), fc.nat(text.length), fc.nat(text.length), fc.boolean()),
    );
    fc.assert(
      fc.property(textArbWithEnds, ([text, x, y, snap]) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        if (!alreadyClean(text, a, b, snap)) return;
        // All-ASCII ends: UTF-16 and code point offsets agree up to the first astral character.
        const cp = [...text.slice(0, a)].length;
        const cpEnd = cp + [...text.slice(a, b)].length;
        const trimmed = trimSpan(text, cp, cpEnd);
        expect(trimmed).toEqual({ start: cp, end: cpEnd });
        if (snap) expect(snapToWords(text, cp, cpEnd)).toEqual({ start: cp, end: cpEnd });
      }),
      { numRuns: 500 },
    );
  });
});

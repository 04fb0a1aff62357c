import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import {
  learnPhrases,
  learnedMatchers,
  patternMatchers,
  suggestForText,
  type Matcher,
} from '../../../../shared/suggest/suggest';
import { answeredKeys, answeredSpans, type Suggestion } from '../../../../shared/suggest/suggestion-types';
import { wordsText } from '../../../../shared/suggest/test/suggest-text-arb';
import { codePointIndex } from '../../../../shared/text/text-quote';
import {
  insertedMatchers,
  listWindow,
  matcherIdentity,
  mergeSuggestions,
  relabel,
  shadowsBySpan,
  spanKey,
  withoutDecided,
  type SuggestionList,
} from '../suggestion-list';

// Learned phrases that the built-in patterns also match (same tag and span: one waits behind the other).
const WORDS = ['kereta', 'api', 'sepakat', 'akan', 'energi', 'bersih', 'sengketa', 'dan', 'agreed', 'to'];
const SEPARATORS = [' ', ', ', '. ', '\n', ' - '];
const textArb = wordsText(WORDS, SEPARATORS, 80, 5);

const area = 'cooperation_area';
const commitment = 'commitment';
const learned = learnedMatchers(
  [
    { tag: area, phrase: 'kereta api', count: 2, attributes: {} },
    { tag: commitment, phrase: 'sepakat', count: 1, attributes: {} },
    { tag: commitment, phrase: 'akan', count: 3, attributes: {} },
    { tag: area, phrase: 'energi bersih', count: 1, attributes: {} },
  ],
  builtinCodebook(),
);
const ALL: Matcher[] = [...learned, ...patternMatchers(builtinCodebook())];

/** What the worker answers: the list, and what it shadowed. */
function matched(
  text: string,
  matchers: readonly Matcher[],
  decided: { annotations?: Suggestion[]; rejected?: Set<string> } = {},
): { list: Suggestion[]; shadowed: Suggestion[] } {
  const shadowed: Suggestion[] = [];
  const list = suggestForText({
    text,
    matchers,
    annotations: decided.annotations ?? [],
    rejected: decided.rejected,
    shadowed,
  });
  return { list, shadowed };
}

function listOf(found: { list: Suggestion[]; shadowed: Suggestion[] }): SuggestionList {
  return { list: found.list, shadows: shadowsBySpan(found.shadowed) };
}

/** The list as matching afresh would give it (keys only: the objects differ). */
function keys(list: readonly Suggestion[]): string[] {
  return list.map((s) => `${s.key}|${s.tag}`);
}

function takenOf(annotations: readonly Suggestion[]): Set<string> {
  return new Set(annotations.map((a) => spanKey(a.tag, a.start, a.end)));
}

describe('the suggestion list follows decisions without matching again', () => {
  it('an accept takes out its span, a reject its suggestion (and what waited behind it takes the span)', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 2, max: 4 }), (text, every) => {
        const start = matched(text, ALL);
        const annotations = start.list.filter((_, i) => i % every === 0);
        const rejected = new Set(start.list.filter((_, i) => i % every === 1).map((s) => s.key));
        let list = withoutDecided(listOf(start), takenOf(annotations), rejected);
        expect(keys(list.list)).toEqual(keys(matched(text, ALL, { annotations, rejected }).list));
        // Reject what came forward, and more: the next in line comes forward again.
        for (const s of list.list.filter((_, i) => i % 2 === 0)) rejected.add(s.key);
        list = withoutDecided(list, takenOf(annotations), rejected);
        expect(keys(list.list)).toEqual(keys(matched(text, ALL, { annotations, rejected }).list));
      }),
      { numRuns: 200 },
    );
  });

  it('a phrase tagged for the first time matches only itself, and takes over the spans it comes first for', () => {
    fc.assert(
      fc.property(textArb, fc.subarray([0, 1, 2, 3], { minLength: 1 }), (text, fresh) => {
        const before = ALL.filter((_, i) => !fresh.includes(i));
        const inserted = insertedMatchers(before.map(matcherIdentity), ALL.map(matcherIdentity));
        expect(inserted).toEqual([...fresh].sort());
        const added = matched(
          text,
          inserted!.map((i) => ALL[i]!),
        );
        const merged = mergeSuggestions(listOf(matched(text, before)), added.list, added.shadowed, ALL);
        expect(keys(merged.list)).toEqual(keys(matched(text, ALL).list));
        // What the new phrase took over waits behind it: rejecting the new one brings it back.
        const rejected = new Set(merged.list.filter((s) => s.source.kind === 'learned').map((s) => s.key));
        const after = withoutDecided(merged, new Set(), rejected);
        expect(keys(after.list)).toEqual(keys(matched(text, ALL, { rejected }).list));
      }),
      { numRuns: 200 },
    );
  });

  it("an accept under another tag takes out the proposed tag's and the new tag's suggestions at its span, nothing else", () => {
    const tags = builtinCodebook()
      .tags.filter((t) => !t.retired)
      .map((t) => t.id);
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, pick, other) => {
        const start = matched(text, ALL);
        fc.pre(start.list.length > 0);
        const s = start.list[pick % start.list.length]!;
        const others = tags.filter((t) => t !== s.tag);
        const tag = others[other % others.length]!;
        const annotation = { ...s, tag };
        const decision = {
          documentPath: 'a.txt',
          start: s.start,
          end: s.end,
          tag,
          sourceKey: s.source.key,
          decision: 'accepted' as const,
        };
        const stands = takenOf([annotation]);
        const annotated = (t: string, a: number, b: number): boolean => stands.has(spanKey(t, a, b));
        const answered = answeredKeys([decision], 'a.txt', annotated);
        // As the open document's hook does: the proposed tag's span counts as answered too.
        const spans = answeredSpans([decision], 'a.txt', annotated);
        expect(spans).toEqual([{ tag: s.tag, start: s.start, end: s.end }]);
        const taken = new Set([...stands, ...spans.map((x) => spanKey(x.tag, x.start, x.end))]);
        const followed = withoutDecided(listOf(start), taken, answered);
        const fresh = matched(text, ALL, {
          annotations: [annotation, ...spans.map((x) => ({ ...s, ...x }))],
          rejected: answered,
        });
        expect(keys(followed.list)).toEqual(keys(fresh.list));
        const at = (x: Suggestion, t: string): boolean =>
          x.tag === t && x.start === s.start && x.end === s.end;
        // Neither tag comes back at the span (not from the source that waited behind the answered one)...
        expect(followed.list.some((x) => at(x, tag) || at(x, s.tag))).toBe(false);
        // ...and every suggestion of a third tag there is still proposed.
        const third = (l: readonly Suggestion[]): string[] =>
          keys(l.filter((x) => x.start === s.start && x.end === s.end && x.tag !== tag && x.tag !== s.tag));
        expect(third(followed.list)).toEqual(third(start.list));
        // The annotation taken back (undone): the suggestion is proposed again.
        expect(answeredKeys([decision], 'a.txt', () => false).size).toBe(0);
        expect(answeredSpans([decision], 'a.txt', () => false)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a learned list that re-sorts (with or without a new phrase) is matched afresh, never merged', () => {
    const phrases = fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 });
    fc.assert(
      fc.property(textArb, phrases, phrases, (text, was, now) => {
        const order = (picked: number[]): Matcher[] => [
          ...picked.map((i) => learned[i]!),
          ...ALL.slice(learned.length),
        ];
        const before = order(was);
        const after = order(now);
        const inserted = insertedMatchers(before.map(matcherIdentity), after.map(matcherIdentity));
        // Merging is only for a list that kept every phrase, in its order.
        const kept =
          was.every((i) => now.includes(i)) && now.filter((i) => was.includes(i)).join() === was.join();
        expect(inserted !== null).toBe(kept);
        const followed =
          inserted === null
            ? listOf(matched(text, after))
            : (() => {
                const added = matched(
                  text,
                  inserted.map((i) => after[i]!),
                );
                return mergeSuggestions(listOf(matched(text, before)), added.list, added.shadowed, after);
              })();
        expect(keys(followed.list)).toEqual(keys(matched(text, after).list));
      }),
      { numRuns: 300 },
    );
  });

  it('tagging again (an old phrase or a new one, whatever its id) never re-sorts the learned list', () => {
    const tagged = (quote: string, tag = area) => ({ tag, quote, attributes: {}, updatedAt: '2026-01-01' });
    const ids = (annotations: ReturnType<typeof tagged>[]): string[] =>
      learnedMatchers(learnPhrases(annotations), builtinCodebook()).map(matcherIdentity);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(['kereta api', 'energi bersih', 'ekonomi digital', 'jalan tol'], {
          minLength: 2,
        }),
        fc.nat(),
        (quotes, pick) => {
          const before = quotes.slice(1).map((q) => tagged(q));
          // The annotator's rows come sorted by id: the new one may come first.
          const again = [tagged(quotes[1 + (pick % (quotes.length - 1))]!), ...before];
          const fresh = [tagged(quotes[0]!, commitment), ...before];
          expect(ids(again)).toEqual(ids(before));
          expect(insertedMatchers(ids(before), ids(fresh))).toHaveLength(1);
        },
      ),
    );
  });

  it('leaves the list as it is when nothing it holds was decided', () => {
    const start = listOf(matched('kereta api dan sepakat', ALL));
    expect(withoutDecided(start, new Set(['other']), new Set(['x']))).toBe(start);
  });

  it('renames the suggestions of a source with a new count, and only those', () => {
    const text = 'kereta api dan sepakat akan';
    const start = listOf(matched(text, ALL));
    const counted = ALL.map((m) =>
      m.source.key === learned[0]!.source.key
        ? { ...m, source: { key: m.source.key, kind: 'learned' as const, count: 3 } }
        : m,
    );
    const next = relabel(start, ALL, counted, codePointIndex(text));
    expect(
      relabel(
        start,
        ALL,
        ALL.map((m) => ({ ...m, source: { ...m.source } })),
        codePointIndex(text),
      ),
    ).toBe(start);
    next.list.forEach((s, i) => {
      if (s.source.key === learned[0]!.source.key) expect(s.source).toMatchObject({ count: 3 });
      else expect(s).toBe(start.list[i]);
    });
    expect(next.list.map((s) => s.key)).toEqual(start.list.map((s) => s.key));
  });

  it('tells a matcher list that only gained matchers from one that lost or moved one', () => {
    expect(insertedMatchers(['a', 'c'], ['x', 'a', 'b', 'c'])).toEqual([0, 2]);
    expect(insertedMatchers(['a', 'c'], ['a', 'c'])).toEqual([]);
    expect(insertedMatchers(['a', 'c'], ['c', 'a'])).toBeNull();
    expect(insertedMatchers(['a', 'c'], ['a'])).toBeNull();
  });
});

describe('listWindow', () => {
  it('lists the first ones until the current one lies beyond them, then centres on it', () => {
    expect(listWindow(120, -1, 500)).toEqual({ from: 0, to: 120 });
    expect(listWindow(12_034, -1, 500)).toEqual({ from: 0, to: 500 });
    expect(listWindow(12_034, 499, 500)).toEqual({ from: 0, to: 500 });
    expect(listWindow(12_034, 500, 500)).toEqual({ from: 250, to: 750 });
    expect(listWindow(12_034, 12_033, 500)).toEqual({ from: 11_534, to: 12_034 });
  });
});

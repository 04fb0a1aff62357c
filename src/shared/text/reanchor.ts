import { type Annotation, CONTEXT_CHARS } from '../annotation/annotation-types';
import { matchQuote } from './match-quote';
import { codePointLength } from './text-normalize';
import { type CodePointIndex, codePointIndex, describeSpan } from './text-quote';

/**
 * Re-anchoring: after a document's text changed (its sha256 differs from
 * the one an annotation was made on), find each annotation's quote in the
 * new text, as the Hypothesis client does:
 *
 *  1. the quote, with its stored prefix and suffix, still at the stored
 *     start, or at the start shifted by the edit → placed / moved;
 *  2. otherwise every exact occurrence of the quote, ranked by context and
 *     distance to the expected position → placed / moved;
 *  3. otherwise an approximate match within a bounded error rate, first
 *     near the expected position → fuzzy, and the quote becomes the text
 *     now at the new offsets;
 *  4. otherwise the annotation is marked orphaned.
 *
 * Steps 2–4 are `matchQuote` (see there for the error budget, the ranking
 * weights and why a short quote needs its context to move).
 *
 * Nothing is ever dropped: the result holds every annotation, in input
 * order. An orphan keeps its old offsets, quote and `contentSha256`, so it
 * is tried again against every later text and is un-orphaned as soon as
 * its quote can be placed (for instance when an edit is undone).
 *
 * `updatedAt` is not touched. It records when an analyst last changed the
 * annotation; re-anchoring is a system change that any copy of the data
 * re-derives from the same text, and bumping it would make a whole
 * document's annotations look freshly edited after a typo fix.
 */

export type ReanchorOutcome =
  /** Already made on this text and not orphaned: returned as the same object. */
  | 'current'
  /** Quote found at its stored offsets (only the hash and context were refreshed). */
  | 'placed'
  /** Same quote, new offsets. */
  | 'moved'
  /** Approximate match: new offsets and a new quote (see `requoted`). */
  | 'fuzzy'
  /** Not placeable: kept with `orphaned: true` and its old offsets. */
  | 'orphaned';

export interface ReanchorOptions {
  /**
   * A known edit, in code points of the old text: everything at or after
   * `at` moved by `delta`. Optional: without it the shift is learnt from
   * the annotations already placed (they are visited in text order), which
   * finds a single edit just as fast.
   */
  edit?: { at: number; delta: number };
}

export interface ReanchorResult {
  /** Every input annotation, same order; re-anchored ones are new objects. */
  annotations: Annotation[];
  /** Outcome per annotation, same order as `annotations`. */
  outcomes: ReanchorOutcome[];
  /** Fuzzy matches whose quote changed: what it was and what it is now. */
  requoted: { id: string; before: string; after: string }[];
  current: number;
  placed: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

/**
 * Re-anchor the annotations of one document against its new normalized
 * text. Cost: one pass over the text to index astral characters, then per
 * annotation a few string comparisons when the quote is where the learnt
 * shift puts it; `indexOf` over the text, and rarely an approximate search,
 * only for the annotations around the edit.
 */
export function reanchorAnnotations(
  annotations: readonly Annotation[],
  newText: string,
  newSha256: string,
  options: ReanchorOptions = {},
): ReanchorResult {
  const index = codePointIndex(newText);
  const out = [...annotations];
  const outcomes: ReanchorOutcome[] = annotations.map(() => 'current');
  const requoted: ReanchorResult['requoted'] = [];

  // Visit stale annotations in text order so the shift learnt from one is
  // the right guess for the next (all annotations after one edit share it).
  const stale = annotations
    .map((_, i) => i)
    .filter((i) => annotations[i]!.contentSha256 !== newSha256 || annotations[i]!.orphaned === true)
    .sort(
      (i, j) => annotations[i]!.start - annotations[j]!.start || annotations[i]!.end - annotations[j]!.end,
    );

  let learntDelta = 0;
  for (const i of stale) {
    const old = annotations[i]!;
    const expected = expectedStart(old.start, learntDelta, options);
    const found = locate(index, old, expected);
    if (!found) {
      outcomes[i] = 'orphaned';
      out[i] = old.orphaned === true ? old : { ...old, orphaned: true };
      continue;
    }
    learntDelta = found.start - old.start;
    const { orphaned: _wasOrphaned, ...rest } = old;
    const selector = describeSpan(index, found.start, found.end);
    out[i] = { ...rest, ...selector, start: found.start, end: found.end, contentSha256: newSha256 };
    if (found.fuzzy) {
      outcomes[i] = 'fuzzy';
      if (selector.quote !== old.quote)
        requoted.push({ id: old.id, before: old.quote, after: selector.quote });
    } else {
      outcomes[i] = found.start === old.start && found.end === old.end ? 'placed' : 'moved';
    }
  }

  const count = (o: ReanchorOutcome): number => outcomes.filter((x) => x === o).length;
  return {
    annotations: out,
    outcomes,
    requoted,
    current: count('current'),
    placed: count('placed'),
    moved: count('moved'),
    fuzzy: count('fuzzy'),
    orphaned: count('orphaned'),
  };
}

interface Found {
  start: number;
  end: number;
  fuzzy: boolean;
}

/** Where the annotation's start should be now, in code points of the new text. */
function expectedStart(start: number, learntDelta: number, options: ReanchorOptions): number {
  const edit = options.edit;
  if (edit) return start >= edit.at ? start + edit.delta : start;
  return start + learntDelta;
}

function locate(index: CodePointIndex, a: Annotation, expected: number): Found | null {
  const length = codePointLength(a.quote);
  if (length === 0) return null;

  // Fast path: quote and both contexts unchanged at the stored start or at
  // the expected (shifted) one. Requiring the context too, not just the
  // quote as Hypothesis' position check does, keeps a short quote from
  // landing on another occurrence that the shift happens to put there.
  for (const start of expected === a.start ? [a.start] : [a.start, expected]) {
    if (unchangedAt(index, a, start, length)) return { start, end: start + length, fuzzy: false };
  }

  const hintCp = Math.max(0, Math.min(expected, index.length));
  const match = matchQuote(index.text, a.quote, {
    prefix: a.prefix,
    suffix: a.suffix,
    hint: index.toUtf16(hintCp),
  });
  if (!match) return null;
  return {
    start: index.toCodePoint(match.start),
    end: index.toCodePoint(match.end),
    fuzzy: match.errors > 0,
  };
}

/** The quote with exactly its stored prefix and suffix starts at code point `start`. */
function unchangedAt(index: CodePointIndex, a: Annotation, start: number, length: number): boolean {
  if (start < 0 || start + length > index.length) return false;
  const text = index.text;
  const from = index.toUtf16(start);
  if (!text.startsWith(a.quote, from)) return false;
  const to = from + a.quote.length;
  if (!text.startsWith(a.suffix, to)) return false;
  if (from < a.prefix.length || !text.startsWith(a.prefix, from - a.prefix.length)) return false;
  // Stored context is up to 32 code points, fewer only at the text's edges:
  // a context clipped by an edge that has since moved is not "unchanged".
  return (
    from - a.prefix.length === index.toUtf16(start - CONTEXT_CHARS) &&
    to + a.suffix.length === index.toUtf16(start + length + CONTEXT_CHARS)
  );
}

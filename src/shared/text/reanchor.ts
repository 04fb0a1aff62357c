import { type Annotation, CONTEXT_CHARS, type OriginalSelector } from '../annotation/annotation-types';
import { snapToGraphemes } from './graphemes';
import { matchQuote } from './match-quote';
import { diffTexts, type TextDiff } from './text-diff';
import { codePointLength } from './text-normalize';
import { type CodePointIndex, codePointIndex, describeSpan, snapToWords, type Span } from './text-quote';

/**
 * Re-anchoring: after a document's text changed (its sha256 differs from
 * the one an annotation was made on), put each annotation where its text
 * is now. Always from the annotation's `original` selector (where a person
 * last put it), never from an earlier automatic placement, so mistakes
 * don't compound and a reverted edit brings everything back exactly.
 *
 * With the text the selector was made on (`previousText`), the edit itself
 * is followed: the selector's offsets are mapped through a diff of the two
 * texts (`text-diff.ts`).
 *  - The quote intact at the mapped range wins, whatever its context now
 *    says (its neighbours may have been rewritten) → placed / moved.
 *  - A span whose characters were all deleted is orphaned, unless the same
 *    text was inserted elsewhere (a moved paragraph), where it follows.
 *  - Otherwise `matchQuote` looks near the mapped range (exact and
 *    approximate candidates ranked together), then elsewhere only inside
 *    inserted text and with strong context on both sides → fuzzy / moved.
 * Without it (text changed on disk before Tanda kept a copy, a bundle from
 * elsewhere), the shift is learnt from neighbours, as the Hypothesis client
 * guesses, and only an unchanged quote-with-context counts as exact.
 *
 * Every placement that is not the exact quote at the mapped position gets
 * `placement: 'moved'` ("moved — check") until a person confirms it, and an
 * approximate one is widened to whole words (when the person's selection
 * was) and whole graphemes, so it never ends mid-word.
 *
 * Nothing is ever dropped: the result holds every annotation, in input
 * order. An orphan keeps its offsets and its original selector, and is
 * tried again against every later text.
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
   * `at` moved by `delta`. Only used without `previousText`; optional even
   * then: the shift is learnt from the annotations already placed.
   */
  edit?: { at: number; delta: number };
  /** The normalized text whose hash is `sha256`, if it is still known. */
  previousText?: (sha256: string) => string | undefined;
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
  const diffs = new Map<string, Edit | null>();
  const editFrom = (sha: string): Edit | null => {
    if (!diffs.has(sha)) {
      const before = sha === newSha256 ? undefined : options.previousText?.(sha);
      diffs.set(
        sha,
        before === undefined ? null : { before: codePointIndex(before), diff: diffTexts(before, newText) },
      );
    }
    return diffs.get(sha)!;
  };

  // Visit stale annotations in text order so the shift learnt from one is
  // the right guess for the next (all annotations after one edit share it).
  const stale = annotations
    .map((_, i) => i)
    .filter((i) => annotations[i]!.contentSha256 !== newSha256 || annotations[i]!.orphaned === true)
    .sort((i, j) => {
      const a = selectorOf(annotations[i]!);
      const b = selectorOf(annotations[j]!);
      return a.start - b.start || a.end - b.end;
    });

  let learntDelta = 0;
  for (const i of stale) {
    const old = annotations[i]!;
    const selector = selectorOf(old);
    const edit = selector.contentSha256 === newSha256 ? null : editFrom(selector.contentSha256);
    const found =
      selector.contentSha256 === newSha256
        ? atOwnText(index, selector)
        : edit
          ? followEdit(index, selector, edit)
          : guess(index, selector, expectedStart(selector.start, learntDelta, options));
    const { orphaned: _o, original: _s, placement: _p, ...rest } = old;
    if (!found) {
      outcomes[i] = 'orphaned';
      out[i] = old.orphaned === true ? old : { ...old, orphaned: true };
      continue;
    }
    if (!edit) learntDelta = found.start - selector.start;
    const { start, end } = found.fuzzy ? snapApproximate(index, selector, found) : found;
    const quoted = describeSpan(index, start, end);
    const backHome = selector.contentSha256 === newSha256 && start === selector.start && end === selector.end;
    out[i] = {
      ...rest,
      ...quoted,
      start,
      end,
      contentSha256: newSha256,
      ...(backHome ? {} : { original: selector }),
      ...(found.exactAtMapped ? {} : { placement: 'moved' as const }),
    };
    if (found.fuzzy) {
      outcomes[i] = 'fuzzy';
      if (quoted.quote !== old.quote) requoted.push({ id: old.id, before: old.quote, after: quoted.quote });
    } else {
      outcomes[i] = start === old.start && end === old.end ? 'placed' : 'moved';
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

/** The selector an annotation is re-anchored from: its original, else its current placement. */
export function selectorOf(a: Annotation): OriginalSelector {
  if (a.original) return a.original;
  return {
    contentSha256: a.contentSha256,
    start: a.start,
    end: a.end,
    quote: a.quote,
    prefix: a.prefix,
    suffix: a.suffix,
  };
}

interface Edit {
  before: CodePointIndex;
  diff: TextDiff;
}

interface Found {
  start: number;
  end: number;
  fuzzy: boolean;
  /** The selector's quote, exactly, where the edit (or an unchanged context) puts it. */
  exactAtMapped: boolean;
}

/** Back on the very text the selector was made on (an edit was undone). */
function atOwnText(index: CodePointIndex, s: OriginalSelector): Found | null {
  if (s.end > index.length || sliceAt(index, s.start, s.end) !== s.quote) return null;
  return { start: s.start, end: s.end, fuzzy: false, exactAtMapped: true };
}

/** Share of a candidate that must be text the edit inserted, when the quote's own text was deleted. */
const MOVED_SHARE = 0.5;

/** Follow the selector through the diff from the text it was made on. */
function followEdit(index: CodePointIndex, s: OriginalSelector, edit: Edit): Found | null {
  const { before, diff } = edit;
  const from = before.toUtf16(s.start);
  const to = before.toUtf16(s.end);
  // A selector that doesn't fit the text it names (a damaged record) can't be mapped: guess instead.
  if (before.text.slice(from, to) !== s.quote) return guess(index, s, s.start);
  const text = index.text;
  const insertedEnough = (a: number, b: number): boolean => diff.inserted(a, b) >= (b - a) * MOVED_SHARE;
  if (diff.kept(from, to) === 0) {
    const moved = followMove(before.text, text, diff, from, to);
    if (moved !== null) return toFound(index, moved, moved + s.quote.length, 0, true);
  }
  const hint = diff.mapStart(from);
  const hintEnd = Math.max(hint, diff.mapEnd(to));
  if (text.slice(hint, hintEnd) === s.quote) return toFound(index, hint, hintEnd, 0, true);
  const allDeleted = diff.kept(from, to) === 0;
  const match = matchQuote(text, s.quote, {
    prefix: s.prefix,
    suffix: s.suffix,
    hint,
    hintEnd,
    mapped: true,
    allowed: allDeleted ? insertedEnough : undefined,
  });
  if (!match) return null;
  // Far from the mapped range, only where text was inserted (it moved there).
  if (!match.near && !allDeleted && !insertedEnough(match.start, match.end)) return null;
  return toFound(index, match.start, match.end, match.errors, false);
}

/**
 * A deleted span whose surroundings (up to 32 units each side, within what
 * was deleted) were inserted, unchanged and once, elsewhere: a moved
 * paragraph or sentence. Returns the span's new UTF-16 start, or null.
 */
function followMove(before: string, after: string, diff: TextDiff, from: number, to: number): number | null {
  let a = from;
  let b = to;
  while (a > 0 && from - a < CONTEXT_CHARS && diff.kept(a - 1, a) === 0) a--;
  while (b < before.length && b - to < CONTEXT_CHARS && diff.kept(b, b + 1) === 0) b++;
  const block = before.slice(a, b);
  const at = after.indexOf(block);
  if (at === -1 || after.indexOf(block, at + 1) !== -1) return null;
  if (diff.inserted(at, at + block.length) < block.length) return null;
  return at + (from - a);
}

/** Without the old text: the shift learnt from neighbours (or a given edit) is a guess. */
function guess(index: CodePointIndex, s: OriginalSelector, expected: number): Found | null {
  const length = codePointLength(s.quote);
  if (length === 0) return null;
  // Quote and both contexts unchanged at the stored start or at the
  // expected (shifted) one. Requiring the context too, not just the quote
  // as Hypothesis' position check does, keeps a short quote from landing
  // on another occurrence that the shift happens to put there.
  for (const start of expected === s.start ? [s.start] : [s.start, expected]) {
    if (unchangedAt(index, s, start, length))
      return { start, end: start + length, fuzzy: false, exactAtMapped: true };
  }
  const hintCp = Math.max(0, Math.min(expected, index.length));
  const match = matchQuote(index.text, s.quote, {
    prefix: s.prefix,
    suffix: s.suffix,
    hint: index.toUtf16(hintCp),
  });
  if (!match) return null;
  return toFound(index, match.start, match.end, match.errors, false);
}

function toFound(index: CodePointIndex, from: number, to: number, errors: number, exact: boolean): Found {
  return {
    start: index.toCodePoint(from),
    end: index.toCodePoint(to),
    fuzzy: errors > 0,
    exactAtMapped: exact,
  };
}

/**
 * Widen an approximate match to whole graphemes, and to whole words at an
 * end where the person's selection was on a word boundary: edit distance
 * happily ends a match inside a word ("bekerja seca"), a reader never does.
 */
function snapApproximate(index: CodePointIndex, s: OriginalSelector, found: Found): Span {
  const local = s.prefix + s.quote + s.suffix;
  const localStart = codePointLength(s.prefix);
  const localEnd = localStart + codePointLength(s.quote);
  const asSelected = snapToWords(local, localStart, localEnd);
  const words = snapToWords(index, found.start, found.end);
  const start = asSelected.start === localStart ? words.start : found.start;
  const end = asSelected.end === localEnd ? words.end : found.end;
  return snapToGraphemes(index, start, end);
}

/** Where the annotation's start should be now, in code points of the new text. */
function expectedStart(start: number, learntDelta: number, options: ReanchorOptions): number {
  const edit = options.edit;
  if (edit) return start >= edit.at ? start + edit.delta : start;
  return start + learntDelta;
}

function sliceAt(index: CodePointIndex, start: number, end: number): string {
  return index.text.slice(index.toUtf16(start), index.toUtf16(end));
}

/** The quote with exactly its stored prefix and suffix starts at code point `start`. */
function unchangedAt(index: CodePointIndex, a: OriginalSelector, start: number, length: number): boolean {
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

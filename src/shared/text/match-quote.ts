import approxSearch from 'approx-string-match';

/**
 * From a stored quote and its context back to a place in a text (the other
 * direction of `text-quote.ts`), after the Hypothesis client's
 * `match-quote.ts`, with one difference that matters for a dataset: the
 * expected position is not a tie-breaker but the first place to look.
 *
 *  1. Near the expected range (where the edit mapped the quote), exact and
 *     approximate occurrences are scored together: a one-letter edit in
 *     place beats an exact copy of the phrase elsewhere.
 *  2. Only when nothing fits there is the rest of the text searched, and a
 *     candidate away from the expected place must bring strong context on
 *     both sides (or be a long exact quote the caller vouches for): a
 *     phrase whose text was deleted must not jump to a look-alike sentence.
 *
 * Positions here are UTF-16 indices, the unit of `indexOf` and of
 * `approx-string-match`; `reanchor.ts` converts to and from code points.
 */

export interface QuoteContext {
  /** Text stored before the quote ('' if the quote started the text). */
  prefix: string;
  /** Text stored after the quote ('' if the quote ended the text). */
  suffix: string;
  /** UTF-16 index where the quote is expected to start in this text. */
  hint: number;
  /** Where it is expected to end (default: hint + quote length). */
  hintEnd?: number;
  /**
   * True when the expected range comes from the edit itself (a diff): then
   * whatever fits there is the quote, whatever its context now says. False
   * when it is only a guess (a shift learnt from neighbours): a non-exact
   * match near it must also keep some of its context.
   */
  mapped?: boolean;
  /**
   * Whether a candidate may be taken at all, near or far (for instance:
   * only inside text the edit inserted, when the quote's own text was
   * deleted). Default: yes.
   */
  allowed?: (start: number, end: number) => boolean;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** Edit distance between the quote and text[start, end); 0 for an exact match. */
  errors: number;
  /** 0..1: weighted agreement of quote, context and position (see the weights below). */
  score: number;
  /** 0..1: mean similarity of the text before and after to the stored prefix and suffix. */
  contextScore: number;
  /** Found at the expected range (rather than elsewhere in the text). */
  near: boolean;
}

/**
 * Approximate matching is refused below this many characters: with the
 * 20% error rate below, a 4-character quote would allow no error anyway,
 * and a short quote one edit away from some other word ("Viet" / "Việt" /
 * "visit") is more likely to be that other word than an edited quote.
 */
export const MIN_FUZZY_QUOTE_LENGTH = 5;

/**
 * Error budget for approximate matching: 20% of the quote, at most 64.
 *
 * Hypothesis allows up to half the quote (capped at 256) because a wrong
 * highlight in a browser is cheap. Here a misplaced tag silently changes an
 * analyst's counts, while an orphan is listed for review, so we prefer
 * precision: one changed word in a sentence fits, a rewritten sentence
 * doesn't. The cap bounds the cost of a whole-text search, which grows
 * with ceil(maxErrors / 32) × text length in `approx-string-match`.
 */
export function maxErrorsFor(quote: string): number {
  if (quote.length < MIN_FUZZY_QUOTE_LENGTH) return 0;
  return Math.min(Math.floor(quote.length * 0.2), 64);
}

/**
 * A candidate away from the expected range must agree this well with the
 * stored text on EACH side (a side stored empty, at the text's edge,
 * agrees). Both sides, not their mean: a deleted sentence's phrase that
 * also opens another sentence shares one side by construction.
 */
const FAR_CONTEXT_SCORE = 0.75;

/**
 * An exact quote this long may move without its context when the caller
 * allows the place (a moved paragraph has new neighbours but is the same
 * paragraph) and it occurs only once.
 */
const SELF_EVIDENT_QUOTE_LENGTH = 32;

/** A guessed (unmapped) expected position: a near, non-exact match keeps at least this mean context. */
const GUESSED_NEAR_CONTEXT = 0.5;

/** How far (UTF-16 units) the expected range is widened, at least, to look for the quote near it. */
const NEAR_SLACK = 16;

/** Guessed positions are looked at this far around before the whole text is searched. */
const GUESS_WINDOW = 4096;

// Weights as in Hypothesis: the quote matters most, then its context;
// distance to the expected position only breaks ties between equals.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends QuoteMatch {
  prefixScore: number;
  suffixScore: number;
}

/** The best place for `quote` in `text`, or null when it can't be placed (see the module note). */
export function matchQuote(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (quote.length === 0) return null;
  const maxErrors = maxErrorsFor(quote);
  const hintEnd = context.hintEnd ?? context.hint + quote.length;
  const slack = Math.max(NEAR_SLACK, maxErrors + Math.abs(hintEnd - context.hint - quote.length));

  // 1. Near: exact and approximate candidates in one ranking.
  const lo = clamp(context.hint - slack, text);
  const hi = clamp(hintEnd + slack, text);
  const nearCandidates = [...exactOccurrences(text, quote, lo, hi), ...approximate(text, quote, lo, hi)];
  const allowed = (c: Candidate): boolean => !context.allowed || context.allowed(c.start, c.end);
  const near = best(text, quote, context, nearCandidates, (c) => {
    if (!allowed(c)) return false;
    if (context.mapped) return true;
    return (c.prefixScore + c.suffixScore) / 2 >= GUESSED_NEAR_CONTEXT;
  });
  if (near) return { ...strip(near), near: true };

  // 2. Far: anywhere else, on strong evidence only.
  const exact = exactOccurrences(text, quote, 0, text.length);
  const strong = (c: Scored): boolean => {
    if (!allowed(c)) return false;
    if (c.prefixScore >= FAR_CONTEXT_SCORE && c.suffixScore >= FAR_CONTEXT_SCORE) return true;
    return c.errors === 0 && quote.length >= SELF_EVIDENT_QUOTE_LENGTH && exact.length === 1;
  };
  const farExact = best(text, quote, context, exact, strong);
  if (farExact) return { ...strip(farExact), near: false };
  if (maxErrors === 0) return null;
  // Approximate search costs time in proportion to the text searched:
  // around a guessed position first, then everything.
  const windows: [number, number][] = context.mapped
    ? [[0, text.length]]
    : [
        [clamp(context.hint - GUESS_WINDOW, text), clamp(hintEnd + GUESS_WINDOW, text)],
        [0, text.length],
      ];
  for (const [a, b] of windows) {
    const found = best(text, quote, context, approximate(text, quote, a, b), strong);
    if (found) return { ...strip(found), near: false };
  }
  return null;
}

function clamp(n: number, text: string): number {
  return Math.max(0, Math.min(n, text.length));
}

function strip(s: Scored): Omit<QuoteMatch, 'near'> {
  return { start: s.start, end: s.end, errors: s.errors, score: s.score, contextScore: s.contextScore };
}

/** Approximate occurrences of `quote` inside text[from, to), tidied. */
function approximate(text: string, quote: string, from: number, to: number): Candidate[] {
  const maxErrors = maxErrorsFor(quote);
  if (maxErrors === 0 || to - from < quote.length - maxErrors) return [];
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  return approxSearch(part, quote, maxErrors)
    .filter((m) => m.errors > 0)
    .map((m) => tidy(text, quote, m, from));
}

/** Start/end of every occurrence of `quote` inside text[from, to). */
function exactOccurrences(text: string, quote: string, from: number, to: number): Candidate[] {
  // A slice is cheap in V8 (it shares the parent's characters) and keeps
  // indexOf from running past the window.
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const found: Candidate[] = [];
  for (let i = part.indexOf(quote); i !== -1; i = part.indexOf(quote, i + 1)) {
    found.push({ start: from + i, end: from + i + quote.length, errors: 0 });
  }
  return found;
}

/** Highest-scoring candidate that `accept` takes; ties go to the first (leftmost). */
function best(
  text: string,
  quote: string,
  context: QuoteContext,
  candidates: readonly Candidate[],
  accept: (c: Scored) => boolean,
): Scored | null {
  let winner: Scored | null = null;
  for (const c of candidates) {
    if (c.end <= c.start) continue;
    const prefixScore = similarity(
      text.slice(Math.max(0, c.start - context.prefix.length), c.start),
      context.prefix,
    );
    const suffixScore = similarity(text.slice(c.end, c.end + context.suffix.length), context.suffix);
    const contextScore = (prefixScore + suffixScore) / 2;
    const quoteScore = 1 - c.errors / quote.length;
    const positionScore = 1 - Math.abs(c.start - context.hint) / Math.max(1, text.length);
    const score =
      (QUOTE_WEIGHT * quoteScore +
        PREFIX_WEIGHT * prefixScore +
        SUFFIX_WEIGHT * suffixScore +
        POSITION_WEIGHT * positionScore) /
      TOTAL_WEIGHT;
    const scored: Scored = { ...c, score, contextScore, prefixScore, suffixScore, near: false };
    if (!accept(scored)) continue;
    if (!winner || score > winner.score) winner = scored;
  }
  return winner;
}

/**
 * Clean up an approximate match: never split a surrogate pair, and don't
 * let it start or end on whitespace the quote didn't (edit distance is
 * indifferent to swallowing a neighbouring space; a selection never is).
 * Word and grapheme boundaries are `reanchor.ts`'s job, in code points.
 */
function tidy(text: string, quote: string, m: Candidate, offset: number): Candidate {
  let start = m.start + offset;
  let end = m.end + offset;
  if (isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
  if (isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
  if (!/^\s/u.test(quote)) while (start < end && /\s/u.test(text[start]!)) start++;
  if (!/\s$/u.test(quote)) while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end, errors: m.errors };
}

/**
 * Similarity of stored context to the text now there, 0..1, from the
 * Levenshtein distance. Missing context (quote at the edge of the text)
 * counts as agreeing, as in Hypothesis.
 */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0 || actual === expected) return 1;
  if (actual.length === 0) return 0;
  return Math.max(0, 1 - editDistance(actual, expected) / expected.length);
}

/** Pattern bitmasks per UTF-16 unit for `editDistance`, cleared after each use. */
const peq = new Int32Array(0x10000);

/**
 * Levenshtein distance between two strings (UTF-16 units). Ranking
 * compares a stored 32-character context with the text at every candidate
 * (tens of thousands for a common word in a long text), so the usual case,
 * one side ≤ 32 units, uses the bit-parallel algorithm of Myers/Hyyrö: one
 * 32-bit word per column instead of a row of 32 cells.
 */
export function editDistance(a: string, b: string): number {
  const [pattern, text] = b.length <= a.length ? [b, a] : [a, b];
  const m = pattern.length;
  if (m === 0) return text.length;
  if (m > 32) return editDistanceSlow(pattern, text);
  for (let i = 0; i < m; i++) peq[pattern.charCodeAt(i)]! |= 1 << i;
  const last = 1 << (m - 1);
  let pv = -1;
  let mv = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const eq = peq[text.charCodeAt(j)]!;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    if (ph & last) score++;
    if (mh & last) score--;
    // Shifting a 1 in: row 0 of the global distance matrix grows by one per column.
    ph = (ph << 1) | 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  for (let i = 0; i < m; i++) peq[pattern.charCodeAt(i)] = 0;
  return score;
}

let row = new Int32Array(0);

/** Plain dynamic programming with one reused row, for strings over 32 units on both sides. */
function editDistanceSlow(a: string, b: string): number {
  if (row.length < b.length + 1) row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

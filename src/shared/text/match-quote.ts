import approxSearch from 'approx-string-match';

/**
 * From a stored quote and its context back to a place in a text (the other
 * direction of `text-quote.ts`), after the Hypothesis client's
 * `match-quote.ts`: exact occurrences first (indexOf), approximate ones
 * only when there are none, every candidate ranked by how well the quote,
 * the text before and after it, and its distance to the expected position
 * agree with what was stored.
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
 * Matches away from where the quote was expected must bring some of their
 * context along (mean prefix/suffix similarity), unless the quote is exact
 * and long enough to be evidence on its own: a whole moved paragraph has
 * new neighbours but is still the same paragraph, whereas a lone "China"
 * somewhere else is most likely a different mention.
 */
const MIN_CONTEXT_SCORE = 0.5;
const SELF_EVIDENT_QUOTE_LENGTH = 32;

/**
 * How far (UTF-16 units) around the hint the quote is first looked for,
 * exactly and then approximately, before the whole text is searched.
 */
const NEAR_WINDOW = 4096;

/** First, tighter window for approximate search: this much either side of where the quote should be. */
const QUOTE_WINDOW = 256;

/**
 * An exact occurrence near the hint whose context agrees at least this
 * much is taken without searching the rest of the text. Without this, an
 * edit that touches many contexts (re-typed quotation marks, a name
 * spelled differently throughout) would cost one whole-text search per
 * annotation. A duplicate elsewhere with an even better context loses,
 * which is what a reader would choose too: same words, same neighbours,
 * where they were expected.
 */
const GOOD_NEAR_CONTEXT = 0.75;

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

/**
 * The best place for `quote` in `text`, or null when it can't be placed:
 *
 *  1. exact occurrences near the hint, if the best has a good context;
 *  2. exact occurrences anywhere, ranked (if there are some but none is
 *     acceptable, approximate search would only find them again: null);
 *  3. approximate matches near the hint, then anywhere (only when
 *     `indexOf` found nothing at all, as in Hypothesis).
 */
export function matchQuote(text: string, quote: string, context: QuoteContext): QuoteMatch | null {
  if (quote.length === 0) return null;
  const pad = Math.max(NEAR_WINDOW, 4 * quote.length);
  const from = Math.max(0, context.hint - pad);
  const to = Math.min(text.length, context.hint + quote.length + pad);
  const whole = from === 0 && to === text.length;

  const nearExact = exactOccurrences(text, quote, from, to);
  const near = best(text, quote, context, nearExact);
  if (near && (whole || near.contextScore >= GOOD_NEAR_CONTEXT)) return near;
  const exact = whole ? nearExact : exactOccurrences(text, quote, 0, text.length);
  if (exact.length > 0) return best(text, quote, context, exact);

  const maxErrors = maxErrorsFor(quote);
  if (maxErrors === 0) return null;
  // Approximate search costs time in proportion to the text searched, so
  // widen step by step: just around the hint (an edited quote whose
  // position was predicted well), the near window, then everything.
  const tight = QUOTE_WINDOW + quote.length;
  for (const [a, b] of [
    [context.hint - tight, context.hint + quote.length + tight],
    [from, to],
    [0, text.length],
  ] as const) {
    const lo = Math.max(0, a);
    const hi = Math.min(text.length, b);
    const found = approxSearch(lo === 0 && hi === text.length ? text : text.slice(lo, hi), quote, maxErrors);
    const match = best(
      text,
      quote,
      context,
      found.map((m) => tidy(text, quote, m, lo)),
    );
    if (match || (lo === 0 && hi === text.length)) return match;
  }
  return null;
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

/** Highest-scoring acceptable candidate; ties go to the first (leftmost). */
function best(
  text: string,
  quote: string,
  context: QuoteContext,
  candidates: readonly Candidate[],
): QuoteMatch | null {
  let winner: QuoteMatch | null = null;
  for (const c of candidates) {
    if (c.end <= c.start) continue;
    const prefixScore = similarity(
      text.slice(Math.max(0, c.start - context.prefix.length), c.start),
      context.prefix,
    );
    const suffixScore = similarity(text.slice(c.end, c.end + context.suffix.length), context.suffix);
    const contextScore = (prefixScore + suffixScore) / 2;
    const selfEvident = c.errors === 0 && quote.length >= SELF_EVIDENT_QUOTE_LENGTH;
    if (!selfEvident && contextScore < MIN_CONTEXT_SCORE) continue;
    const quoteScore = 1 - c.errors / quote.length;
    const positionScore = 1 - Math.abs(c.start - context.hint) / Math.max(1, text.length);
    const score =
      (QUOTE_WEIGHT * quoteScore +
        PREFIX_WEIGHT * prefixScore +
        SUFFIX_WEIGHT * suffixScore +
        POSITION_WEIGHT * positionScore) /
      TOTAL_WEIGHT;
    if (!winner || score > winner.score) winner = { ...c, score, contextScore };
  }
  return winner;
}

/**
 * Clean up an approximate match: never split a surrogate pair, and don't
 * let it start or end on whitespace the quote didn't (edit distance is
 * indifferent to swallowing a neighbouring space; a selection never is).
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

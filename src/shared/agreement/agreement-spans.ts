import { intersects, type IntervalList } from './agreement-units';

/**
 * Span matching between two annotators, within one document and one tag
 * (the caller groups by both, so "same document, same tag" holds already).
 *
 * A span matches when the *other* annotator has
 *  - exact: a span with the same start and end;
 *  - overlap: a span sharing at least one code point with it.
 * Matching is existence, not a one-to-one pairing: two spans of a that
 * both overlap one span of b both match (the definition, and what
 * keeps precision and recall independent of the order spans come in).
 * Spans are counted as given: an annotator's duplicate or overlapping spans
 * each count, unlike the code point units where they are merged.
 */

export interface SpanRange {
  start: number;
  end: number;
}

/** Matched spans of one annotator against the other's. */
export interface MatchCounts {
  exact: number;
  overlap: number;
}

/**
 * How many of `own` match a span of `other`. `otherMerged` is
 * `mergeIntervals(other)`: a span overlaps some span of `other` exactly
 * when it overlaps their union, which one binary search answers.
 */
export function countMatches(
  own: readonly SpanRange[],
  other: readonly SpanRange[],
  otherMerged: IntervalList,
): MatchCounts {
  if (own.length === 0 || other.length === 0) return { exact: 0, overlap: 0 };
  const otherKeys = new Set<string>();
  for (const s of other) otherKeys.add(`${s.start}:${s.end}`);
  let exact = 0;
  let overlap = 0;
  for (const s of own) {
    if (otherKeys.has(`${s.start}:${s.end}`)) exact++;
    if (intersects(otherMerged, s.start, s.end)) overlap++;
  }
  return { exact, overlap };
}

export interface PrecisionRecall {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/**
 * a is the reference, b the candidate: precision = matched spans of b /
 * spans of b (null when b has none), recall = matched spans of a / spans
 * of a (null when a has none).
 *
 * F1 is the harmonic mean 2PR/(P+R). When only one annotator used the
 * tag, one of P and R is undefined but F1 is not: with no match possible
 * it is 2·TP/(2·TP + FP + FN) = 0, and it stays in the macro average (a
 * tag one annotator never saw is disagreement, not "nothing to say").
 * F1 is null only when neither annotator has a span. When P and R are
 * both 0 (both marked spans, none matched) F1 is 0 too: the harmonic mean
 * tends to 0 as P and R do, and it is what scikit-learn's f1_score gives
 * for tp = 0 with fp, fn > 0.
 */
export function precisionRecall(
  aSpans: number,
  aMatched: number,
  bSpans: number,
  bMatched: number,
): PrecisionRecall {
  const precision = bSpans === 0 ? null : bMatched / bSpans;
  const recall = aSpans === 0 ? null : aMatched / aSpans;
  let f1: number | null = null;
  if (precision !== null && recall !== null) {
    f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  } else if (precision !== null || recall !== null) {
    f1 = 0;
  }
  return { precision, recall, f1 };
}

/**
 * Agreement over code point units, computed from interval lists.
 *
 * Every code point of a document in scope is a unit; an annotator labels it
 * 1 for a tag when it lies inside one of their spans of that tag. Documents
 * run to millions of code points, so nothing here ever holds one value per
 * code point: an annotator's spans of one tag in one document become a
 * sorted list of disjoint intervals (`mergeIntervals`), and every count the
 * coefficients need is a sum of interval lengths:
 *
 *  - two coders: the 2×2 confusion matrix, from the two lists' covered
 *    lengths and the length of their intersection (a two-pointer walk);
 *  - m coders: how many units exactly k of the m coders labelled 1, for
 *    k = 0..m (`coderHistogram`, a sweep over all interval endpoints).
 *
 * Both are additive over documents, so a tag's counts are the sum of its
 * per-document counts, and the coefficients below take only counts.
 * Everything is O(spans · log spans) and independent of document length.
 */

/** Sorted, disjoint, non-adjacent half-open intervals, flattened: `[s0, e0, s1, e1, …]`. */
export type IntervalList = readonly number[];

/** Sorts (a copy) and merges overlapping or touching intervals; empty intervals vanish. */
export function mergeIntervals(spans: readonly { start: number; end: number }[]): number[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((x, y) => x.start - y.start || x.end - y.end);
  const out: number[] = [];
  for (const { start, end } of sorted) {
    const last = out.length - 1;
    if (last > 0 && start <= out[last]!) {
      if (end > out[last]!) out[last] = end;
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/** Number of units an interval list covers. */
export function coveredLength(list: IntervalList): number {
  let total = 0;
  for (let i = 0; i < list.length; i += 2) total += list[i + 1]! - list[i]!;
  return total;
}

/** Number of units covered by both lists (two-pointer walk, O(|a| + |b|)). */
export function intersectionLength(a: IntervalList, b: IntervalList): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (end > start) total += end - start;
    // Advance whichever interval ends first; it cannot meet anything later.
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}

/**
 * True when `list` shares at least one unit with [start, end): binary search
 * for the first interval ending after `start`, then check it begins before `end`.
 */
export function intersects(list: IntervalList, start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[2 * mid + 1]! > start) hi = mid;
    else lo = mid + 1;
  }
  return lo < list.length / 2 && list[2 * lo]! < end;
}

/**
 * The 2×2 confusion matrix of coders a and b over binary units, as counts:
 * `n11` both 1, `n10` a 1 and b 0, `n01` a 0 and b 1, `n00` both 0.
 */
export interface Confusion {
  n11: number;
  n10: number;
  n01: number;
  n00: number;
}

/** Confusion counts of one document: `units` code points, a's and b's merged intervals. */
export function confusionOf(units: number, a: IntervalList, b: IntervalList): Confusion {
  const both = intersectionLength(a, b);
  const aOnly = coveredLength(a) - both;
  const bOnly = coveredLength(b) - both;
  return { n11: both, n10: aOnly, n01: bOnly, n00: units - both - aOnly - bOnly };
}

/**
 * `histogram[k]` = number of units that exactly k of the lists cover, for
 * k = 0..lists.length, over `units` units. A sweep over the sorted interval
 * endpoints: between two consecutive endpoints the number of covering lists
 * is constant (each list is disjoint, so it never exceeds lists.length).
 */
export function coderHistogram(units: number, lists: readonly IntervalList[]): number[] {
  const histogram = new Array<number>(lists.length + 1).fill(0);
  let endpoints = 0;
  for (const list of lists) endpoints += list.length;
  // Each endpoint encoded as position·2 + (1 for a start, 0 for an end), so
  // one numeric sort orders them; the order of an end and a start at the
  // same position does not matter (the segment between them is empty).
  const events = new Float64Array(endpoints);
  let e = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i += 2) {
      events[e++] = list[i]! * 2 + 1;
      events[e++] = list[i + 1]! * 2;
    }
  }
  events.sort();
  let depth = 0;
  let previous = 0;
  let covered = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const position = Math.floor(event / 2);
    if (depth > 0) {
      histogram[depth]! += position - previous;
      covered += position - previous;
    }
    previous = position;
    depth += event % 2 === 1 ? 1 : -1;
  }
  histogram[0] = units - covered;
  return histogram;
}

// ---------------------------------------------------------------- coefficients

/**
 * Cohen's kappa, computed the way scikit-learn's `cohen_kappa_score` does
 * (1 − observed / expected disagreement, expected from the outer product of
 * the marginals), so results agree to the last bit or nearly. Null where
 * scikit-learn gives NaN: no units, or expected disagreement 0 (p_e = 1,
 * i.e. both coders gave every unit the same single label).
 */
export function cohenKappa(c: Confusion): number | null {
  const units = c.n11 + c.n10 + c.n01 + c.n00;
  const a1 = c.n11 + c.n10;
  const a0 = c.n01 + c.n00;
  const b1 = c.n11 + c.n01;
  const b0 = c.n10 + c.n00;
  if (units === 0 || (b0 * a1 === 0 && b1 * a0 === 0)) return null;
  const expected = (b0 * a1) / units + (b1 * a0) / units;
  return 1 - (c.n10 + c.n01) / expected;
}

/**
 * Krippendorff's alpha, nominal, for m coders who all coded every unit (no
 * missing values: a code point outside every span is a 0, not missing).
 *
 * Coincidence matrix, with n = m·N pairable values and histogram[k] = units
 * where k coders said 1: a unit with k ones contributes k(m−k)/(m−1) to each
 * off-diagonal cell o₀₁ = o₁₀. With n₁ = Σ k·histogram[k] and n₀ = n − n₁,
 *   D_o = 2·o₀₁ / n,   D_e = 2·n₀·n₁ / (n(n−1)),
 *   α = 1 − D_o/D_e = 1 − (n−1)·Σₖ histogram[k]·k(m−k) / ((m−1)·n₀·n₁).
 * For m = 2 that is 1 − (2N−1)·(n₁₀+n₀₁) / (n₀·n₁), what NLTK's
 * `AnnotationTask(distance=binary_distance).alpha()` computes item by item.
 *
 * Null when D_e = 0 (every value the same, or no units). NLTK returns 1
 * there by a special case; Krippendorff defines α as undefined without
 * variation, and 1 would claim reliability the data cannot show.
 */
export function krippendorffAlpha(histogram: readonly number[]): number | null {
  const m = histogram.length - 1;
  let units = 0;
  let ones = 0;
  let disagreeing = 0;
  for (let k = 0; k <= m; k++) {
    const count = histogram[k]!;
    units += count;
    ones += k * count;
    disagreeing += k * (m - k) * count;
  }
  const n = m * units;
  const zeros = n - ones;
  if (m < 2 || zeros === 0 || ones === 0) return null;
  return 1 - ((n - 1) * disagreeing) / ((m - 1) * zeros * ones);
}

/**
 * Fleiss' kappa for m coders over binary units, as statsmodels'
 * `fleiss_kappa(table, method='fleiss')` computes it from the subjects ×
 * categories table, with the subjects grouped by how many coders said 1:
 *   P_k = (k² + (m−k)² − m) / (m(m−1)),   P̄ = Σₖ histogram[k]·P_k / N,
 *   p₁ = n₁/(mN), p₀ = n₀/(mN),   P_e = p₀² + p₁²,   κ = (P̄ − P_e)/(1 − P_e).
 * Null when there are no units or P_e = 1 (one label everywhere).
 */
export function fleissKappa(histogram: readonly number[]): number | null {
  const m = histogram.length - 1;
  let units = 0;
  let ones = 0;
  let agreementSum = 0;
  for (let k = 0; k <= m; k++) {
    const count = histogram[k]!;
    units += count;
    ones += k * count;
    agreementSum += count * (k * k + (m - k) * (m - k) - m);
  }
  const total = m * units;
  if (m < 2 || ones === 0 || ones === total) return null;
  const observed = agreementSum / (m * (m - 1)) / units;
  const p1 = ones / total;
  const p0 = (total - ones) / total;
  const expected = p0 * p0 + p1 * p1;
  return (observed - expected) / (1 - expected);
}

/**
 * The few statistics the benchmark reports. Percentiles use the nearest-rank
 * method (the smallest value with at least p % of the values at or below
 * it), so a p95 of 50 operations is the 48th fastest: always a value that
 * was measured, never an interpolation between two.
 */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  values: number[];
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max over runs, rounded to `digits` decimals. */
export function summarize(values: readonly number[], digits = 1): Summary {
  return {
    median: round(median(values), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
    values: values.map((v) => round(v, digits)),
  };
}

/** p50 and p95 of one run's operations. */
export interface Percentiles {
  p50: number;
  p95: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  return { p50: percentile(values, 50), p95: percentile(values, 95) };
}

/** Per-run p50/p95 → the median, min and max of each over runs. */
export function summarizePercentiles(
  runs: readonly Percentiles[],
  digits = 1,
): { p50: Summary; p95: Summary } {
  return {
    p50: summarize(
      runs.map((r) => r.p50),
      digits,
    ),
    p95: summarize(
      runs.map((r) => r.p95),
      digits,
    ),
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

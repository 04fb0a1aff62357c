import { precisionRecall, type PrecisionRecall } from './agreement-spans';
import type { AttributeAgreement } from './attribute-agreement';
import { cohenKappa, fleissKappa, krippendorffAlpha, type Confusion } from './agreement-units';

/**
 * The report's JSON shape (what `tanda agreement --json` prints and the app
 * shows), and how it is assembled from additive counts.
 *
 * Field names are snake_case and fixed: scripts read them. Fields are only
 * ever added, never renamed. Every number is a plain double; a measure that
 * is undefined for the data is `null`, never NaN and never a stand-in 0 or 1.
 */

export interface PairKappa {
  a: string;
  b: string;
  kappa: number | null;
}

export interface TagAgreement {
  /** Cohen's kappa of a and b over code point units. */
  kappa: number | null;
  /** Krippendorff's alpha (nominal) of a and b over the same units. */
  alpha: number | null;
  a_spans: number;
  b_spans: number;
  exact: PrecisionRecall;
  overlap: PrecisionRecall;
  /** Share of documents where both or neither of a and b used the tag. */
  presence: number | null;
  /** Three or more annotators only: alpha over all of them. */
  alpha_all?: number | null;
  /** Three or more annotators only: Fleiss' kappa over all of them. */
  fleiss_kappa?: number | null;
  /** Three or more annotators only: Cohen's kappa of every pair, in annotator order. */
  pairwise?: PairKappa[];
}

export interface MacroAgreement {
  kappa: number | null;
  alpha: number | null;
  exact_f1: number | null;
  overlap_f1: number | null;
  alpha_all?: number | null;
  fleiss_kappa?: number | null;
  pairwise?: PairKappa[];
}

export interface DocumentAgreement {
  document_path: string;
  /** Mean over tags of this document's kappa (tags where it is defined), null when none is. */
  kappa: number | null;
  /** The same for alpha. */
  alpha: number | null;
  tags: Record<string, TagAgreement>;
}

export interface AgreementReport {
  /** Documents in scope (their code points are the units). */
  documents: number;
  /** The pair every two-annotator field compares: [a, b]. */
  annotators: string[];
  /** Three or more annotators only: all of them, a and b first. */
  annotators_all?: string[];
  tags: Record<string, TagAgreement>;
  macro: MacroAgreement;
  per_document: DocumentAgreement[];
  /** Per tag, per attribute: a and b over their matched spans (`attribute-agreement.ts`). */
  attributes: Record<string, Record<string, AttributeAgreement>>;
}

/**
 * Everything a tag's measures need, for one document or summed over many.
 * All fields add up across documents.
 */
export interface AgreementCounts {
  units: number;
  documents: number;
  /** Documents where a and b both used the tag, or neither did. */
  presenceAgreements: number;
  /** Confusion counts per annotator pair, in `pairsOf` order; [0] is (a, b). */
  pairs: Confusion[];
  /** Units labelled 1 by exactly k of all annotators, k = 0..m; only for m ≥ 3. */
  histogram: number[] | null;
  aSpans: number;
  bSpans: number;
  aExact: number;
  bExact: number;
  aOverlap: number;
  bOverlap: number;
}

/** Index pairs (i, j), i < j, in annotator order: (0,1), (0,2), …, (1,2), … */
export function pairsOf(annotatorCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < annotatorCount; i++) for (let j = i + 1; j < annotatorCount; j++) pairs.push([i, j]);
  return pairs;
}

export function addCounts(into: AgreementCounts, add: AgreementCounts): void {
  into.units += add.units;
  into.documents += add.documents;
  into.presenceAgreements += add.presenceAgreements;
  into.pairs.forEach((c, p) => {
    const d = add.pairs[p]!;
    c.n11 += d.n11;
    c.n10 += d.n10;
    c.n01 += d.n01;
    c.n00 += d.n00;
  });
  if (into.histogram && add.histogram)
    into.histogram.forEach((_, k) => (into.histogram![k]! += add.histogram![k]!));
  into.aSpans += add.aSpans;
  into.bSpans += add.bSpans;
  into.aExact += add.aExact;
  into.bExact += add.bExact;
  into.aOverlap += add.aOverlap;
  into.bOverlap += add.bOverlap;
}

export function emptyCounts(annotatorCount: number): AgreementCounts {
  return {
    units: 0,
    documents: 0,
    presenceAgreements: 0,
    pairs: pairsOf(annotatorCount).map(() => ({ n11: 0, n10: 0, n01: 0, n00: 0 })),
    histogram: annotatorCount >= 3 ? new Array<number>(annotatorCount + 1).fill(0) : null,
    aSpans: 0,
    bSpans: 0,
    aExact: 0,
    bExact: 0,
    aOverlap: 0,
    bOverlap: 0,
  };
}

/** The measures of one tag from its counts. */
export function tagAgreement(counts: AgreementCounts, annotators: readonly string[]): TagAgreement {
  const ab = counts.pairs[0]!;
  const result: TagAgreement = {
    kappa: cohenKappa(ab),
    alpha: krippendorffAlpha([ab.n00, ab.n10 + ab.n01, ab.n11]),
    a_spans: counts.aSpans,
    b_spans: counts.bSpans,
    exact: precisionRecall(counts.aSpans, counts.aExact, counts.bSpans, counts.bExact),
    overlap: precisionRecall(counts.aSpans, counts.aOverlap, counts.bSpans, counts.bOverlap),
    presence: counts.documents === 0 ? null : counts.presenceAgreements / counts.documents,
  };
  if (counts.histogram) {
    result.alpha_all = krippendorffAlpha(counts.histogram);
    result.fleiss_kappa = fleissKappa(counts.histogram);
    result.pairwise = pairsOf(annotators.length).map(([i, j], p) => ({
      a: annotators[i]!,
      b: annotators[j]!,
      kappa: cohenKappa(counts.pairs[p]!),
    }));
  }
  return result;
}

/**
 * Macro averages: for each measure, the plain mean over tags of its
 * non-null values, null when it is null for every tag (or there are no
 * tags). A tag where a measure is undefined says nothing about agreement
 * on that measure, so it is left out rather than counted as 0 or 1; the
 * per-tag table shows which tags those are.
 */
export function macroAgreement(tags: readonly TagAgreement[], annotators: readonly string[]): MacroAgreement {
  const macro: MacroAgreement = {
    kappa: meanOfDefined(tags.map((t) => t.kappa)),
    alpha: meanOfDefined(tags.map((t) => t.alpha)),
    exact_f1: meanOfDefined(tags.map((t) => t.exact.f1)),
    overlap_f1: meanOfDefined(tags.map((t) => t.overlap.f1)),
  };
  if (annotators.length >= 3) {
    macro.alpha_all = meanOfDefined(tags.map((t) => t.alpha_all ?? null));
    macro.fleiss_kappa = meanOfDefined(tags.map((t) => t.fleiss_kappa ?? null));
    macro.pairwise = pairsOf(annotators.length).map(([i, j], p) => ({
      a: annotators[i]!,
      b: annotators[j]!,
      kappa: meanOfDefined(tags.map((t) => t.pairwise?.[p]?.kappa ?? null)),
    }));
  }
  return macro;
}

export function meanOfDefined(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null) continue;
    sum += v;
    count++;
  }
  return count === 0 ? null : sum / count;
}

import { describe, expect, it } from 'vitest';
import { AgreementInputError, computeAgreement, type AgreementInput, type AgreementSpan } from '../agreement';
import { precisionRecall } from '../agreement-spans';
import {
  coderHistogram,
  cohenKappa,
  confusionOf,
  fleissKappa,
  intersectionLength,
  intersects,
  krippendorffAlpha,
  mergeIntervals,
} from '../agreement-units';

/** `span('ann', 'a.txt', 'claim', 0, 10)` */
function span(
  annotator: string,
  documentPath: string,
  tag: string,
  start: number,
  end: number,
): AgreementSpan {
  return { annotator, documentPath, tag, start, end };
}

function report(input: Partial<AgreementInput> & Pick<AgreementInput, 'documents' | 'spans'>) {
  return computeAgreement({ annotators: ['ann', 'bob'], tags: [], ...input });
}

describe('interval lists', () => {
  it("merges an annotator's overlapping and touching spans, dropping empty ones", () => {
    expect(
      mergeIntervals([
        { start: 6, end: 8 },
        { start: 0, end: 4 },
        { start: 2, end: 6 },
        { start: 20, end: 20 },
        { start: 10, end: 12 },
      ]),
    ).toEqual([0, 8, 10, 12]);
    expect(
      mergeIntervals([
        { start: 0, end: 10 },
        { start: 2, end: 3 },
      ]),
    ).toEqual([0, 10]);
    expect(mergeIntervals([])).toEqual([]);
  });

  it('measures the intersection of two lists', () => {
    // [0,5) ∩ [3,8) = 2, [10,20) ∩ [12,14) ∪ [18,25) = 2 + 2
    expect(intersectionLength([0, 5, 10, 20], [3, 8, 12, 14, 18, 25])).toBe(6);
    expect(intersectionLength([0, 5], [5, 10])).toBe(0);
    expect(intersectionLength([], [0, 5])).toBe(0);
  });

  it('finds whether a range shares a code point with a list', () => {
    const list = [2, 4, 10, 12];
    expect(intersects(list, 0, 2)).toBe(false); // ends where [2,4) starts
    expect(intersects(list, 0, 3)).toBe(true);
    expect(intersects(list, 4, 10)).toBe(false); // the gap exactly
    expect(intersects(list, 11, 30)).toBe(true);
    expect(intersects(list, 12, 30)).toBe(false);
    expect(intersects([], 0, 5)).toBe(false);
  });

  it('counts units by how many coders cover them', () => {
    // units 0..9; a [0,3), b [0,2) ∪ [5,6), c [0,1): k=3 at 0, k=2 at 1, k=1 at 2 and 5, k=0 at 3,4,6..9
    expect(
      coderHistogram(10, [
        [0, 3],
        [0, 2, 5, 6],
        [0, 1],
      ]),
    ).toEqual([6, 2, 1, 1]);
    expect(coderHistogram(4, [[], []])).toEqual([4, 0, 0]);
  });
});

describe('coefficients from counts', () => {
  it('Cohen kappa: 20 units, each coder 10, overlapping on 5', () => {
    // p_o = (5 + 5)/20 = 0.5; p_a = p_b = 0.5, p_e = 0.5·0.5 + 0.5·0.5 = 0.5 → κ = 0
    expect(cohenKappa({ n11: 5, n10: 5, n01: 5, n00: 5 })).toBe(0);
    // p_o = 0.75; p_a = 0.75, p_b = 0.5, p_e = 0.375 + 0.125 = 0.5 → κ = 0.25/0.5 = 0.5
    expect(cohenKappa({ n11: 2, n10: 1, n01: 0, n00: 1 })).toBeCloseTo(0.5, 15);
  });

  it('Cohen kappa is null when expected agreement is 1 or there are no units', () => {
    expect(cohenKappa({ n11: 0, n10: 0, n01: 0, n00: 30 })).toBeNull(); // nobody said 1
    expect(cohenKappa({ n11: 30, n10: 0, n01: 0, n00: 0 })).toBeNull(); // both said 1 everywhere
    expect(cohenKappa({ n11: 0, n10: 0, n01: 0, n00: 0 })).toBeNull();
  });

  it('alpha, two coders: 1 − (2N−1)·D/(n₀·n₁)', () => {
    // N = 20, D = 10, n₁ = 2·5 + 10 = 20, n₀ = 20 → 1 − 39·10/400 = 0.025
    expect(krippendorffAlpha([5, 10, 5])).toBeCloseTo(0.025, 15);
    expect(krippendorffAlpha([30, 0, 0])).toBeNull();
    expect(krippendorffAlpha([0, 0, 7])).toBeNull();
  });

  it('alpha and Fleiss kappa, three coders, one unit at each k', () => {
    // histogram [1,1,1,1]: m = 3, n = 12, n₁ = 0+1+2+3 = 6, n₀ = 6, Σ k(m−k) = 0+2+2+0 = 4
    // α = 1 − 11·4/(2·6·6) = 1 − 44/72 = 7/18
    expect(krippendorffAlpha([1, 1, 1, 1])).toBeCloseTo(7 / 18, 15);
    // P_k = (k² + (3−k)² − 3)/6 = 1, 1/3, 1/3, 1 → P̄ = 2/3; p₁ = 0.5, P_e = 0.5 → κ = (2/3 − 1/2)/(1/2) = 1/3
    expect(fleissKappa([1, 1, 1, 1])).toBeCloseTo(1 / 3, 15);
    expect(fleissKappa([5, 0, 0, 0])).toBeNull();
  });

  it('confusion of one document from two lists', () => {
    // 20 units, a [0,10), b [5,15): both 5..9, a only 0..4, b only 10..14, neither 15..19
    expect(confusionOf(20, [0, 10], [5, 15])).toEqual({ n11: 5, n10: 5, n01: 5, n00: 5 });
  });
});

describe('precision, recall and F1', () => {
  it('is null where a denominator is 0; F1 is 0 when only one annotator has spans, null when neither has', () => {
    expect(precisionRecall(0, 0, 0, 0)).toEqual({ precision: null, recall: null, f1: null });
    expect(precisionRecall(3, 0, 0, 0)).toEqual({ precision: null, recall: 0, f1: 0 });
    expect(precisionRecall(0, 0, 2, 0)).toEqual({ precision: 0, recall: null, f1: 0 });
  });

  it('gives F1 = 0 when both annotators marked spans and none matched', () => {
    expect(precisionRecall(3, 0, 2, 0)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('is the harmonic mean otherwise', () => {
    // P = 1/2, R = 2/4 → F1 = 2·(1/2)(1/2)/(1/2 + 1/2) = 1/2; P = 1, R = 1/3 → F1 = (2/3)/(4/3) = 1/2
    expect(precisionRecall(4, 2, 2, 1).f1).toBe(0.5);
    expect(precisionRecall(3, 1, 1, 1).f1).toBe(0.5);
  });
});

describe('computeAgreement', () => {
  it('two annotators overlapping by half: κ = 0, α = 0.025, no exact match, every span overlaps', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [span('ann', 'a.txt', 'claim', 0, 10), span('bob', 'a.txt', 'claim', 5, 15)],
      tags: ['claim'],
    });
    const claim = {
      kappa: 0,
      alpha: 1 - 390 / 400,
      a_spans: 1,
      b_spans: 1,
      exact: { precision: 0, recall: 0, f1: 0 },
      overlap: { precision: 1, recall: 1, f1: 1 },
      presence: 1,
    };
    expect(r).toEqual({
      documents: 1,
      annotators: ['ann', 'bob'],
      tags: { claim },
      macro: { kappa: 0, alpha: claim.alpha, exact_f1: 0, overlap_f1: 1 },
      per_document: [{ document_path: 'a.txt', kappa: 0, alpha: claim.alpha, tags: { claim } }],
      attributes: {},
    });
    expect(Object.keys(r)).toEqual([
      'documents',
      'annotators',
      'tags',
      'macro',
      'per_document',
      'attributes',
    ]);
    expect(Object.keys(r.tags.claim!)).toEqual([
      'kappa',
      'alpha',
      'a_spans',
      'b_spans',
      'exact',
      'overlap',
      'presence',
    ]);
  });

  it('identical annotations: κ = α = 1 and every measure perfect', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 30 }],
      spans: [span('ann', 'a.txt', 'claim', 3, 9), span('bob', 'a.txt', 'claim', 3, 9)],
    });
    expect(r.tags.claim).toEqual({
      kappa: 1,
      alpha: 1,
      a_spans: 1,
      b_spans: 1,
      exact: { precision: 1, recall: 1, f1: 1 },
      overlap: { precision: 1, recall: 1, f1: 1 },
      presence: 1,
    });
  });

  it('complete disagreement: κ = −1, α = 1 − 19·20/(20·20) = 0.05 − 1', () => {
    // 20 units, a [0,10), b [10,20): n₁₀ = n₀₁ = 10, p_o = 0, p_e = 0.5 → κ = −1
    // α: n₀ = n₁ = 20, D = 20 → 1 − 39·20/400 = −0.95
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [span('ann', 'a.txt', 'claim', 0, 10), span('bob', 'a.txt', 'claim', 10, 20)],
    });
    expect(r.tags.claim!.kappa).toBe(-1);
    expect(r.tags.claim!.alpha).toBeCloseTo(-0.95, 15);
    expect(r.tags.claim!.exact).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.tags.claim!.overlap).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.tags.claim!.presence).toBe(1);
  });

  it('no spans at all: a listed tag is reported with null measures and presence 1', () => {
    const r = report({ documents: [{ path: 'a.txt', chars: 10 }], spans: [], tags: ['claim'] });
    const none = {
      kappa: null,
      alpha: null,
      a_spans: 0,
      b_spans: 0,
      exact: { precision: null, recall: null, f1: null },
      overlap: { precision: null, recall: null, f1: null },
      presence: 1,
    };
    expect(r.tags).toEqual({ claim: none });
    expect(r.macro).toEqual({ kappa: null, alpha: null, exact_f1: null, overlap_f1: null });
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it('no documents: presence is null too', () => {
    const r = report({ documents: [], spans: [], tags: ['claim'] });
    expect(r.documents).toBe(0);
    expect(r.tags.claim!.presence).toBeNull();
    expect(r.per_document).toEqual([]);
  });

  it('one annotator silent on the whole tag: κ = 0, α = −4/15, precision null, recall and F1 0', () => {
    // 10 units, a [0,5), b nothing: p_o = 0.5, p_a = 0.5, p_b = 0, p_e = 0.5 → κ = 0
    // α: n₁ = 5, n₀ = 15, D = 5 → 1 − 19·5/75 = −4/15
    const r = report({
      documents: [{ path: 'a.txt', chars: 10 }],
      spans: [span('ann', 'a.txt', 'claim', 0, 5)],
    });
    expect(r.tags.claim).toMatchObject({ kappa: 0, a_spans: 1, b_spans: 0, presence: 0 });
    expect(r.tags.claim!.alpha).toBeCloseTo(-4 / 15, 15);
    expect(r.tags.claim!.exact).toEqual({ precision: null, recall: 0, f1: 0 });
  });

  it('one annotator silent on one document: presence 1/2, units of both documents count', () => {
    // a.txt (10): a [0,4), b [0,4); b.txt (10): a [0,2), b nothing.
    // n₁₁ = 4, n₁₀ = 2, n₀₁ = 0, n₀₀ = 14, N = 20: p_o = 18/20, p_a = 6/20, p_b = 4/20
    // p_e = 0.3·0.2 + 0.7·0.8 = 0.62 → κ = (0.9 − 0.62)/0.38 = 0.28/0.38 = 14/19
    const r = report({
      documents: [
        { path: 'a.txt', chars: 10 },
        { path: 'b.txt', chars: 10 },
      ],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 4),
        span('bob', 'a.txt', 'claim', 0, 4),
        span('ann', 'b.txt', 'claim', 0, 2),
      ],
    });
    expect(r.tags.claim!.kappa).toBeCloseTo(14 / 19, 15);
    expect(r.tags.claim!.presence).toBe(0.5);
    // a has 2 spans, 1 matched; b has 1, matched → P = 1, R = 1/2, F1 = 2/3
    expect(r.tags.claim!.exact).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
    expect(r.per_document.map((d) => d.tags.claim!.presence)).toEqual([1, 0]);
    expect(r.per_document[0]!.tags.claim!.kappa).toBe(1);
    // b.txt alone: p_o = 0.8, p_a = 0.2, p_b = 0 → p_e = 0.8 → κ = 0
    expect(r.per_document[1]!.tags.claim!.kappa).toBe(0);
  });

  it("merges an annotator's own overlapping spans for units but counts every span", () => {
    // a [0,4) ∪ [2,6) ∪ [6,8) = [0,8), b [0,8), 10 units: identical units → κ = 1
    const r = report({
      documents: [{ path: 'a.txt', chars: 10 }],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 4),
        span('ann', 'a.txt', 'claim', 2, 6),
        span('ann', 'a.txt', 'claim', 6, 8),
        span('bob', 'a.txt', 'claim', 0, 8),
      ],
    });
    expect(r.tags.claim).toMatchObject({ kappa: 1, alpha: 1, a_spans: 3, b_spans: 1 });
    expect(r.tags.claim!.exact).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.tags.claim!.overlap).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('overlap matching is existence: two spans of a inside one of b both match', () => {
    // a [0,3), [5,8), [15,18); b [2,6): a's first two overlap b, the third does not
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [
        span('ann', 'a.txt', 't', 0, 3),
        span('ann', 'a.txt', 't', 5, 8),
        span('ann', 'a.txt', 't', 15, 18),
        span('bob', 'a.txt', 't', 2, 6),
      ],
    });
    // P = 1/1, R = 2/3, F1 = 2·(2/3)/(5/3) = 4/5
    expect(r.tags.t!.overlap).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8 });
  });

  it('keeps a tag only one annotator used in the macro F1, at 0', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 5),
        span('bob', 'a.txt', 'claim', 0, 5),
        span('ann', 'a.txt', 'actor', 10, 15),
      ],
      tags: ['claim', 'actor'],
    });
    expect(r.tags.actor!.exact.f1).toBe(0);
    expect(r.macro.exact_f1).toBe(0.5);
  });

  it('matches spans only within the same document and tag', () => {
    const r = report({
      documents: [
        { path: 'a.txt', chars: 10 },
        { path: 'b.txt', chars: 10 },
      ],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 5),
        span('bob', 'b.txt', 'claim', 0, 5),
        span('bob', 'a.txt', 'actor', 0, 5),
      ],
      tags: ['claim', 'actor'],
    });
    expect(r.tags.claim!.exact).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.tags.claim!.overlap).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(r.tags.actor!.overlap).toEqual({ precision: 0, recall: null, f1: 0 });
    // claim: units a [0,5) of a.txt, b [0,5) of b.txt: n₁₀ = n₀₁ = 5, n₀₀ = 10, p_o = 0.5,
    // p_a = p_b = 0.25, p_e = 0.0625 + 0.5625 = 0.625 → κ = −0.125/0.375 = −1/3
    expect(r.tags.claim!.kappa).toBeCloseTo(-1 / 3, 15);
    expect(r.tags.claim!.presence).toBe(0);
  });

  it('three annotators: alpha over all, Fleiss kappa and the pairwise table', () => {
    // 4 units; a [0,3), b [0,2), c [0,1) → k = 3, 2, 1, 0 (the histogram [1,1,1,1] above)
    const r = computeAgreement({
      documents: [{ path: 'a.txt', chars: 4 }],
      annotators: ['ann', 'bob', 'cyd'],
      tags: ['claim'],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 3),
        span('bob', 'a.txt', 'claim', 0, 2),
        span('cyd', 'a.txt', 'claim', 0, 1),
      ],
    });
    expect(r.annotators).toEqual(['ann', 'bob']);
    expect(r.annotators_all).toEqual(['ann', 'bob', 'cyd']);
    const claim = r.tags.claim!;
    // a,b: n₁₁ = 2, n₁₀ = 1, n₀₀ = 1 → κ = 0.5; α: n₁ = 5, n₀ = 3, D = 1 → 1 − 7/15 = 8/15
    expect(claim.kappa).toBeCloseTo(0.5, 15);
    expect(claim.alpha).toBeCloseTo(8 / 15, 15);
    expect(claim.alpha_all).toBeCloseTo(7 / 18, 15);
    expect(claim.fleiss_kappa).toBeCloseTo(1 / 3, 15);
    // a,c: p_o = 0.5, p_e = 0.75·0.25 + 0.25·0.75 = 0.375 → 0.125/0.625 = 0.2
    // b,c: p_o = 0.75, p_e = 0.5·0.25 + 0.5·0.75 = 0.5 → 0.5
    expect(claim.pairwise!.map((p) => [p.a, p.b])).toEqual([
      ['ann', 'bob'],
      ['ann', 'cyd'],
      ['bob', 'cyd'],
    ]);
    expect(claim.pairwise![0]!.kappa).toBeCloseTo(0.5, 15);
    expect(claim.pairwise![1]!.kappa).toBeCloseTo(0.2, 15);
    expect(claim.pairwise![2]!.kappa).toBeCloseTo(0.5, 15);
    expect(r.macro.alpha_all).toBe(claim.alpha_all);
    expect(r.macro.fleiss_kappa).toBe(claim.fleiss_kappa);
    expect(r.macro.pairwise).toEqual(claim.pairwise);
    expect(Object.keys(claim)).toEqual([
      'kappa',
      'alpha',
      'a_spans',
      'b_spans',
      'exact',
      'overlap',
      'presence',
      'alpha_all',
      'fleiss_kappa',
      'pairwise',
    ]);
    expect(Object.keys(r.per_document[0]!.tags.claim!)).toEqual(Object.keys(claim));
  });

  it('macro is the mean of the defined per-tag values', () => {
    // claim κ = 0 (the half-overlap case); actor identical → κ = 1; unused → null, left out
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 10),
        span('bob', 'a.txt', 'claim', 5, 15),
        span('ann', 'a.txt', 'actor', 1, 2),
        span('bob', 'a.txt', 'actor', 1, 2),
      ],
      tags: ['claim', 'actor', 'unused'],
    });
    expect(Object.keys(r.tags)).toEqual(['claim', 'actor', 'unused']);
    expect(r.macro).toEqual({ kappa: 0.5, alpha: (0.025 + 1) / 2, exact_f1: 0.5, overlap_f1: 1 });
  });

  it('appends tags that spans use but the list lacks, in order of first use', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 20 }],
      spans: [
        span('bob', 'a.txt', 'zeta', 0, 1),
        span('ann', 'a.txt', 'alpha', 0, 1),
        span('ann', 'a.txt', 'zeta', 0, 1),
      ],
      tags: ['listed'],
    });
    expect(Object.keys(r.tags)).toEqual(['listed', 'zeta', 'alpha']);
  });

  it('ignores spans of annotators not compared', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 10 }],
      spans: [
        span('ann', 'a.txt', 'claim', 0, 5),
        span('bob', 'a.txt', 'claim', 0, 5),
        span('cyd', 'a.txt', 'claim', 5, 10),
      ],
    });
    expect(r.tags.claim!.kappa).toBe(1);
    expect(r.annotators_all).toBeUndefined();
  });

  it('holds a tag id that is an Object key', () => {
    const r = report({
      documents: [{ path: 'a.txt', chars: 10 }],
      spans: [span('ann', 'a.txt', '__proto__', 0, 5)],
    });
    expect(Object.keys(r.tags)).toEqual(['__proto__']);
    expect(JSON.stringify(r.tags)).toMatch(/^\{"__proto__":\{"kappa":0,"alpha":[^,]+,"a_spans":1,/);
  });

  it('rejects input that breaks the contract', () => {
    const documents = [{ path: 'a.txt', chars: 10 }];
    expect(() => report({ documents, spans: [], annotators: ['ann'] })).toThrow(AgreementInputError);
    expect(() => report({ documents, spans: [], annotators: ['ann', 'ann'] })).toThrow(/twice/);
    expect(() => report({ documents, spans: [span('ann', 'b.txt', 'claim', 0, 1)] })).toThrow(
      /"b.txt", which is not in scope/,
    );
    expect(() => report({ documents, spans: [span('ann', 'a.txt', 'claim', 5, 11)] })).toThrow(
      /not inside 0–10/,
    );
    expect(() => report({ documents, spans: [span('ann', 'a.txt', 'claim', 5, 5)] })).toThrow(
      AgreementInputError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { computeAgreement, type AgreementSpan, type TagAgreement } from '../agreement';

/**
 * The interval-sweep implementation against the obvious one: one label per
 * code point, textbook formulas (p_o/p_e kappa, coincidence-matrix alpha,
 * per-subject Fleiss), and span matching by comparing every pair. Small
 * random cases, many of them; everything must agree to 1e-12.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  documents: { path: string; chars: number }[];
  annotators: string[];
  tags: string[];
  spans: AgreementSpan[];
}

function randomCase(seed: number): Case {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const annotators = ['ann', 'bob', 'cyd', 'dee'].slice(0, int(2, 4));
  const tags = ['claim', 'actor', 'number'];
  const documents = Array.from({ length: int(1, 4) }, (_, i) => ({
    path: `d${i}.txt`,
    chars: i === 0 && random() < 0.2 ? 0 : int(1, 120),
  }));
  const spans: AgreementSpan[] = [];
  for (const doc of documents) {
    if (doc.chars === 0) continue;
    for (const tag of tags) {
      // Shared "true" spans each annotator copies, shifts or misses, plus some of their own.
      const truth = Array.from({ length: int(0, 4) }, () => {
        const start = int(0, doc.chars - 1);
        return { start, end: Math.min(doc.chars, start + int(1, 25)) };
      });
      for (const annotator of annotators) {
        for (const t of truth) {
          const r = random();
          if (r < 0.25) continue;
          const start = r < 0.6 ? t.start : Math.min(doc.chars - 1, Math.max(0, t.start + int(-4, 4)));
          const end = r < 0.6 ? t.end : Math.min(doc.chars, Math.max(start + 1, t.end + int(-4, 4)));
          spans.push({ annotator, documentPath: doc.path, tag, start, end });
          if (random() < 0.1) spans.push({ annotator, documentPath: doc.path, tag, start, end }); // a duplicate
        }
        for (let n = int(0, 2); n > 0; n--) {
          const start = int(0, doc.chars - 1);
          spans.push({
            annotator,
            documentPath: doc.path,
            tag,
            start,
            end: Math.min(doc.chars, start + int(1, 15)),
          });
        }
      }
    }
  }
  return { documents, annotators, tags: tags.slice(0, int(1, 3)), spans };
}

// ---------------------------------------------------------------- the naive implementation

/** labels[coder][unit] over the concatenated documents `docs`. */
function labelVectors(c: Case, tag: string, docs: Case['documents']): number[][] {
  return c.annotators.map((annotator) =>
    docs.flatMap((doc) => {
      const y = new Array<number>(doc.chars).fill(0);
      for (const s of c.spans) {
        if (s.annotator === annotator && s.documentPath === doc.path && s.tag === tag)
          for (let i = s.start; i < s.end; i++) y[i] = 1;
      }
      return y;
    }),
  );
}

function naiveKappa(x: number[], y: number[]): number | null {
  const n = x.length;
  if (n === 0) return null;
  let agree = 0;
  let xOnes = 0;
  let yOnes = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === y[i]) agree++;
    xOnes += x[i]!;
    yOnes += y[i]!;
  }
  const po = agree / n;
  const pe = (xOnes / n) * (yOnes / n) + (1 - xOnes / n) * (1 - yOnes / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/** Krippendorff's alpha from the coincidence matrix built unit by unit. */
function naiveAlpha(vectors: number[][]): number | null {
  const m = vectors.length;
  const o = [
    [0, 0],
    [0, 0],
  ];
  for (let u = 0; u < vectors[0]!.length; u++) {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) o[vectors[i]![u]!]![vectors[j]![u]!]! += 1 / (m - 1);
  }
  const n0 = o[0]![0]! + o[0]![1]!;
  const n1 = o[1]![0]! + o[1]![1]!;
  const n = n0 + n1;
  const expected = 2 * n0 * n1;
  if (Math.round(expected) === 0) return null;
  return 1 - ((n - 1) * (o[0]![1]! + o[1]![0]!)) / expected;
}

function naiveFleiss(vectors: number[][]): number | null {
  const m = vectors.length;
  const units = vectors[0]!.length;
  let pSum = 0;
  let ones = 0;
  for (let u = 0; u < units; u++) {
    let k = 0;
    for (const v of vectors) k += v[u]!;
    ones += k;
    pSum += (k * k + (m - k) * (m - k) - m) / (m * (m - 1));
  }
  const p1 = ones / (units * m);
  const pe = p1 * p1 + (1 - p1) * (1 - p1);
  if (units === 0 || ones === 0 || ones === units * m) return null;
  return (pSum / units - pe) / (1 - pe);
}

function naiveSpanMatching(own: AgreementSpan[], other: AgreementSpan[], mode: 'exact' | 'overlap'): number {
  return own.filter((s) =>
    other.some(
      (t) =>
        t.documentPath === s.documentPath &&
        (mode === 'exact' ? t.start === s.start && t.end === s.end : t.start < s.end && s.start < t.end),
    ),
  ).length;
}

function naivePrf(a: AgreementSpan[], b: AgreementSpan[], mode: 'exact' | 'overlap') {
  const precision = b.length === 0 ? null : naiveSpanMatching(b, a, mode) / b.length;
  const recall = a.length === 0 ? null : naiveSpanMatching(a, b, mode) / a.length;
  const f1 =
    precision === null || recall === null
      ? precision === null && recall === null
        ? null
        : 0
      : precision + recall === 0
        ? 0
        : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function naiveTag(c: Case, tag: string, docs: Case['documents']): TagAgreement {
  const v = labelVectors(c, tag, docs);
  const paths = new Set(docs.map((d) => d.path));
  const of = (annotator: string) =>
    c.spans.filter((s) => s.annotator === annotator && s.tag === tag && paths.has(s.documentPath));
  const a = of(c.annotators[0]!);
  const b = of(c.annotators[1]!);
  const used = (spans: AgreementSpan[], path: string) => spans.some((s) => s.documentPath === path);
  const presence =
    docs.length === 0 ? null : docs.filter((d) => used(a, d.path) === used(b, d.path)).length / docs.length;
  const result: TagAgreement = {
    kappa: naiveKappa(v[0]!, v[1]!),
    alpha: naiveAlpha([v[0]!, v[1]!]),
    a_spans: a.length,
    b_spans: b.length,
    exact: naivePrf(a, b, 'exact'),
    overlap: naivePrf(a, b, 'overlap'),
    presence,
  };
  if (c.annotators.length >= 3) {
    result.alpha_all = naiveAlpha(v);
    result.fleiss_kappa = naiveFleiss(v);
    result.pairwise = [];
    for (let i = 0; i < c.annotators.length; i++) {
      for (let j = i + 1; j < c.annotators.length; j++)
        result.pairwise.push({ a: c.annotators[i]!, b: c.annotators[j]!, kappa: naiveKappa(v[i]!, v[j]!) });
    }
  }
  return result;
}

// ---------------------------------------------------------------- comparison

/** Equal structure; numbers equal to 1e-12; nulls exactly where expected. */
function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${where}: ${String(actual)} vs ${expected}`).toBe('number');
    expect(
      Math.abs((actual as number) - expected),
      `${where}: ${String(actual)} vs ${expected}`,
    ).toBeLessThanOrEqual(1e-12);
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), where).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected))
      expectSame((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

describe('agreement against a per-code-point implementation', () => {
  it.each(Array.from({ length: 60 }, (_, i) => 1000 + i))('random case %i', (seed) => {
    const c = randomCase(seed);
    const report = computeAgreement(c);
    // computeAgreement appends tags used but not listed; the naive side reports the same list.
    const tags = Object.keys(report.tags);
    expect(tags.slice(0, c.tags.length)).toEqual(c.tags);
    for (const tag of tags)
      expectSame(report.tags[tag], naiveTag(c, tag, c.documents), `seed ${seed} ${tag}`);
    report.per_document.forEach((doc, i) => {
      expect(doc.document_path).toBe(c.documents[i]!.path);
      for (const tag of tags)
        expectSame(
          doc.tags[tag],
          naiveTag(c, tag, [c.documents[i]!]),
          `seed ${seed} ${doc.document_path} ${tag}`,
        );
    });
  });
});

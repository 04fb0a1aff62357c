import { describe, expect, it } from 'vitest';
import { computeAgreement, type TagAgreement } from '../agreement';
import fixtureJson from './fixtures/agreement-reference.json';

/**
 * Cross-check against independent implementations. The expected kappa,
 * alpha and Fleiss kappa in fixtures/agreement-reference.json were computed
 * once by scripts/agreement-reference.py from per-code-point label vectors
 * with scikit-learn (cohen_kappa_score), NLTK (AnnotationTask.alpha) and
 * statsmodels (fleiss_kappa); the fixture's `references` names each
 * implementation and version. Undefined references (NaN, NLTK's
 * single-label 1) are stored as null with the raw value beside them.
 */

interface ExpectedTag {
  kappa: number | null;
  alpha: number | null;
  alpha_all?: number | null;
  fleiss_kappa?: number | null;
  pairwise?: { a: string; b: string; kappa: number | null }[];
}

interface ReferenceCase {
  name: string;
  documents: [string, number][];
  annotators: string[];
  tags: string[];
  spans: [string, string, string, number, number][];
  expected: { tags: Record<string, ExpectedTag>; per_document: Record<string, Record<string, ExpectedTag>> };
}

const fixture = fixtureJson as unknown as { references: Record<string, string>; cases: ReferenceCase[] };
const TOLERANCE = 1e-9;

function expectClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  what: string,
): void {
  if (expected === null || expected === undefined) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(
    Math.abs((actual as number) - expected),
    `${what}: ${actual} vs reference ${expected}`,
  ).toBeLessThanOrEqual(TOLERANCE);
}

function compareTag(actual: TagAgreement, expected: ExpectedTag, where: string): void {
  expectClose(actual.kappa, expected.kappa, `${where} kappa`);
  expectClose(actual.alpha, expected.alpha, `${where} alpha`);
  if (expected.alpha_all !== undefined)
    expectClose(actual.alpha_all, expected.alpha_all, `${where} alpha_all`);
  if (expected.fleiss_kappa !== undefined)
    expectClose(actual.fleiss_kappa, expected.fleiss_kappa, `${where} fleiss_kappa`);
  if (expected.pairwise) {
    expect(actual.pairwise?.map((p) => [p.a, p.b])).toEqual(expected.pairwise.map((p) => [p.a, p.b]));
    expected.pairwise.forEach((p, i) =>
      expectClose(actual.pairwise![i]!.kappa, p.kappa, `${where} kappa ${p.a}/${p.b}`),
    );
  }
}

describe('agreement against reference implementations', () => {
  it('states which implementation computed each reference', () => {
    expect(fixture.references.kappa).toMatch(/^scikit-learn \d/);
    expect(fixture.references.alpha).toMatch(/^NLTK \d/);
    expect(fixture.references.fleiss_kappa).toMatch(/^statsmodels \d/);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const report = computeAgreement({
      documents: c.documents.map(([path, chars]) => ({ path, chars })),
      annotators: c.annotators,
      tags: c.tags,
      spans: c.spans.map(([annotator, documentPath, tag, start, end]) => ({
        annotator,
        documentPath,
        tag,
        start,
        end,
      })),
    });
    expect(Object.keys(report.tags)).toEqual(c.tags);
    for (const tag of c.tags) compareTag(report.tags[tag]!, c.expected.tags[tag]!, tag);
    for (const doc of report.per_document) {
      for (const tag of c.tags)
        compareTag(
          doc.tags[tag]!,
          c.expected.per_document[doc.document_path]![tag]!,
          `${doc.document_path} ${tag}`,
        );
    }
  });
});

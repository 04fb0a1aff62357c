import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotation/annotation-types';
import { builtinCodebook } from '../../codebook/builtin-codebook';
import { spanPage, type DocumentStructure } from '../../corpus/document-structure';
import { buildBundle, bundleToJson, parseBundleJson } from '../bundle';
import { planBundleMerge } from '../bundle-merge';

/** `page` on bundle records: written on export for documents with pages, optional on reading, never stored. */

const PDF_SHA = 'ab'.repeat(32);
const TXT_SHA = 'cd'.repeat(32);
const PDF: DocumentStructure = {
  paragraphs: [
    { start: 0, end: 20, kind: 'body', page: 1 },
    { start: 22, end: 80, kind: 'body', page: 3 },
  ],
};
const documents = [
  { path: 'report.pdf', title: 'Report', sha256: PDF_SHA },
  { path: 'news.txt', title: 'News', sha256: TXT_SHA },
];
const texts = new Map([
  ['report.pdf', { sha256: PDF_SHA, structure: PDF }],
  ['news.txt', { sha256: TXT_SHA }],
]);

function annotation(n: number, documentPath: string, start: number): Annotation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    documentPath,
    contentSha256: documentPath === 'report.pdf' ? PDF_SHA : TXT_SHA,
    annotator: 'Ayu',
    tag: 'commitment',
    start,
    end: start + 5,
    quote: 'kerja',
    prefix: '',
    suffix: '',
    attributes: {},
    note: '',
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
  };
}
const ANNOTATIONS = [
  annotation(1, 'report.pdf', 2),
  annotation(2, 'report.pdf', 30),
  annotation(3, 'news.txt', 30),
];

const exported = () =>
  buildBundle({
    codebook: builtinCodebook(),
    documents,
    annotations: ANNOTATIONS,
    statuses: [],
    pageOf: (a) => spanPage(a, texts.get(a.documentPath)),
    now: new Date('2026-12-02T00:00:00.000Z'),
  });

describe('page on bundle records', () => {
  it('is written for annotations in documents with pages, and only there', () => {
    const bundle = parseBundleJson(bundleToJson(exported()));
    expect(bundle.annotations.map((a) => [a.documentPath, a.start, a.page])).toEqual([
      ['news.txt', 30, undefined],
      ['report.pdf', 2, 1],
      ['report.pdf', 30, 3],
    ]);
    expect(Object.keys(bundle.annotations[0]!)).not.toContain('page');
  });

  it('is optional: a bundle without it (an older Tanda’s) reads as before', () => {
    const old = buildBundle({
      codebook: builtinCodebook(),
      documents,
      annotations: ANNOTATIONS,
      statuses: [],
      now: new Date('2026-11-01T00:00:00.000Z'),
    });
    expect(bundleToJson(old)).not.toContain('"page"');
    expect(parseBundleJson(bundleToJson(old)).annotations).toEqual(
      [...ANNOTATIONS].sort((a, b) => a.documentPath.localeCompare(b.documentPath) || a.start - b.start),
    );
  });

  it.each([0, -1, 1.5, '3'])('refuses a page of %j, saying where', (page) => {
    const json = JSON.parse(bundleToJson(exported())) as { annotations: Record<string, unknown>[] };
    json.annotations[1]!['page'] = page;
    expect(() => parseBundleJson(JSON.stringify(json))).toThrow(/annotations\[1\]\.page/);
  });

  it('is left behind on import: the records merged are the stored ones, so re-importing changes nothing', () => {
    const bundle = exported();
    const fresh = planBundleMerge(bundle, { annotations: [], statuses: [], codebook: builtinCodebook() });
    expect(fresh.annotations.added.map((a) => 'page' in a)).toEqual([false, false, false]);
    const again = planBundleMerge(bundle, {
      annotations: ANNOTATIONS,
      statuses: [],
      codebook: builtinCodebook(),
    });
    expect([
      again.annotations.added.length,
      again.annotations.updated.length,
      again.annotations.unchanged,
    ]).toEqual([0, 0, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { spanPage, type DocumentStructure } from '../../corpus/document-structure';
import { parsePageRange } from '../page-range';
import { filterSegments, type Segment } from '../segment-filter';

/** A two-page PDF's sidecar: page 1 holds 0–30, page 2 starts at 32. */
const PDF: DocumentStructure = {
  paragraphs: [
    { start: 0, end: 12, kind: 'heading', level: 1, page: 1 },
    { start: 14, end: 30, kind: 'body', page: 1 },
    { start: 32, end: 60, kind: 'body', page: 2 },
  ],
};
const SHA = 'ab'.repeat(32);

describe('the page of a span', () => {
  it('is the page of the paragraph it starts in, or of the one before the gap it starts in', () => {
    expect(spanPage({ start: 0, contentSha256: SHA }, { sha256: SHA, structure: PDF })).toBe(1);
    expect(spanPage({ start: 29, contentSha256: SHA }, { sha256: SHA, structure: PDF })).toBe(1);
    expect(spanPage({ start: 31, contentSha256: SHA }, { sha256: SHA, structure: PDF })).toBe(1);
    expect(spanPage({ start: 40, contentSha256: SHA }, { sha256: SHA, structure: PDF })).toBe(2);
  });

  it('is absent for a document without pages, a text not loaded, or another version of the text', () => {
    const body: DocumentStructure = { paragraphs: [{ start: 0, end: 60, kind: 'body' }] };
    expect(spanPage({ start: 40, contentSha256: SHA }, { sha256: SHA, structure: body })).toBeUndefined();
    expect(spanPage({ start: 40, contentSha256: SHA }, { sha256: SHA })).toBeUndefined();
    expect(spanPage({ start: 40, contentSha256: SHA }, undefined)).toBeUndefined();
    expect(spanPage({ start: 40, contentSha256: 'cd'.repeat(32) }, { sha256: SHA, structure: PDF })).toBe(
      undefined,
    );
  });
});

describe('the page filter as typed', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['3', { from: 3, to: 3 }],
    [' 12 ', { from: 12, to: 12 }],
    ['2-5', { from: 2, to: 5 }],
    ['2 – 5', { from: 2, to: 5 }],
    ['2—5', { from: 2, to: 5 }],
    ['10-', { from: 10, to: Infinity }],
    ['-4', { from: 1, to: 4 }],
    ['4-4', { from: 4, to: 4 }],
  ])('%j → %j', (typed, range) => {
    expect(parsePageRange(typed)).toEqual(range);
  });

  it.each(['0', '5-2', '-', 'p. 3', '3,4', '1.5', 'two', '0-3'])('%j is invalid', (typed) => {
    expect(parsePageRange(typed)).toBe('invalid');
  });
});

describe('filtering segments by page', () => {
  const seg = (id: number, documentPath: string, start: number): Segment => ({
    id: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    documentPath,
    annotator: 'ana',
    tag: 'commitment',
    start,
    end: start + 3,
    quote: 'x',
    note: '',
    attributes: {},
    contentSha256: SHA,
  });
  const segments = [seg(1, 'report.pdf', 0), seg(2, 'report.pdf', 40), seg(3, 'news.txt', 40)];
  const pageOf = (s: Segment) =>
    s.documentPath === 'report.pdf'
      ? spanPage({ start: s.start, contentSha256: SHA }, { sha256: SHA, structure: PDF })
      : undefined;
  const ids = (kept: Segment[]) => kept.map((s) => Number(s.id.slice(-3)));

  it('keeps segments that start on the pages asked for, and drops those without a page', () => {
    expect(ids(filterSegments(segments, { pages: { from: 2, to: 2 }, pageOf }))).toEqual([2]);
    expect(ids(filterSegments(segments, { pages: { from: 1, to: Infinity }, pageOf }))).toEqual([1, 2]);
    expect(ids(filterSegments(segments, { pages: { from: 3, to: 9 }, pageOf }))).toEqual([]);
  });

  it('keeps everything without a page filter', () => {
    expect(ids(filterSegments(segments, { pages: null, pageOf }))).toEqual([1, 2, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { FIXTURE_SHA, storedAnnotation } from '../../../../shared/annotation/test/annotation-fixture';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { codePointIndex } from '../../../../shared/text/text-quote';
import { EMPTY_FILTER, type SegmentFilterState } from '../analysis-state';
import { documentInfo, metadataLine, segmentCount, sourceLabel, type DocumentInfo } from '../document-info';
import {
  annotatorsOf,
  attributeChoices,
  querySegments,
  segmentContext,
  toSegmentFilter,
} from '../segment-query';

const SHA = FIXTURE_SHA;
const TEXT =
  'Judul\nKedua pihak sepakat. Mereka mendorong konektivitas kereta api; kerja sama lokal. Lalu pulang.';

const segment = (overrides: Partial<Annotation>): Annotation =>
  storedAnnotation({ tag: 'cooperation_area', ...overrides });

const info = (date: string | null, language: string | null = 'ind'): DocumentInfo => ({
  date,
  dateSource: date ? 'file-name' : null,
  detectedDate: date,
  source: null,
  language,
});

const infos = new Map<string, DocumentInfo>([
  ['a.txt', info('2025-10-09')],
  ['b.txt', info('2024-10', 'eng')],
  ['c.txt', info(null)],
]);
const context = {
  infos,
  codebook: builtinCodebook(),
  statusOf: (path: string) => (path === 'b.txt' ? 'done' : 'not_started'),
};
const filter = (patch: Partial<SegmentFilterState>): SegmentFilterState => ({ ...EMPTY_FILTER, ...patch });

describe('querySegments', () => {
  const rail = segment({
    documentPath: 'b.txt',
    attributes: { sector: ['rail', 'trade'] },
    quote: 'jalur kereta api',
    start: 40,
  });
  const trade = segment({
    documentPath: 'a.txt',
    attributes: { sector: ['trade'] },
    annotator: 'Budi',
    note: 'Perdagangan naik',
  });
  const commitment = segment({ documentPath: 'c.txt', tag: 'commitment', attributes: { actor: 'china' } });
  const all = [rail, trade, commitment];

  it('keeps everything with an empty form, in document order', () => {
    expect(querySegments(all, EMPTY_FILTER, context)).toEqual([trade, rail, commitment]);
  });

  it('filters by attribute value, tag, annotator, status and text', () => {
    expect(querySegments(all, filter({ attributes: { sector: 'rail' } }), context)).toEqual([rail]);
    expect(querySegments(all, filter({ attributes: { sector: '' } }), context)).toHaveLength(3);
    expect(querySegments(all, filter({ tags: ['commitment'] }), context)).toEqual([commitment]);
    expect(querySegments(all, filter({ annotators: ['Budi'] }), context)).toEqual([trade]);
    expect(querySegments(all, filter({ statuses: ['done'] }), context)).toEqual([rail]);
    expect(querySegments(all, filter({ text: 'PERDAGANGAN' }), context)).toEqual([trade]);
  });

  it('filters by date range (undated kept on request) and sorts by date', () => {
    expect(querySegments(all, filter({ dateFrom: '2025' }), context)).toEqual([trade]);
    expect(querySegments(all, filter({ dateTo: '2024-12-31', includeUndated: true }), context)).toEqual([
      rail,
      commitment,
    ]);
    expect(querySegments(all, filter({ sort: 'date' }), context)).toEqual([rail, trade, commitment]);
    expect(querySegments(all, filter({ sort: 'tag' }), context)).toEqual([commitment, trade, rail]);
  });

  it('filters by language, and by a document and language that exclude each other', () => {
    expect(querySegments(all, filter({ language: 'eng' }), context)).toEqual([rail]);
    expect(querySegments(all, filter({ language: 'eng', document: 'a.txt' }), context)).toEqual([]);
    expect(toSegmentFilter(filter({ language: 'vie' }), context).documents).toHaveLength(1); // matches nothing, keeps nothing
    expect(querySegments(all, filter({ language: 'vie' }), context)).toEqual([]);
  });
});

describe('segmentContext', () => {
  const start = [...TEXT].join('').indexOf('konektivitas');
  const end = start + 'konektivitas kereta api'.length;
  const text = { sha256: SHA, index: codePointIndex(TEXT) };

  it('shows the sentence around a placed segment', () => {
    expect(segmentContext(segment({ start, end, quote: 'konektivitas kereta api' }), text)).toEqual({
      before: 'Mereka mendorong ',
      match: 'konektivitas kereta api',
      after: '; kerja sama lokal.',
      placed: true,
    });
  });

  it('falls back to the stored quote when the offsets may not fit the text', () => {
    const quote = 'konektivitas kereta api';
    const expected = { before: '', match: quote, after: '', placed: false };
    expect(segmentContext(segment({ start, end, quote, orphaned: true }), text)).toEqual(expected);
    expect(segmentContext(segment({ start, end, quote, contentSha256: 'cd'.repeat(32) }), text)).toEqual(
      expected,
    );
    expect(segmentContext(segment({ start, end, quote }), undefined)).toEqual(expected);
    expect(segmentContext(segment({ start: 0, end: 999, quote }), text)).toEqual(expected);
  });
});

describe('form choices', () => {
  it('lists annotators once, sorted', () => {
    expect(annotatorsOf([{ annotator: 'Budi' }, { annotator: 'Ayu' }, { annotator: 'Budi' }])).toEqual([
      'Ayu',
      'Budi',
    ]);
  });

  it('offers the choice attributes of the codebook, not free text', () => {
    const choices = attributeChoices(builtinCodebook());
    expect(choices.map((c) => c.id)).toEqual(['actor', 'strength', 'issue', 'sector']);
    // Each label keeps its languages, for the filter to show in the interface language.
    expect(choices.find((c) => c.id === 'sector')?.values).toContainEqual({
      id: 'rail',
      label: 'rail',
      labels: { en: 'rail', id: 'perkeretaapian' },
    });
    expect(choices.find((c) => c.id === 'actor')?.labels).toEqual({ en: 'Actor', id: 'Aktor' });
  });
});

describe('document info', () => {
  it("puts the analyst's date over the detected one and says where each comes from", () => {
    const detected = {
      date: '2024-10',
      dateSource: 'file-name' as const,
      source: 'https://www.thanhnien.vn/a/b',
      sourceKind: 'url' as const,
      language: 'ind',
    };
    expect(documentInfo(detected, undefined)).toMatchObject({
      date: '2024-10',
      dateSource: 'file-name',
      detectedDate: '2024-10',
    });
    expect(documentInfo(detected, { date: '2024-10-12' })).toMatchObject({
      date: '2024-10-12',
      dateSource: 'analyst',
      detectedDate: '2024-10',
    });
    expect(documentInfo(undefined, undefined)).toMatchObject({ date: null, dateSource: null });
    expect(metadataLine(documentInfo(detected, undefined))).toBe('2024-10 · thanhnien.vn · Indonesian');
    expect(metadataLine(info(null, 'xyz'))).toBe('xyz');
    // Indonesian writes the date (and names the language) its own way; English keeps the ISO date.
    expect(metadataLine(documentInfo(detected, { date: '2024-10-12' }), 'id')).toBe(
      '12 Okt 2024 · thanhnien.vn · Indonesia',
    );
    expect(metadataLine(documentInfo(detected, undefined), 'id')).toBe(
      'Oktober 2024 · thanhnien.vn · Indonesia',
    );
    expect(metadataLine(documentInfo(detected, { date: '2024-10-12' }), 'en')).toBe(
      '2024-10-12 · thanhnien.vn · Indonesian',
    );
    expect(sourceLabel('VOVWORLD')).toBe('VOVWORLD');
  });

  it('counts segments in words', () => {
    expect(segmentCount(1, 1)).toBe('1 segment');
    expect(segmentCount(2, 3)).toBe('2 of 3 segments');
    expect(segmentCount(0, 1)).toBe('0 of 1 segment');
  });
});

import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { FIXTURE_SHA, storedAnnotation } from '../../../../shared/annotation/test/annotation-fixture';
import { builtinCodebook } from '../../../../shared/codebook/builtin-codebook';
import { spanPage } from '../../../../shared/corpus/document-structure';
import { EMPTY_FILTER } from '../analysis-state';
import { querySegments } from '../segment-query';

const at = (documentPath: string, start: number): Annotation =>
  storedAnnotation({ documentPath, start, end: start + 4, quote: 'kata' });

/** The Segments page filter as the analyst types it, over the pages the loaded PDF texts give. */
describe('Segments filtered by page', () => {
  const structure = {
    paragraphs: [
      { start: 0, end: 10, kind: 'body' as const, page: 1 },
      { start: 12, end: 30, kind: 'body' as const, page: 2 },
      { start: 32, end: 50, kind: 'body' as const, page: 3 },
    ],
  };
  const p1 = at('r.pdf', 0);
  const p2 = at('r.pdf', 15);
  const p3 = at('r.pdf', 40);
  const txt = at('n.txt', 15);
  const context = {
    infos: new Map(),
    codebook: builtinCodebook(),
    statusOf: () => 'not_started',
    pageOf: (s: Pick<Annotation, 'documentPath' | 'start' | 'contentSha256'>) =>
      s.documentPath === 'r.pdf' ? spanPage(s, { sha256: FIXTURE_SHA, structure }) : undefined,
  };
  const query = (pages: string) => querySegments([txt, p3, p1, p2], { ...EMPTY_FILTER, pages }, context);

  it('keeps one page, or a range, of the PDFs', () => {
    expect(query('2')).toEqual([p2]);
    expect(query('2-3')).toEqual([p2, p3]);
    expect(query('2–')).toEqual([p2, p3]);
  });

  it('keeps everything for an empty or invalid field (the field says it is invalid)', () => {
    expect(query('')).toEqual([txt, p1, p2, p3]);
    expect(query('p. 2')).toEqual([txt, p1, p2, p3]);
  });
});

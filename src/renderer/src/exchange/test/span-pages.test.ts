import { describe, expect, it } from 'vitest';
import type { ReadDocumentsItem } from '../../../../shared/api/api-contract';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import type { DocumentMeta } from '../../../../shared/corpus/corpus-types';
import { spanPagesOf } from '../span-pages';

const sha = (n: number) => String(n).repeat(64).slice(0, 64);
const meta = (path: string, n: number, format: DocumentMeta['format']): DocumentMeta => ({
  path,
  title: path,
  sha256: sha(n),
  chars: 100,
  encoding: null,
  status: 'ok',
  bytes: 100,
  format,
});
const span = (documentPath: string, start: number, n: number) =>
  ({ documentPath, start, contentSha256: sha(n) }) as Annotation;

describe('pages of spans for a bundle export', () => {
  const documents = [meta('a.pdf', 1, 'pdf'), meta('b.pdf', 2, 'pdf'), meta('c.txt', 3, 'txt')];
  const twoPages = {
    paragraphs: [
      { start: 0, end: 10, kind: 'body' as const, page: 1 },
      { start: 12, end: 40, kind: 'body' as const, page: 2 },
    ],
  };

  it('reads only the PDFs, asks again where an answer stopped early, and pages each span', async () => {
    const asked: string[][] = [];
    const read = async (paths: string[]): Promise<ReadDocumentsItem[]> => {
      asked.push(paths);
      // The first answer stops after one document, as a size cap would.
      return paths.slice(0, 1).map((path) => ({
        ok: true,
        document: { meta: documents.find((d) => d.path === path)!, text: 'x', structure: twoPages },
      }));
    };
    const pageOf = await spanPagesOf(documents, read);
    expect(asked).toEqual([['a.pdf', 'b.pdf'], ['b.pdf']]);
    expect(pageOf(span('a.pdf', 20, 1))).toBe(2);
    expect(pageOf(span('b.pdf', 3, 2))).toBe(1);
    expect(pageOf(span('c.txt', 3, 3))).toBeUndefined();
    // Offsets into another version of the text get no page.
    expect(pageOf(span('a.pdf', 20, 9))).toBeUndefined();
  });

  it('gives no page for a PDF that cannot be read now, and goes on', async () => {
    const pageOf = await spanPagesOf(documents, async (paths) =>
      paths.map((path) => ({ ok: false, path, error: { code: 'not-readable', message: 'gone' } })),
    );
    expect(pageOf(span('a.pdf', 20, 1))).toBeUndefined();
  });
});

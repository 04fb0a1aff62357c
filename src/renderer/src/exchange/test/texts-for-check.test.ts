import { describe, expect, it } from 'vitest';
import type { ReadDocumentsItem } from '../../../../shared/api/api-contract';
import type { Annotation } from '../../../../shared/annotation/annotation-types';
import { textsForCheck } from '../texts-for-check';

const record = (documentPath: string) => ({ documentPath }) as Annotation;

describe('texts for an import or restore check', () => {
  it('reads each listed document once, in batches that may come back short, and names a failure', async () => {
    const asked: string[][] = [];
    const api = {
      readDocuments: async ({ paths }: { paths: string[] }): Promise<{ documents: ReadDocumentsItem[] }> => {
        asked.push([...paths]);
        // Answer only the first path each time, as a batch cut short by its size would.
        const [path] = paths as [string];
        if (path === 'bad.txt')
          return {
            documents: [{ ok: false, path, error: { code: 'not-readable', message: 'binary file' } }],
          };
        return {
          documents: [
            {
              ok: true,
              document: {
                meta: {
                  path,
                  title: path,
                  sha256: 'a'.repeat(64),
                  chars: 1,
                  encoding: 'utf-8',
                  status: 'ok',
                },
                text: `text of ${path}`,
              },
            },
          ],
        };
      },
    };
    const records = [
      record('a.txt'),
      record('a.txt'),
      record('bad.txt'),
      record('b.txt'),
      record('gone.txt'),
    ];
    const getText = await textsForCheck(api, records, new Set(['a.txt', 'b.txt', 'bad.txt']));
    expect(asked).toEqual([['a.txt', 'bad.txt', 'b.txt'], ['bad.txt', 'b.txt'], ['b.txt']]);
    expect(getText('a.txt')).toBe('text of a.txt');
    expect(getText('b.txt')).toBe('text of b.txt');
    expect(() => getText('bad.txt')).toThrow('binary file');
  });
});

import { describe, expect, it } from 'vitest';
import { TandaApiError, type TandaApi } from '../../../../shared/api/api-contract';
import type { DocumentText } from '../../../../shared/corpus/corpus-types';
import { withSessionTexts } from '../session-texts';

const doc = (path: string): DocumentText => ({
  meta: { path, title: path, sha256: 'a'.repeat(64), chars: 1, encoding: 'utf-8', status: 'ok' },
  text: 'A',
});

describe('texts read in this session while the server is down', () => {
  it('answers a document read before from memory, and only when the server cannot be reached', async () => {
    let down = false;
    const inner = {
      readDocument: async ({ path }: { path: string }) => {
        if (down) throw new TandaApiError('offline', 'cannot reach the Tanda server');
        if (path === 'gone.txt') throw new TandaApiError('not-found', 'no document');
        return doc(path);
      },
    } as unknown as TandaApi;
    const api = withSessionTexts(inner);
    expect(await api.readDocument({ path: 'a.txt' })).toEqual(doc('a.txt'));
    await expect(api.readDocument({ path: 'gone.txt' })).rejects.toMatchObject({ code: 'not-found' });

    down = true;
    expect(await api.readDocument({ path: 'a.txt' })).toEqual(doc('a.txt'));
    await expect(api.readDocument({ path: 'b.txt' })).rejects.toMatchObject({ code: 'offline' });
  });
});

import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusSnapshot } from '../../../shared/corpus/corpus-types';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import type { CorpusServiceApi } from '../../services/corpus-service-api';
import { startWebServer, type RunningWebServer } from '../web-server';

/** `writeCorpusFiles` over browser mode's HTTP API, against a real folder. */
describe('writeCorpusFiles over HTTP', () => {
  let dir: string;
  let corpus: string;
  let server: RunningWebServer;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tanda-write-'));
    corpus = join(dir, 'corpus');
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await mkdir(join(corpus, 'old'), { recursive: true });
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html>');
    await writeFile(join(corpus, 'old/a.txt'), 'kept');
    await mkdir(join(dir, 'outside'));
    await symlink(join(dir, 'outside'), join(corpus, 'link'));
    const snapshot: CorpusSnapshot = { root: corpus, name: 'corpus', scanning: false, documents: [] };
    const service = {
      root: corpus,
      snapshot: () => snapshot,
      ready: async () => snapshot,
      reload: async () => snapshot,
      readDocument: async () => {
        throw new Error('unused');
      },
      onEvent: () => () => {},
      close: async () => {},
    } satisfies CorpusServiceApi;
    server = await startWebServer({
      handlers: apiHandlers({ corpus: () => service, backups: () => ({}) as BackupStoreApi }),
      subscribe: () => () => {},
      rendererDir: join(dir, 'renderer'),
      port: 0,
    });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const call = async (
    files: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/writeCorpusFiles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ files }),
    });
    return (await res.json()) as { ok: boolean };
  };
  const listing = async () => (await readdir(corpus, { recursive: true })).sort();

  it('creates new files in new folders inside the corpus', async () => {
    const result = await call([
      { path: 'imported/Trial/Interview 1.txt', text: 'Một\nhai' },
      { path: 'imported/Trial/Memo.md', text: 'memo' },
    ]);
    expect(result).toEqual({
      ok: true,
      value: { written: ['imported/Trial/Interview 1.txt', 'imported/Trial/Memo.md'] },
    });
    expect(await readFile(join(corpus, 'imported/Trial/Interview 1.txt'), 'utf8')).toBe('Một\nhai');
  });

  it.each([
    [[{ path: 'old/a.txt', text: 'x' }], /old\/a\.txt already exists/],
    [[{ path: '../escape.txt', text: 'x' }], /"\.\." segment/],
    [[{ path: '/etc/x.txt', text: 'x' }], /absolute/],
    [[{ path: 'link/x.txt', text: 'x' }], /outside the corpus folder/],
    [[{ path: 'imported/.hidden.txt', text: 'x' }], /starts with "\."/],
    [[{ path: 'imported/x.exe', text: 'x' }], /must end in \.txt or \.md/],
    [
      [
        { path: 'a.txt', text: 'x' },
        { path: 'A.txt', text: 'y' },
      ],
      /given twice/,
    ],
  ])('refuses %j with the reason, writing nothing', async (files, reason) => {
    const before = await listing();
    const result = await call([{ path: 'imported/first.txt', text: 'would be first' }, ...files]);
    expect(result.ok).toBe(false);
    expect(result.error!.message).toMatch(reason);
    expect(await listing()).toEqual(before);
    expect(await readFile(join(corpus, 'old/a.txt'), 'utf8')).toBe('kept');
  });
});

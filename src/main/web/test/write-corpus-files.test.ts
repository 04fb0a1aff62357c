import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorpusSnapshot } from '../../../shared/corpus/corpus-types';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import type { CorpusServiceApi } from '../../services/corpus-service-api';
import { startWebServer, type RunningWebServer } from '../web-server';

/** A browser-mode server over a real corpus folder (with `old/a.txt` and a symlink `link` leading outside). */
function corpusServer() {
  const ctx = {} as { dir: string; corpus: string; server: RunningWebServer };
  beforeEach(async () => {
    ctx.dir = await mkdtemp(join(tmpdir(), 'tanda-write-'));
    ctx.corpus = join(ctx.dir, 'corpus');
    await mkdir(join(ctx.dir, 'renderer'), { recursive: true });
    await mkdir(join(ctx.corpus, 'old'), { recursive: true });
    await writeFile(join(ctx.dir, 'renderer/index.html'), '<!doctype html>');
    await writeFile(join(ctx.corpus, 'old/a.txt'), 'kept');
    await mkdir(join(ctx.dir, 'outside'));
    await symlink(join(ctx.dir, 'outside'), join(ctx.corpus, 'link'));
    const snapshot: CorpusSnapshot = { root: ctx.corpus, name: 'corpus', scanning: false, documents: [] };
    const service = {
      root: ctx.corpus,
      snapshot: () => snapshot,
      ready: async () => snapshot,
      reload: async () => snapshot,
      readDocument: async () => {
        throw new Error('unused');
      },
      onEvent: () => () => {},
      close: async () => {},
    } satisfies CorpusServiceApi;
    ctx.server = await startWebServer({
      handlers: apiHandlers({ corpus: () => service, backups: () => ({}) as BackupStoreApi }),
      subscribe: () => () => {},
      rendererDir: join(ctx.dir, 'renderer'),
      port: 0,
    });
  });
  afterEach(async () => {
    await ctx.server.close();
    await rm(ctx.dir, { recursive: true, force: true });
  });
  type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  const post = async (name: string, request: unknown): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${ctx.server.port}/api/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ctx.server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await res.json()) as Answer;
  };
  const listing = async () => (await readdir(ctx.corpus, { recursive: true })).sort();
  return { ctx, post, listing };
}

/** `writeCorpusFiles` over browser mode's HTTP API, against a real folder. */
describe('writeCorpusFiles over HTTP', () => {
  const { ctx, post, listing } = corpusServer();
  const call = (files: unknown) => post('writeCorpusFiles', { files });

  it('creates new files in new folders inside the corpus', async () => {
    const result = await call([
      { path: 'imported/Trial/Interview 1.txt', text: 'Một\nhai' },
      { path: 'imported/Trial/Memo.md', text: 'memo' },
    ]);
    expect(result).toEqual({
      ok: true,
      value: { written: ['imported/Trial/Interview 1.txt', 'imported/Trial/Memo.md'] },
    });
    expect(await readFile(join(ctx.corpus, 'imported/Trial/Interview 1.txt'), 'utf8')).toBe('Một\nhai');
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
    expect(await readFile(join(ctx.corpus, 'old/a.txt'), 'utf8')).toBe('kept');
  });
});

/** `removeCorpusFiles`: the undo of a `writeCorpusFiles` whose import failed, and nothing more. */
describe('removeCorpusFiles over HTTP', () => {
  const { ctx, post, listing } = corpusServer();
  const NEW = [
    { path: 'imported/Trial/one.txt', text: '1' },
    { path: 'imported/Trial/two.txt', text: '2' },
  ];

  it('removes the files an import created, and the folders made for them', async () => {
    const before = await listing();
    expect((await post('writeCorpusFiles', { files: NEW })).ok).toBe(true);
    const answer = await post('removeCorpusFiles', { paths: NEW.map((f) => f.path) });
    expect(answer).toEqual({ ok: true, value: { removed: NEW.map((f) => f.path) } });
    expect(await listing()).toEqual(before);
  });

  it('keeps a folder the import made when something else is in it now', async () => {
    await post('writeCorpusFiles', { files: NEW });
    await writeFile(join(ctx.corpus, 'imported/Trial/mine.txt'), 'the analyst’s');
    expect((await post('removeCorpusFiles', { paths: NEW.map((f) => f.path) })).ok).toBe(true);
    expect(await listing()).toEqual([
      'imported',
      'imported/Trial',
      'imported/Trial/mine.txt',
      'link',
      'old',
      'old/a.txt',
    ]);
  });

  it.each([
    ['a file no import created', ['old/a.txt'], /old\/a\.txt was not created by an import/],
    ['a path outside the corpus', ['../corpus/old/a.txt'], /"\.\." segment/],
    ['a path twice', ['imported/Trial/one.txt', 'imported/Trial/one.txt'], /given twice/],
  ])('refuses %s, removing nothing', async (_, paths, reason) => {
    await post('writeCorpusFiles', { files: NEW });
    const before = await listing();
    const answer = await post('removeCorpusFiles', { paths: ['imported/Trial/two.txt', ...paths] });
    expect(answer.ok).toBe(false);
    expect(answer.error!.message).toMatch(reason);
    expect(await listing()).toEqual(before);
  });

  it('refuses a created file that was changed since, removing nothing', async () => {
    await post('writeCorpusFiles', { files: NEW });
    await writeFile(join(ctx.corpus, 'imported/Trial/one.txt'), 'edited by the analyst');
    const answer = await post('removeCorpusFiles', { paths: NEW.map((f) => f.path) });
    expect(answer.error!.message).toMatch(
      /imported\/Trial\/one\.txt has changed since the import created it/,
    );
    expect(await readFile(join(ctx.corpus, 'imported/Trial/one.txt'), 'utf8')).toBe('edited by the analyst');
    expect(await readFile(join(ctx.corpus, 'imported/Trial/two.txt'), 'utf8')).toBe('2');
  });

  it('removes a file only once', async () => {
    await post('writeCorpusFiles', { files: NEW });
    await post('removeCorpusFiles', { paths: ['imported/Trial/one.txt'] });
    await writeFile(join(ctx.corpus, 'imported/Trial/one.txt'), 'new');
    const answer = await post('removeCorpusFiles', { paths: ['imported/Trial/one.txt'] });
    expect(answer.error!.message).toMatch(/was not created by an import/);
    expect(await readFile(join(ctx.corpus, 'imported/Trial/one.txt'), 'utf8')).toBe('new');
  });
});

import { createHash } from 'node:crypto';
import { appendFile, open, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusEvent } from '../../../shared/corpus/corpus-types';
import { CorpusError } from '../corpus-service-api';
import { openCorpus, type CorpusService } from '../corpus-service';
import { makeTempCorpus, waitFor, type TempCorpus } from './temp-corpus';

let corpus: TempCorpus | undefined;
let service: CorpusService | undefined;
afterEach(async () => {
  await service?.close();
  await corpus?.remove();
  service = corpus = undefined;
});

/** Opens a temp corpus and records every event from the start. */
async function openTemp(
  files: Record<string, string | Uint8Array>,
  options: { watch?: boolean; maxFileBytes?: number; watchAfterReadsMs?: number } = {},
) {
  corpus = await makeTempCorpus(files);
  service = await openCorpus(corpus.root, { watch: false, ...options });
  const events: CorpusEvent[] = [];
  service.onEvent((event) => events.push(event));
  return { corpus, service, events };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function rejectionOf(promise: Promise<unknown>): Promise<CorpusError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('openCorpus', () => {
  it('refuses a missing folder, naming it', async () => {
    const missing = path.resolve('no-such-corpus-folder');
    const error = await rejectionOf(openCorpus('no-such-corpus-folder'));
    expect(error.code).toBe('not-a-folder');
    expect(error.message).toBe(`corpus folder ${missing} does not exist`);
  });

  it('refuses a file', async () => {
    corpus = await makeTempCorpus({ 'a.txt': 'a' });
    const error = await rejectionOf(openCorpus(corpus.file('a.txt')));
    expect(error).toMatchObject({ code: 'not-a-folder', message: `${corpus.file('a.txt')} is not a folder` });
  });

  it('scans in the background: scanning until ready, then a sorted listing and corpus-opened', async () => {
    const { service, events } = await openTemp({ 'b.txt': 'B', 'a.md': 'A', 'skip.bin': 'x' });
    expect(service.snapshot()).toMatchObject({
      root: corpus!.root,
      name: path.basename(corpus!.root),
      scanning: true,
    });
    const snapshot = await service.ready();
    expect(snapshot.scanning).toBe(false);
    expect(snapshot.documents.map((d) => d.path)).toEqual(['a.md', 'b.txt']);
    expect(service.snapshot()).toEqual(snapshot);
    expect(events.at(-1)).toEqual({ type: 'corpus-opened', snapshot });
    expect(events.filter((e) => e.type === 'scan-progress').at(-1)).toEqual({
      type: 'scan-progress',
      done: 2,
      total: 2,
    });
  });

  it('rescans everything on reload', async () => {
    const { corpus, service } = await openTemp({ 'a.txt': 'A' });
    await service.ready();
    await corpus.write('b.txt', 'B');
    const reloading = service.reload();
    expect(service.snapshot().scanning).toBe(true);
    expect((await reloading).documents.map((d) => d.path)).toEqual(['a.txt', 'b.txt']);
  });
});

describe('readDocument', () => {
  it('returns the normalized text and fresh meta', async () => {
    const { service } = await openTemp({ 'news/Hà Nội.txt': '\uFEFFTitle\r\nVie\u0323\u0302t 😀\r\n' });
    const { meta, text } = await service.readDocument('news/Hà Nội.txt');
    expect(text).toBe('Title\nViệt 😀\n');
    expect(meta).toMatchObject({
      path: 'news/Hà Nội.txt',
      title: 'Title',
      sha256: sha256(text),
      chars: 13,
      encoding: 'utf-8-bom',
    });
    // A decomposed spelling of the same name finds the same document.
    expect((await service.readDocument('news/Ha\u0300 N\u00F4\u0323i.txt')).text).toBe(text);
  });

  it('waits for the first scan instead of answering "not found"', async () => {
    const { service } = await openTemp({ 'a.txt': 'A' });
    expect((await service.readDocument('a.txt')).text).toBe('A');
  });

  it.each([
    '%2e%2e%2fsecret.txt',
    'a/../../x',
    '../secret.txt',
    '/etc/passwd',
    'C:\\x',
    'C:/x',
    '\\\\server\\x.txt',
    '',
  ])('rejects %j before touching the disk', async (requested) => {
    const { service } = await openTemp({ 'a.txt': 'A' });
    const error = await rejectionOf(service.readDocument(requested));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toContain(JSON.stringify(requested));
  });

  it('says which document is not in which corpus', async () => {
    const { service } = await openTemp({ 'a.txt': 'A', 'b.png': 'B' });
    const error = await rejectionOf(service.readDocument('x.txt'));
    expect(error).toMatchObject({
      code: 'not-found',
      message: `no document "x.txt" in corpus ${corpus!.root}`,
    });
    expect((await rejectionOf(service.readDocument('b.png'))).code).toBe('not-found');
  });

  it('refuses skipped and broken documents with their reason', async () => {
    const { corpus, service } = await openTemp({
      'bin.txt': 'a\0b',
      'inside/a.txt': 'A',
      'outside.txt': 'secret',
    });
    await symlink(corpus.file('outside.txt'), corpus.file('inside/leak.txt'));
    await symlink('nowhere.txt', corpus.file('inside/broken.txt'));
    const sub = await openCorpus(corpus.file('inside'), { watch: false });
    try {
      await expect(service.readDocument('bin.txt')).rejects.toMatchObject({
        code: 'not-readable',
        message: 'document "bin.txt" cannot be read: binary file (contains NUL bytes)',
      });
      await expect(sub.readDocument('leak.txt')).rejects.toMatchObject({
        code: 'not-readable',
        message: expect.stringContaining('symlink points outside the corpus folder'),
      });
      await expect(sub.readDocument('broken.txt')).rejects.toMatchObject({ code: 'not-readable' });
    } finally {
      await sub.close();
    }
  });

  it('refuses a file replaced after the scan by a symlink to outside the corpus', async () => {
    corpus = await makeTempCorpus({ 'corpus/a.txt': 'A', 'secret.txt': 'secret' });
    service = await openCorpus(corpus.file('corpus'), { watch: false });
    await service.ready();
    await unlink(corpus.file('corpus/a.txt'));
    await symlink(corpus.file('secret.txt'), corpus.file('corpus/a.txt'));
    const error = await rejectionOf(service.readDocument('a.txt'));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toContain('outside the corpus folder');
  });

  it('rereads the disk: a changed file updates the listing and emits document-changed', async () => {
    const { corpus, service, events } = await openTemp({ 'a.txt': 'old' });
    const before = (await service.ready()).documents[0]!;
    await writeFile(corpus.file('a.txt'), 'new text');
    const { meta, text } = await service.readDocument('a.txt');
    expect(text).toBe('new text');
    expect(meta.sha256).toBe(sha256('new text'));
    expect(meta.sha256).not.toBe(before.sha256);
    expect(events.at(-1)).toEqual({ type: 'document-changed', document: meta });
    expect(service.snapshot().documents).toEqual([meta]);
  });

  it('rereads the disk: a deleted file is removed and reported not found', async () => {
    const { corpus, service, events } = await openTemp({ 'a.txt': 'A', 'b.txt': 'B' });
    await service.ready();
    await unlink(corpus.file('a.txt'));
    await expect(service.readDocument('a.txt')).rejects.toMatchObject({ code: 'not-found' });
    expect(events.at(-1)).toEqual({ type: 'document-removed', path: 'a.txt' });
    expect(service.snapshot().documents.map((d) => d.path)).toEqual(['b.txt']);
  });
});

describe('watching', () => {
  async function openWatched(files: Record<string, string>) {
    // Nobody reads the scan's texts here: the watcher need not wait for that.
    const opened = await openTemp(files, { watch: true, watchAfterReadsMs: 0 });
    await opened.service.ready();
    opened.events.length = 0;
    return opened;
  }
  const changesOnly = (events: CorpusEvent[]) =>
    events.filter((e) => e.type !== 'scan-progress' && e.type !== 'corpus-opened');

  it('reports an added file', async () => {
    const { corpus, service, events } = await openWatched({ 'a.txt': 'A' });
    await corpus.write('sub/new file.txt', 'Fresh\narticle');
    const added = await waitFor(() => events.find((e) => e.type === 'document-added'), 'document-added');
    expect(added).toEqual({
      type: 'document-added',
      document: expect.objectContaining({
        path: 'sub/new file.txt',
        title: 'Fresh',
        status: 'ok',
        sha256: sha256('Fresh\narticle'),
      }),
    });
    expect(service.snapshot().documents.map((d) => d.path)).toEqual(['a.txt', 'sub/new file.txt']);
  });

  it('reports a modified file with the same path and a new sha256', async () => {
    const { corpus, events } = await openWatched({ 'a.txt': 'first version' });
    await writeFile(corpus.file('a.txt'), 'second version');
    const changed = await waitFor(
      () => events.find((e) => e.type === 'document-changed'),
      'document-changed',
    );
    expect(changed).toEqual({
      type: 'document-changed',
      document: expect.objectContaining({ path: 'a.txt', sha256: sha256('second version') }),
    });
  });

  it('reports a save written in several chunks as one change', async () => {
    const { corpus, events } = await openWatched({ 'a.txt': 'v1' });
    const handle = await open(corpus.file('a.txt'), 'w');
    for (const chunk of ['one ', 'two ', 'three']) {
      await handle.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await handle.close();
    await waitFor(() => events.some((e) => e.type === 'document-changed'), 'document-changed');
    await new Promise((resolve) => setTimeout(resolve, 400)); // room for a wrong second event
    expect(changesOnly(events)).toEqual([
      {
        type: 'document-changed',
        document: expect.objectContaining({ path: 'a.txt', sha256: sha256('one two three') }),
      },
    ]);
  });

  it('reports a deleted file and a deleted folder', async () => {
    const { corpus, service, events } = await openWatched({
      'a.txt': 'A',
      'b.txt': 'B',
      'sub/c.txt': 'C',
      'sub/d/e.md': 'E',
    });
    await unlink(corpus.file('a.txt'));
    await rm(corpus.file('sub'), { recursive: true });
    await waitFor(() => service.snapshot().documents.length === 1, 'three removals');
    expect(
      changesOnly(events)
        .map((e) => (e.type === 'document-removed' ? e.path : e.type))
        .sort(),
    ).toEqual(['a.txt', 'sub/c.txt', 'sub/d/e.md']);
  });

  it('follows a rename as a removal and an addition', async () => {
    const { corpus, service } = await openWatched({ 'a.txt': 'A' });
    await rename(corpus.file('a.txt'), corpus.file('renamed.txt'));
    await waitFor(
      () =>
        service
          .snapshot()
          .documents.map((d) => d.path)
          .join() === 'renamed.txt',
      'the rename',
    );
  });

  it('ignores hidden files and other extensions', async () => {
    const { corpus, service, events } = await openWatched({ 'a.txt': 'A' });
    await corpus.write('.hidden.txt', 'no');
    await corpus.write('.git/x.txt', 'no');
    await corpus.write('image.png', 'no');
    await appendFile(corpus.file('a.txt'), ' more');
    await waitFor(() => events.some((e) => e.type === 'document-changed'), 'the change to a.txt');
    expect(changesOnly(events)).toHaveLength(1);
    expect(service.snapshot().documents.map((d) => d.path)).toEqual(['a.txt']);
  });

  it('reports a file that turns binary as changed to skipped', async () => {
    const { corpus, events } = await openWatched({ 'a.txt': 'A' });
    await writeFile(corpus.file('a.txt'), 'A\0B');
    const changed = await waitFor(
      () => events.find((e) => e.type === 'document-changed'),
      'document-changed',
    );
    expect(changed).toMatchObject({ document: { path: 'a.txt', status: 'skipped', sha256: null } });
  });

  it('is silent after close', async () => {
    const { corpus, service, events } = await openWatched({ 'a.txt': 'A' });
    await service.close();
    await corpus.write('b.txt', 'B');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual([]);
  });
});

describe('changes made while the first scan runs', () => {
  it('are caught up once the watcher starts after the scan', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++)
      files[`batch/${String(i).padStart(3, '0')}.txt`] = `Artikel ${i}\n${'kerja sama '.repeat(200)}`;
    corpus = await makeTempCorpus({ ...files, 'a.txt': 'Judul lama\nisi' });
    service = await openCorpus(corpus.root, { watchAfterReadsMs: 0 });
    // Written while the scan is (most likely) still running, before any watcher exists.
    await corpus.write('a.txt', 'Judul baru\nisi');
    await corpus.write('late.md', 'Catatan terlambat');
    await service.ready();
    await waitFor(() => service!.snapshot().documents.some((d) => d.path === 'late.md'), 'late.md listed');
    const a = service.snapshot().documents.find((d) => d.path === 'a.txt')!;
    expect(a.title).toBe('Judul baru');
    expect(service.snapshot().documents).toHaveLength(302);
  });
});

describe('the texts the scan decoded', () => {
  it('answer the loading of every text once, at the listed hash; a single read goes to the disk', async () => {
    const { corpus, service, events } = await openTemp({ 'a.txt': 'Judul\nisi lama', 'b.txt': 'B' });
    const listed = (await service.ready()).documents;
    await writeFile(corpus.file('a.txt'), 'Judul\nisi baru');
    await writeFile(corpus.file('b.txt'), 'B baru');
    // The loading right after the scan gets what the scan read, with the listing's meta.
    const loaded = await service.readDocument('a.txt', { scanned: true });
    expect(loaded).toEqual({ meta: listed[0], text: 'Judul\nisi lama' });
    expect(events.filter((e) => e.type === 'document-changed')).toEqual([]);
    // Once: the next read is the disk's, and the listing follows it.
    const again = await service.readDocument('a.txt', { scanned: true });
    expect(again.text).toBe('Judul\nisi baru');
    expect(events.at(-1)).toEqual({ type: 'document-changed', document: again.meta });
    // Opening an article always reads the disk.
    expect((await service.readDocument('b.txt')).text).toBe('B baru');
  });

  it('are not answered once the listing has another hash for the path', async () => {
    const { corpus, service } = await openTemp({ 'a.txt': 'lama' });
    await service.ready();
    await writeFile(corpus.file('a.txt'), 'baru sekali');
    // A read from the disk (opening the article) puts the new hash in the listing.
    expect((await service.readDocument('a.txt')).text).toBe('baru sekali');
    expect((await service.readDocument('a.txt', { scanned: true })).text).toBe('baru sekali');
  });

  it('are kept by the first scan only: after a rescan, the loading reads the disk', async () => {
    const { corpus, service } = await openTemp({ 'a.txt': 'lama' });
    await service.ready();
    await service.reload();
    await writeFile(corpus.file('a.txt'), 'baru sekali');
    expect((await service.readDocument('a.txt', { scanned: true })).text).toBe('baru sekali');
  });

  it("are given out before the watcher's crawl starts, which waits for them", async () => {
    corpus = await makeTempCorpus({ 'a.txt': 'A', 'b.txt': 'B' });
    service = await openCorpus(corpus.root, { watchAfterReadsMs: 60_000 });
    let watching = false;
    void service.ready().then(() => (watching = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watching).toBe(false);
    // Written before the watcher exists: the catch-up after its crawl finds it.
    await writeFile(corpus.file('b.txt'), 'B baru');
    await service.readDocument('a.txt', { scanned: true });
    await service.readDocument('b.txt', { scanned: true });
    await waitFor(() => watching, 'the watcher started');
    await waitFor(
      () => service!.snapshot().documents.find((d) => d.path === 'b.txt')?.sha256 === sha256('B baru'),
      'b.txt caught up',
    );
    const events: CorpusEvent[] = [];
    service.onEvent((e) => events.push(e));
    await writeFile(corpus.file('c.txt'), 'Gamma');
    await waitFor(() => events.find((e) => e.type === 'document-added'), 'document-added c.txt');
  });

  it('leave the watcher to start after its wait when nobody reads them', async () => {
    corpus = await makeTempCorpus({ 'a.txt': 'A' });
    service = await openCorpus(corpus.root, { watchAfterReadsMs: 200 });
    const events: CorpusEvent[] = [];
    service.onEvent((e) => events.push(e));
    await service.ready();
    await writeFile(corpus.file('b.txt'), 'Beta');
    await waitFor(() => events.find((e) => e.type === 'document-added'), 'document-added b.txt');
    // And the text is still the scan's for the loading that comes late.
    expect((await service.readDocument('a.txt', { scanned: true })).text).toBe('A');
  });
});

import { describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../../../../shared/corpus/document-metadata';
import { LibraryCore, type LibraryReply, type LibraryRequest, type LibraryRole } from '../library-core';
import { InThreadEngine, WorkerEngine, type WorkerLike } from '../library-engine';

const KUNJUNGAN = {
  path: '2025-10-09-kunjungan.txt',
  title: 'Kunjungan resmi',
  sha256: 'a'.repeat(64),
  text: 'Kunjungan resmi\nKedua pihak mendorong konektivitas kereta api.\nSumber: VOVWORLD',
};
const LAIN = { path: 'b.txt', title: 'Lain', sha256: 'b'.repeat(64), text: 'Lain\nJalur kereta api baru.' };

/**
 * A worker in the same thread: requests are structured-cloned and handled
 * by a real LibraryCore on a later task, replies come back the same way,
 * as across a real worker boundary. `crash()` makes it fail like a worker
 * that died; `stall()` makes it stop answering.
 */
function fakeWorker(role: LibraryRole = 'all') {
  const core = new LibraryCore(role);
  const listeners = {
    message: [] as ((e: MessageEvent<LibraryReply>) => void)[],
    error: [] as ((e: Event) => void)[],
  };
  let stalled = false;
  let terminated = false;
  const posted: LibraryRequest['type'][] = [];
  const worker: WorkerLike = {
    postMessage(request) {
      posted.push(request.type);
      const copy = structuredClone(request);
      setTimeout(() => {
        if (stalled || terminated) return;
        const reply = core.handle(copy);
        if (reply)
          for (const l of listeners.message)
            l({ data: structuredClone(reply) } as MessageEvent<LibraryReply>);
      }, 0);
    },
    addEventListener(type: string, listener: never) {
      if (type === 'message') listeners.message.push(listener);
      if (type === 'error') listeners.error.push(listener);
    },
    terminate() {
      terminated = true;
    },
  };
  return {
    worker,
    posted,
    get terminated() {
      return terminated;
    },
    stall: () => (stalled = true),
    crash: () =>
      listeners.error.forEach((l) => l(Object.assign(new Event('error'), { message: 'out of memory' }))),
  };
}

function recordIndexed(engine: {
  onIndexed(l: (path: string, sha: string, m: DocumentMetadata | null) => void): void;
}) {
  const indexed: { path: string; sha256: string; metadata: DocumentMetadata | null }[] = [];
  engine.onIndexed((path, sha256, metadata) => indexed.push({ path, sha256, metadata }));
  return indexed;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('LibraryCore', () => {
  it('re-indexes a changed text, and works metadata out again only for a new hash', () => {
    const core = new LibraryCore();
    core.handle({ type: 'put', document: KUNJUNGAN });
    const renamed = { ...KUNJUNGAN, text: KUNJUNGAN.text.replace('VOVWORLD', 'thanhnien.vn') };
    // Same hash (as the scan reported it): the kept metadata is reused.
    expect(core.handle({ type: 'put', document: renamed })).toMatchObject({
      metadata: { source: 'VOVWORLD' },
    });
    expect(core.handle({ type: 'put', document: { ...renamed, sha256: 'd'.repeat(64) } })).toMatchObject({
      metadata: { source: 'thanhnien.vn' },
    });
    expect(core.handle({ type: 'search', id: 1, query: 'VOVWORLD' })).toMatchObject({
      type: 'hits',
      hits: [],
    });
    core.handle({ type: 'remove', path: KUNJUNGAN.path });
    expect(core.handle({ type: 'search', id: 2, query: 'kereta' })).toMatchObject({
      type: 'hits',
      id: 2,
      hits: [],
    });
  });
});

describe('LibraryCore roles', () => {
  it('an index core indexes and searches without working metadata out; a describe core does the reverse', () => {
    const index = new LibraryCore('index');
    const describe = new LibraryCore('describe');
    expect(index.handle({ type: 'put', document: KUNJUNGAN })).toEqual({
      type: 'indexed',
      path: KUNJUNGAN.path,
      sha256: KUNJUNGAN.sha256,
      metadata: null,
    });
    expect(describe.handle({ type: 'put', document: KUNJUNGAN })).toMatchObject({
      metadata: { source: 'VOVWORLD' },
    });
    expect(index.handle({ type: 'search', id: 1, query: 'kereta' })).toMatchObject({
      hits: [{ path: KUNJUNGAN.path }],
    });
    expect(describe.handle({ type: 'search', id: 2, query: 'kereta' })).toMatchObject({ hits: [] });
    // The two halves together say what one `all` core says.
    const all = new LibraryCore();
    expect(all.handle({ type: 'put', document: KUNJUNGAN })).toEqual(
      describe.handle({ type: 'put', document: KUNJUNGAN }),
    );
  });

  it('a worker in a role falls back to the page in the same role', async () => {
    const fake = fakeWorker('describe');
    const engine = new WorkerEngine(fake.worker, () => {}, 'describe');
    const indexed = recordIndexed(engine);
    fake.stall();
    engine.put(KUNJUNGAN);
    fake.crash();
    await settle();
    expect(indexed).toEqual([
      expect.objectContaining({
        path: KUNJUNGAN.path,
        metadata: expect.objectContaining({ source: 'VOVWORLD' }),
      }),
    ]);
    expect(await engine.search('kereta')).toEqual([]);
  });
});

describe('WorkerEngine', () => {
  it('indexes in the worker, reports metadata, and answers searches in order with puts and removes', async () => {
    const fake = fakeWorker();
    const engine = new WorkerEngine(fake.worker);
    const indexed = recordIndexed(engine);
    engine.put(KUNJUNGAN);
    engine.put(LAIN);
    // Asked before the worker has run anything: still sees both puts.
    const both = engine.search('kereta api');
    engine.remove(KUNJUNGAN.path);
    const one = engine.search('kereta api');
    expect((await both).map((h) => h.path).sort()).toEqual([KUNJUNGAN.path, LAIN.path]);
    expect((await one).map((h) => h.path)).toEqual([LAIN.path]);
    expect(indexed.map((i) => i.path)).toEqual([KUNJUNGAN.path, LAIN.path]);
    expect(indexed[0]!.metadata).toMatchObject({ date: '2025-10-09', source: 'VOVWORLD' });
  });

  it('sends the puts of one task as one message, in order with removes and searches, and reports each', async () => {
    const fake = fakeWorker();
    const engine = new WorkerEngine(fake.worker);
    const indexed = recordIndexed(engine);
    const batch = Array.from({ length: 64 }, (_, i) => ({ ...LAIN, path: `arsip/${i}.txt` }));
    for (const document of batch) engine.put(document);
    await settle();
    expect(fake.posted).toEqual(['putMany']);
    expect(indexed.map((i) => i.path)).toEqual(batch.map((d) => d.path));
    expect(indexed[0]!.metadata).not.toBeNull();

    // A remove, a search or an index-only put between puts keeps its place.
    fake.posted.length = 0;
    engine.put(KUNJUNGAN);
    engine.put(LAIN);
    engine.remove(KUNJUNGAN.path);
    engine.put({ ...KUNJUNGAN, sha256: 'c'.repeat(64) }, 'index');
    engine.put({ ...LAIN, path: 'c.txt' }, 'index');
    const hits = engine.search('konektivitas');
    engine.remove('c.txt');
    const after = engine.search('"jalur kereta"');
    expect(fake.posted).toEqual(['putMany', 'remove', 'putMany', 'search', 'remove', 'search']);
    expect((await hits).map((h) => h.path)).toEqual([KUNJUNGAN.path]);
    expect((await after).map((h) => h.path)).not.toContain('c.txt');
    expect(indexed.slice(64).map((i) => [i.path, i.metadata === null])).toEqual([
      [KUNJUNGAN.path, false],
      [LAIN.path, false],
      [KUNJUNGAN.path, true],
      ['c.txt', true],
    ]);
  });

  it('a put of a batch that fails in the worker is left out of the reply, the rest reported', () => {
    const core = new LibraryCore('all');
    const reply = core.handle({
      type: 'putMany',
      documents: [KUNJUNGAN, { ...LAIN, text: null as unknown as string }, { ...LAIN, path: 'c.txt' }],
    });
    expect(reply).toMatchObject({ type: 'indexedMany' });
    expect(reply?.type === 'indexedMany' && reply.documents.map((d) => d.path)).toEqual([
      KUNJUNGAN.path,
      'c.txt',
    ]);
  });

  it('moves to the page when the worker fails: replays what it held, answers waiting searches', async () => {
    const fake = fakeWorker();
    const reasons: string[] = [];
    const engine = new WorkerEngine(fake.worker, (reason) => reasons.push(reason));
    const indexed = recordIndexed(engine);
    engine.put(KUNJUNGAN);
    engine.put(LAIN);
    engine.remove(LAIN.path);
    fake.stall();
    const waiting = engine.search('kereta');
    fake.crash();
    expect(reasons).toEqual(['out of memory']);
    expect(fake.terminated).toBe(true);
    expect((await waiting).map((h) => h.path)).toEqual([KUNJUNGAN.path]);
    // Later work happens on the page, with the same results.
    engine.put({ ...LAIN, sha256: 'c'.repeat(64) });
    expect((await engine.search('kereta')).map((h) => h.path).sort()).toEqual([KUNJUNGAN.path, LAIN.path]);
    await settle();
    expect(indexed.map((i) => i.path)).toEqual([KUNJUNGAN.path, LAIN.path]);
    fake.crash(); // a second error changes nothing
    expect(reasons).toHaveLength(1);
  });

  it('gives the same hits and metadata as the page-thread engine', async () => {
    const fake = fakeWorker();
    const viaWorker = new WorkerEngine(fake.worker);
    const onPage = new InThreadEngine();
    const a = recordIndexed(viaWorker);
    const b = recordIndexed(onPage);
    for (const engine of [viaWorker, onPage]) {
      engine.put(KUNJUNGAN);
      engine.put(LAIN);
    }
    const query = '"kereta api" kedua';
    expect(await viaWorker.search(query, { snippets: 2 })).toEqual(
      await onPage.search(query, { snippets: 2 }),
    );
    await settle();
    expect(a).toEqual(b);
  });
});

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ReadDocumentsItem } from '../../../../shared/api/api-contract';
import type {
  CorpusEvent,
  CorpusSnapshot,
  DocumentMeta,
  DocumentText,
} from '../../../../shared/corpus/corpus-types';
import { CorpusLibrary, DESCRIBE_SLICE_UNITS } from '../corpus-library';
import { InThreadEngine } from '../library-engine';
import { CorpusTexts, type CorpusTextChange } from '../corpus-texts';
import { detectLanguage } from '../../../../shared/corpus/document-metadata';
import type { LanguageCache } from '../../db/language-cache';
import type { SearchIndexCache } from '../../db/search-index-cache';
import type { CorpusIndexSnapshot } from '../../../../shared/corpus/corpus-search';

interface HostOptions {
  /** Answer at most this many documents per `readDocuments` call (as a host does for long texts). */
  perAnswer?: number;
  /** `readDocuments` fails as a whole (say, an older host without it). */
  batchFails?: boolean;
}

/** A corpus host in memory: files by path, events pushed by the test, reads counted. */
function fakeHost(files: Record<string, string>, options: HostOptions = {}) {
  const texts = new Map(Object.entries(files));
  let listener: ((event: CorpusEvent) => void) | null = null;
  const reads: string[] = [];
  /** The paths of every `readDocuments` call, as asked. */
  const batches: string[][] = [];
  const meta = (path: string): DocumentMeta => {
    const text = texts.get(path);
    return text === undefined
      ? { path, title: path, sha256: null, chars: null, encoding: null, status: 'error', reason: 'gone' }
      : {
          path,
          title: text.split('\n')[0]!,
          sha256: fakeSha(text),
          chars: [...text].length,
          encoding: 'utf-8',
          status: 'ok',
        };
  };
  const read = async (path: string): Promise<DocumentText> => {
    reads.push(path);
    const text = texts.get(path);
    if (text === undefined) throw new Error(`not found: ${path}`);
    return { meta: meta(path), text };
  };
  return {
    reads,
    batches,
    meta,
    set(path: string, text: string | null) {
      if (text === null) texts.delete(path);
      else texts.set(path, text);
    },
    emit(event: CorpusEvent) {
      listener?.(event);
    },
    source: {
      getCorpus: async (): Promise<CorpusSnapshot> => ({
        root: '/c',
        name: 'c',
        scanning: false,
        documents: [...texts.keys()].sort().map(meta),
      }),
      readDocument: read,
      readDocuments: async (paths: readonly string[]): Promise<ReadDocumentsItem[]> => {
        batches.push([...paths]);
        if (options.batchFails) throw new Error('unknown API call "readDocuments"');
        const items: ReadDocumentsItem[] = [];
        for (const path of paths.slice(0, options.perAnswer ?? paths.length)) {
          try {
            items.push({ ok: true, document: await read(path) });
          } catch (error) {
            items.push({ ok: false, path, error: { code: 'not-found', message: (error as Error).message } });
          }
        }
        return items;
      },
      onCorpusEvent: (l: (event: CorpusEvent) => void) => {
        listener = l;
        return () => (listener = null);
      },
    },
  };
}

function fakeSha(text: string): string {
  let h = 0;
  for (const c of text) h = (h * 31 + c.codePointAt(0)!) >>> 0;
  return h.toString(16).padStart(64, '0');
}

const noPause = (): Promise<void> => Promise.resolve();

describe('CorpusTexts', () => {
  it('reads every readable document once, many per round trip, and reports each', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha\nkereta api', 'b.txt': 'Beta' });
    const texts = new CorpusTexts(host.source, noPause);
    const changes: CorpusTextChange[] = [];
    texts.subscribe((c) => changes.push(c));
    texts.start();
    texts.start(); // idempotent
    await new Promise((r) => setTimeout(r, 0));
    await texts.idle();
    expect(host.reads).toEqual(['a.txt', 'b.txt']);
    expect(changes.map((c) => [c.path, c.entry?.title])).toEqual([
      ['a.txt', 'Alpha'],
      ['b.txt', 'Beta'],
    ]);
    expect(texts.get('a.txt')?.text).toBe('Alpha\nkereta api');
    expect(texts.progress).toEqual({ loaded: 2, total: 2, failed: 0 });
  });

  it('follows the watcher: re-reads a changed document, reads an added one, drops a removed one', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha', 'b.txt': 'Beta' });
    const texts = new CorpusTexts(host.source, noPause);
    const changes: string[] = [];
    texts.subscribe((c) => changes.push(`${c.path}:${c.entry?.text ?? '-'}`));
    texts.sync([host.meta('a.txt'), host.meta('b.txt')]);
    await texts.idle();
    changes.length = 0;
    host.reads.length = 0;

    // The same hash again (a touch, a rescan) reads nothing.
    texts.apply({ type: 'document-changed', document: host.meta('a.txt') });
    host.set('a.txt', 'Alpha two');
    texts.apply({ type: 'document-changed', document: host.meta('a.txt') });
    host.set('c.txt', 'Gamma');
    texts.apply({ type: 'document-added', document: host.meta('c.txt') });
    texts.apply({ type: 'document-removed', path: 'b.txt' });
    await texts.idle();
    expect(host.reads).toEqual(['a.txt', 'c.txt']);
    expect(changes).toEqual(['b.txt:-', 'a.txt:Alpha two', 'c.txt:Gamma']);
    expect([...texts.entries()].map((e) => e.path).sort()).toEqual(['a.txt', 'c.txt']);
  });

  it('keeps going when a read fails, and forgets a document that became unreadable', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha', 'b.txt': 'Beta' });
    const texts = new CorpusTexts(host.source, noPause);
    const docs = [host.meta('a.txt'), host.meta('b.txt')];
    host.set('a.txt', null); // gone between the scan and the read
    texts.sync(docs);
    await texts.idle();
    expect(texts.get('b.txt')?.text).toBe('Beta');
    expect(texts.errors.get('a.txt')).toMatch(/not found/);
    expect(texts.progress).toEqual({ loaded: 1, total: 2, failed: 1 });

    texts.apply({
      type: 'document-changed',
      document: { ...host.meta('b.txt'), status: 'skipped', sha256: null },
    });
    expect(texts.get('b.txt')).toBeUndefined();
  });

  it('counts loaded documents exactly through any sequence of changes, adds, removals, failures and new listings', async () => {
    const paths = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...paths),
        text: fc.option(fc.string({ maxLength: 3 })),
      }),
      fc.record({ kind: fc.constant('event' as const), path: fc.constantFrom(...paths) }),
      fc.record({ kind: fc.constant('list' as const), keep: fc.subarray(paths) }),
      fc.constant({ kind: 'idle' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const host = fakeHost({ 'a.txt': 'A', 'b.txt': 'B' });
        const texts = new CorpusTexts(host.source, noPause);
        // The count over the whole corpus, as the loader once recounted it after each batch.
        const counted = () =>
          [...texts.wantedHashes()].filter(([path, sha]) => texts.get(path)?.sha256 === sha).length;
        for (const o of ops) {
          if (o.kind === 'set') host.set(o.path, o.text);
          else if (o.kind === 'event') {
            const meta = host.meta(o.path);
            texts.apply(
              meta.status === 'ok'
                ? { type: 'document-changed', document: meta }
                : { type: 'document-removed', path: o.path },
            );
            expect(texts.progress.loaded).toBe(counted());
          } else if (o.kind === 'list') {
            texts.sync(o.keep.map((path) => host.meta(path)));
            expect(texts.progress.loaded).toBe(counted());
          } else await texts.idle();
        }
        await texts.idle();
        expect(texts.progress.loaded).toBe(counted());
        expect(texts.progress.total).toBe(texts.wantedHashes().size);
      }),
      { numRuns: 200 },
    );
  });

  it('asks for 64 documents per round trip, two round trips at a time', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`d${String(i).padStart(3, '0')}.txt`, `Doc ${i}`]),
    );
    const host = fakeHost(files);
    const texts = new CorpusTexts(host.source, noPause);
    texts.sync(Object.keys(files).map(host.meta));
    // The second batch is asked for before the first is answered; the third waits for one of them.
    await Promise.resolve();
    expect(host.batches.map((b) => b.length)).toEqual([64, 64]);
    await texts.idle();
    expect(host.batches.map((b) => b.length)).toEqual([64, 64, 22]);
    expect(host.batches.flat()).toEqual(Object.keys(files));
    expect([...host.reads].sort()).toEqual(Object.keys(files));
    expect(texts.progress).toEqual({ loaded: 150, total: 150, failed: 0 });
  });

  it('asks again for what an answer cut short left out', async () => {
    const host = fakeHost(
      { 'a.txt': 'Alpha', 'b.txt': 'Beta', 'c.txt': 'Gamma', 'd.txt': 'Delta', 'e.txt': 'Epsilon' },
      { perAnswer: 2 },
    );
    const texts = new CorpusTexts(host.source, noPause);
    texts.sync(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'].map(host.meta));
    await texts.idle();
    expect(host.reads).toEqual(['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']);
    expect(host.batches.map((b) => b[0])).toEqual(['a.txt', 'c.txt', 'e.txt']);
    expect(texts.progress).toEqual({ loaded: 5, total: 5, failed: 0 });
  });

  it('a failing batch call falls back to one document at a time, each with its own error', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha', 'b.txt': 'Beta' }, { batchFails: true });
    const texts = new CorpusTexts(host.source, noPause);
    const docs = [host.meta('a.txt'), host.meta('b.txt')];
    host.set('a.txt', null);
    texts.sync(docs);
    await texts.idle();
    expect(host.batches).toEqual([['a.txt', 'b.txt']]);
    expect(texts.get('b.txt')?.text).toBe('Beta');
    expect(texts.errors.get('a.txt')).toMatch(/not found: a\.txt/);
    expect(texts.progress).toEqual({ loaded: 1, total: 2, failed: 1 });
  });

  it('a document removed while its batch is being read is not kept', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha', 'b.txt': 'Beta' });
    const texts = new CorpusTexts(host.source, noPause);
    const original = host.source.readDocuments;
    host.source.readDocuments = async (paths) => {
      texts.apply({ type: 'document-removed', path: 'a.txt' });
      return original(paths);
    };
    const seen: string[] = [];
    texts.subscribe((c) => seen.push(c.path));
    texts.sync([host.meta('a.txt'), host.meta('b.txt')]);
    await texts.idle();
    expect(seen).toEqual(['b.txt']);
    expect([...texts.entries()].map((e) => e.path)).toEqual(['b.txt']);
  });

  it('a new corpus replaces the old one', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha' });
    const texts = new CorpusTexts(host.source, noPause);
    texts.sync([host.meta('a.txt')]);
    await texts.idle();
    host.set('z.txt', 'Zeta');
    texts.apply({
      type: 'corpus-opened',
      snapshot: { root: '/d', name: 'd', scanning: false, documents: [host.meta('z.txt')] },
    });
    await texts.idle();
    expect([...texts.entries()].map((e) => e.path)).toEqual(['z.txt']);
  });

  it('lists its first answer a breath later, unless the host announced a corpus meanwhile', async () => {
    const host = fakeHost({ 'a.txt': 'Alpha' });
    let breathe: (() => void) | null = null;
    const texts = new CorpusTexts(host.source, () => new Promise<void>((resolve) => (breathe = resolve)));
    texts.start();
    await vi.waitFor(() => expect(breathe).not.toBeNull());
    // The answer is in, not listed yet: the host opens another corpus in between.
    expect(texts.progress.total).toBe(0);
    host.set('z.txt', 'Zeta');
    texts.apply({
      type: 'corpus-opened',
      snapshot: { root: '/d', name: 'd', scanning: false, documents: [host.meta('z.txt')] },
    });
    for (let i = 0; i < 5; i++) {
      breathe!();
      await Promise.resolve();
    }
    await vi.waitFor(() => expect([...texts.entries()].map((e) => e.path)).toEqual(['z.txt']));
    expect(texts.progress.total).toBe(1);
    texts.stop();
  });
});

describe('CorpusLibrary', () => {
  it('indexes and describes documents as their texts arrive, and updates the index on change', async () => {
    const host = fakeHost({
      '2025-10-09-kunjungan.txt':
        'Kunjungan resmi\nKedua pihak mendorong konektivitas kereta api.\nSumber: VOVWORLD',
      'b.txt': 'Lain\nTidak ada apa-apa di sini.',
    });
    const library = new CorpusLibrary(host.source, noPause);
    const start = library.version;
    library.texts.sync([host.meta('2025-10-09-kunjungan.txt'), host.meta('b.txt')]);
    await library.texts.idle();
    expect(library.version).toBeGreaterThan(start);
    expect((await library.search('KERETA api')).map((h) => h.path)).toEqual(['2025-10-09-kunjungan.txt']);
    expect(library.metadata('2025-10-09-kunjungan.txt')).toMatchObject({
      date: '2025-10-09',
      source: 'VOVWORLD',
    });
    expect(library.codePoints('b.txt')?.index.length).toBe([...'Lain\nTidak ada apa-apa di sini.'].length);

    host.set('b.txt', 'Lain\nJalur kereta api baru.');
    library.texts.apply({ type: 'document-changed', document: host.meta('b.txt') });
    await library.texts.idle();
    expect((await library.search('kereta api')).map((h) => h.path).sort()).toEqual([
      '2025-10-09-kunjungan.txt',
      'b.txt',
    ]);

    library.texts.apply({ type: 'document-removed', path: '2025-10-09-kunjungan.txt' });
    expect((await library.search('kereta api')).map((h) => h.path)).toEqual(['b.txt']);
    expect(library.metadata('2025-10-09-kunjungan.txt')).toBeUndefined();
  });
});

describe('CorpusLibrary with two engines', () => {
  it('searches through the index engine, describes through the other, and is complete only when both are done', async () => {
    const host = fakeHost({
      '2025-10-09-kunjungan.txt':
        'Kunjungan resmi\nKedua pihak mendorong konektivitas kereta api.\nSumber: VOVWORLD',
      'b.txt': 'Lain\nTidak ada apa-apa di sini.',
    });
    const marks: string[] = [];
    const observer = new PerformanceObserver((list) => marks.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ entryTypes: ['mark'] });
    try {
      const library = new CorpusLibrary(
        host.source,
        noPause,
        new InThreadEngine('index'),
        null,
        new InThreadEngine('describe'),
      );
      library.texts.sync([host.meta('2025-10-09-kunjungan.txt'), host.meta('b.txt')]);
      await library.texts.idle();
      expect((await library.search('kereta')).map((h) => h.path)).toEqual(['2025-10-09-kunjungan.txt']);
      expect(library.metadata('2025-10-09-kunjungan.txt')).toMatchObject({
        date: '2025-10-09',
        source: 'VOVWORLD',
      });
      expect(library.pending).toBe(0);
      library.texts.apply({ type: 'document-removed', path: 'b.txt' });
      expect(library.metadata('b.txt')).toBeUndefined();
      await vi.waitFor(() => expect(marks).toContain('tanda:library-complete'));
    } finally {
      observer.disconnect();
    }
  });
});

describe('CorpusLibrary and the language cache', () => {
  const INDONESIAN =
    'Kunjungan resmi\nKedua pihak sepakat bahwa kerja sama kereta api harus dipercepat karena penting bagi perdagangan.';
  const ENGLISH =
    'Official visit\nBoth sides agreed that railway cooperation must be accelerated because it matters for trade.';

  it('reuses a language kept for the same text, and saves those it detected', async () => {
    const host = fakeHost({ 'a.txt': INDONESIAN, 'b.txt': ENGLISH });
    const shaA = host.meta('a.txt').sha256!;
    const shaB = host.meta('b.txt').sha256!;
    const saved: (readonly [string, string | null])[] = [];
    const cache: LanguageCache = {
      // A kept answer the detector would never give: proves it was not asked again.
      load: async () => new Map([[shaA, 'kept']]),
      save: async (entries) => void saved.push(...entries),
    };
    const library = new CorpusLibrary(host.source, noPause, undefined, cache);
    library.start();
    await vi.waitFor(() => expect(library.metadata('b.txt')).toBeDefined());
    expect(library.metadata('a.txt')?.language).toBe('kept');
    expect(library.metadata('b.txt')?.language).toBe('eng');
    expect(detectLanguage(INDONESIAN)).not.toBe('kept');
    await vi.waitFor(() => expect(saved).toEqual([[shaB, 'eng']]));
  });

  it('does not wait for the kept languages to list and read; the texts wait for them to be indexed', async () => {
    const host = fakeHost({ 'a.txt': INDONESIAN, 'b.txt': ENGLISH });
    const shaA = host.meta('a.txt').sha256!;
    let release: (kept: Map<string, string | null>) => void = () => {};
    const cache: LanguageCache = {
      load: () => new Promise((resolve) => (release = resolve)),
      save: async () => {},
    };
    const library = new CorpusLibrary(host.source, noPause, undefined, cache);
    library.start();
    await vi.waitFor(() => expect(library.texts.progress).toMatchObject({ loaded: 2, total: 2 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(library.searchProgress.indexed).toBe(0);
    expect(library.metadata('a.txt')).toBeUndefined();
    release(new Map([[shaA, 'kept']]));
    await vi.waitFor(() => expect(library.metadata('a.txt')?.language).toBe('kept'));
    await vi.waitFor(() => expect(library.metadata('b.txt')?.language).toBe('eng'));
    expect(library.searchProgress).toEqual({ indexed: 2, total: 2 });
  });

  it('a cache that cannot be read or written only costs time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const host = fakeHost({ 'a.txt': INDONESIAN });
      const cache: LanguageCache = {
        load: async () => Promise.reject(new Error('blocked')),
        save: async () => Promise.reject(new Error('disk full')),
      };
      const library = new CorpusLibrary(host.source, noPause, undefined, cache);
      library.start();
      await vi.waitFor(() => expect(library.metadata('a.txt')?.language).toBe(detectLanguage(INDONESIAN)));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/could not read the language cache \(blocked\)/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('CorpusLibrary and the search index cache', () => {
  /** A SearchIndexCache in memory; what is stored is a structured clone, as IndexedDB keeps it. */
  function memoryCache(options: { failSave?: boolean } = {}) {
    const rows = new Map<string, { hashes: Map<string, string>; snapshot: CorpusIndexSnapshot }>();
    const cache: SearchIndexCache = {
      load: async (corpus) => structuredClone(rows.get(corpus) ?? null),
      save: async (corpus, hashes, snapshot) => {
        if (options.failSave) throw new Error('disk full');
        rows.set(corpus, structuredClone({ hashes: new Map(hashes), snapshot }));
      },
    };
    return { cache, rows };
  }

  /** The host's texts are read only once `open()` is called: what is searchable before comes from the cache. */
  function gated(host: ReturnType<typeof fakeHost>) {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const source = {
      ...host.source,
      readDocuments: async (paths: readonly string[]) => {
        await gate;
        return host.source.readDocuments(paths);
      },
    };
    return { source, open };
  }

  const FILES = {
    'a.txt': 'Kunjungan resmi\nKedua pihak mendorong konektivitas kereta api.',
    'b.txt': 'Lain\nJalur kereta api baru.',
  };

  it('a reopened corpus is searchable from the kept index before its texts are read; a changed text is indexed again', async () => {
    const { cache, rows } = memoryCache();
    const first = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    first.start();
    await vi.waitFor(() => expect(rows.get('/c')?.hashes.size).toBe(2));

    const host = fakeHost(FILES);
    host.set('b.txt', 'Lain\nJalan tol baru.');
    const { source, open } = gated(host);
    const second = new CorpusLibrary(source, noPause, new InThreadEngine('all', cache));
    second.start();
    await vi.waitFor(() => expect(second.searchProgress).toEqual({ indexed: 1, total: 2 }));
    expect(second.texts.progress.loaded).toBe(0);
    expect((await second.search('konektivitas')).map((h) => h.path)).toEqual(['a.txt']);
    // b.txt's kept entry was for its old text: dropped, not searched.
    expect(await second.search('kereta')).toHaveLength(1);

    open();
    await vi.waitFor(() => expect(second.searchProgress).toEqual({ indexed: 2, total: 2 }));
    expect((await second.search('tol')).map((h) => h.path)).toEqual(['b.txt']);
    expect((await second.search('kereta')).map((h) => h.path)).toEqual(['a.txt']);
    // Saved again with b.txt's new text.
    await vi.waitFor(() => expect(rows.get('/c')?.hashes.get('b.txt')).toBe(host.meta('b.txt').sha256));
  });

  it('at launch, waits for the complete listing (the host still scanning) before restoring', async () => {
    const { cache, rows } = memoryCache();
    const first = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    first.start();
    await vi.waitFor(() => expect(rows.get('/c')?.hashes.size).toBe(2));

    const host = fakeHost(FILES);
    const { source, open } = gated(host);
    const scanning = {
      ...source,
      getCorpus: async () => ({ root: '/c', name: 'c', scanning: true, documents: [] }),
    };
    const second = new CorpusLibrary(scanning, noPause, new InThreadEngine('all', cache));
    second.start();
    await new Promise((r) => setTimeout(r, 10));
    expect(await second.search('kereta')).toEqual([]);
    host.emit({ type: 'corpus-opened', snapshot: await host.source.getCorpus() });
    await vi.waitFor(() => expect(second.searchProgress).toEqual({ indexed: 2, total: 2 }));
    expect(second.texts.progress.loaded).toBe(0);
    expect((await second.search('kereta')).map((h) => h.path).sort()).toEqual(['a.txt', 'b.txt']);
    open();
  });

  it('an index that cannot be kept only costs time, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { cache } = memoryCache({ failSave: true });
      const library = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
      library.start();
      await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
      expect(String(warn.mock.calls[0]![0])).toMatch(/could not keep the search index.*disk full/);
      expect((await library.search('kereta')).map((h) => h.path).sort()).toEqual(['a.txt', 'b.txt']);
    } finally {
      warn.mockRestore();
    }
  });

  it('a damaged kept index is ignored without a failure, the texts indexed, and the index kept again whole', async () => {
    const { cache, rows } = memoryCache();
    const first = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    first.start();
    await vi.waitFor(() => expect(rows.has('/c')).toBe(true));
    const parts = rows.get('/c')!.snapshot.parts;
    parts.numbers = (parts.numbers as ArrayBuffer).slice(0, 3);
    const library = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    library.start();
    await vi.waitFor(() => expect(library.searchProgress).toEqual({ indexed: 2, total: 2 }));
    expect((await library.search('kereta')).map((h) => h.path).sort()).toEqual(['a.txt', 'b.txt']);
    await vi.waitFor(() =>
      expect((rows.get('/c')!.snapshot.parts.numbers as ArrayBuffer).byteLength).toBeGreaterThan(3),
    );
    const third = new CorpusLibrary(gated(fakeHost(FILES)).source, noPause, new InThreadEngine('all', cache));
    third.start();
    await vi.waitFor(() => expect(third.searchProgress).toEqual({ indexed: 2, total: 2 }));
    expect(third.texts.progress.loaded).toBe(0);
  });

  it('with one engine, every text is indexed before any is described, and all are described after', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `d${String(i).padStart(3, '0')}.txt`,
        `Berita ${i}\nKereta api ${i}.`,
      ]),
    );
    const engine = new InThreadEngine('all');
    const put = vi.spyOn(engine, 'put');
    const library = new CorpusLibrary(fakeHost(files).source, noPause, engine);
    library.start();
    await vi.waitFor(() => expect(library.metadata('d149.txt')).toBeDefined());
    await vi.waitFor(() =>
      expect(Object.keys(files).every((f) => library.metadata(f) !== undefined)).toBe(true),
    );
    const parts = put.mock.calls.map((call) => call[1]);
    expect(parts.filter((p) => p === 'index')).toHaveLength(150);
    expect(parts.filter((p) => p === 'describe')).toHaveLength(150);
    expect(parts.lastIndexOf('index')).toBeLessThan(parts.indexOf('describe'));
  });

  it('sends the deferred describe requests a slice of text at a time, each in a task of its own', async () => {
    const long = 'Kereta api cepat. '.repeat(Math.ceil(DESCRIBE_SLICE_UNITS / 18 / 4));
    const files = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`d${String(i).padStart(2, '0')}.txt`, `Berita ${i}\n${long}`]),
    );
    const engine = new InThreadEngine('all');
    // The puts made in one task: what a worker engine posts together when the task ends.
    const describedPerTask: number[] = [];
    let inTask = false;
    const put = engine.put.bind(engine);
    vi.spyOn(engine, 'put').mockImplementation((document, parts) => {
      if (parts === 'describe') {
        if (!inTask) {
          inTask = true;
          describedPerTask.push(0);
          queueMicrotask(() => (inTask = false));
        }
        describedPerTask[describedPerTask.length - 1]! += 1;
      }
      put(document, parts);
    });
    const library = new CorpusLibrary(fakeHost(files).source, noPause, engine);
    library.start();
    await vi.waitFor(() =>
      expect(Object.keys(files).every((f) => library.metadata(f) !== undefined)).toBe(true),
    );
    expect(describedPerTask.reduce((a, b) => a + b, 0)).toBe(12);
    // A quarter of a slice each: four texts per task at most (fewer when the time runs out first).
    expect(describedPerTask.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...describedPerTask)).toBeLessThanOrEqual(4);
  });

  it('a kept index for another indexing format is ignored and the texts are indexed', async () => {
    const { cache, rows } = memoryCache();
    const first = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    first.start();
    await vi.waitFor(() => expect(rows.has('/c')).toBe(true));
    rows.get('/c')!.snapshot.format += 1;
    const library = new CorpusLibrary(fakeHost(FILES).source, noPause, new InThreadEngine('all', cache));
    library.start();
    await vi.waitFor(() => expect(library.searchProgress).toEqual({ indexed: 2, total: 2 }));
    expect((await library.search('kereta')).map((h) => h.path).sort()).toEqual(['a.txt', 'b.txt']);
  });
});

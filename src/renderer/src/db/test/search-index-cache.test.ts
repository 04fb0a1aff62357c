import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createCorpusIndex,
  indexDocument,
  restoreCorpusIndex,
  search,
  snapshotCorpusIndex,
} from '../../../../shared/corpus/corpus-search';
import { IndexedDbLanguageCache } from '../language-cache';
import { IndexedDbSearchIndexCache } from '../search-index-cache';

let cache: IndexedDbSearchIndexCache | null = null;
afterEach(async () => {
  await cache?.delete();
});

/** Chunks of 50 characters: every index here is stored in many pieces. */
function fresh(): { name: string; cache: IndexedDbSearchIndexCache } {
  const name = `tanda-cache-test-${Math.random().toString(36).slice(2)}`;
  return { name, cache: (cache = new IndexedDbSearchIndexCache(name, 50)) };
}

function snapshotOf(text: string) {
  const index = createCorpusIndex();
  indexDocument(index, { path: 'a.txt', title: 'A', text });
  return snapshotCorpusIndex(index);
}

describe('IndexedDbSearchIndexCache', () => {
  it('keeps an index per corpus with the hash of each text, across instances', async () => {
    const { name, cache: first } = fresh();
    await first.save('/corpus/one', new Map([['a.txt', 'a'.repeat(64)]]), snapshotOf('A\nkereta api'));
    const kept = await new IndexedDbSearchIndexCache(name, 50).load('/corpus/one');
    expect(kept?.hashes).toEqual(new Map([['a.txt', 'a'.repeat(64)]]));
    const index = restoreCorpusIndex(kept!.snapshot)!;
    expect(search(index, 'kereta').map((h) => h.path)).toEqual(['a.txt']);
    expect(await first.load('/corpus/other')).toBeNull();
  });

  it('gives the index saved last, whichever corpus, with its text and binary parts whole', async () => {
    const { cache: c } = fresh();
    expect(await c.loadLatest()).toBeNull();
    await c.save('/one', new Map(), snapshotOf('A\nkereta api'));
    await new Promise((r) => setTimeout(r, 2)); // distinct savedAt
    await c.save('/two', new Map([['a.txt', 'a'.repeat(64)]]), snapshotOf('A\n' + 'jalan tol '.repeat(30)));
    const latest = await c.loadLatest();
    expect(latest?.corpus).toBe('/two');
    expect(latest?.snapshot.parts.numbers).toBeInstanceOf(ArrayBuffer);
    expect(search(restoreCorpusIndex(latest!.snapshot)!, 'tol').map((h) => h.path)).toEqual(['a.txt']);
  });

  it("a save replaces the corpus's earlier index whole, however many pieces each had", async () => {
    const { cache: c } = fresh();
    await c.save('/c', new Map([['a.txt', 'a'.repeat(64)]]), snapshotOf('A\n' + 'kereta api '.repeat(40)));
    await c.save('/c', new Map([['a.txt', 'b'.repeat(64)]]), snapshotOf('A\njalan tol'));
    const index = restoreCorpusIndex((await c.load('/c'))!.snapshot)!;
    expect(search(index, 'tol').map((h) => h.path)).toEqual(['a.txt']);
    expect(search(index, 'kereta')).toEqual([]);
  });

  it('keeps the three corpora saved last and drops older ones', async () => {
    const { cache: c } = fresh();
    for (const corpus of ['/1', '/2', '/3', '/4']) {
      await c.save(corpus, new Map(), snapshotOf(corpus));
      await new Promise((r) => setTimeout(r, 2)); // distinct savedAt
    }
    expect(await c.load('/1')).toBeNull();
    for (const corpus of ['/2', '/3', '/4']) expect(await c.load(corpus)).not.toBeNull();
  });

  it('shares its database with the language cache (one schema, opened by either first)', async () => {
    const { name, cache: c } = fresh();
    const languages = new IndexedDbLanguageCache(name);
    await languages.save([['b'.repeat(64), 'ind']]);
    await c.save('/c', new Map(), snapshotOf('x'));
    expect(await new IndexedDbLanguageCache(name).load()).toEqual(new Map([['b'.repeat(64), 'ind']]));
    expect(await c.load('/c')).not.toBeNull();
  });
});

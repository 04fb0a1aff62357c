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

function fresh(): { name: string; cache: IndexedDbSearchIndexCache } {
  const name = `tanda-cache-test-${Math.random().toString(36).slice(2)}`;
  return { name, cache: (cache = new IndexedDbSearchIndexCache(name)) };
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
    const kept = await new IndexedDbSearchIndexCache(name).load('/corpus/one');
    expect(kept?.hashes).toEqual(new Map([['a.txt', 'a'.repeat(64)]]));
    const index = restoreCorpusIndex(kept!.snapshot)!;
    expect(search(index, 'kereta').map((h) => h.path)).toEqual(['a.txt']);
    expect(await first.load('/corpus/other')).toBeNull();
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

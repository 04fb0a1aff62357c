import { describe, expect, it, vi } from 'vitest';
import {
  createCorpusIndex,
  indexDocument,
  snapshotCorpusIndex,
} from '../../../../shared/corpus/corpus-search';
import type { KeptIndex, SearchIndexCache } from '../../db/search-index-cache';
import { LibraryCore } from '../library-core';

function kept(path: string, text: string): KeptIndex {
  const index = createCorpusIndex();
  indexDocument(index, { path, title: 'T', text });
  return { hashes: new Map([[path, 'h'.repeat(64)]]), snapshot: structuredClone(snapshotCorpusIndex(index)) };
}

describe('LibraryCore.prefetch', () => {
  it('restores the index saved last before the corpus is named, and uses it when that corpus opens', async () => {
    const cache: SearchIndexCache = {
      load: vi.fn(async () => null),
      loadLatest: vi.fn(async () => ({ corpus: '/c', ...kept('a.txt', 'T\nkereta api') })),
      save: async () => {},
    };
    const core = new LibraryCore('index', cache);
    core.prefetch();
    const reply = await core.handleAsync({
      type: 'restore',
      corpus: '/c',
      documents: [['a.txt', 'h'.repeat(64)]],
    });
    expect(reply).toEqual({ type: 'restored', documents: [['a.txt', 'h'.repeat(64)]] });
    expect(cache.load).not.toHaveBeenCalled();
    const hits = core.handle({ type: 'search', id: 1, query: 'kereta' });
    expect(hits?.type === 'hits' && hits.hits.map((h) => h.path)).toEqual(['a.txt']);
  });

  it('reads the named corpus when the one saved last is another', async () => {
    const cache: SearchIndexCache = {
      load: vi.fn(async () => kept('b.txt', 'T\njalan tol')),
      loadLatest: async () => ({ corpus: '/other', ...kept('a.txt', 'T\nkereta api') }),
      save: async () => {},
    };
    const core = new LibraryCore('index', cache);
    core.prefetch();
    await core.handleAsync({ type: 'restore', corpus: '/c', documents: [['b.txt', 'h'.repeat(64)]] });
    expect(cache.load).toHaveBeenCalledWith('/c');
    const hits = core.handle({ type: 'search', id: 1, query: 'kereta tol' });
    expect(hits).toEqual({ type: 'hits', id: 1, hits: [] });
    const tol = core.handle({ type: 'search', id: 2, query: 'tol' });
    expect(tol?.type === 'hits' && tol.hits.map((h) => h.path)).toEqual(['b.txt']);
  });
});

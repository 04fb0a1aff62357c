import type { CorpusIndexSnapshot } from '../../../shared/corpus/corpus-search';
import { CacheDB, DEFAULT_CACHE_DB_NAME } from './cache-db';

/**
 * The corpus search index kept between launches, per corpus, with the text
 * hash each document was indexed from (`tanda-cache`, see cache-db.ts).
 * Read and written by the library worker, off the page's thread.
 */
export interface SearchIndexCache {
  /** The last index saved for this corpus, or null. */
  load(corpus: string): Promise<{ hashes: Map<string, string>; snapshot: CorpusIndexSnapshot } | null>;
  save(corpus: string, hashes: ReadonlyMap<string, string>, snapshot: CorpusIndexSnapshot): Promise<void>;
}

/** Corpora whose index is kept; opening another drops the one used longest ago (each is about the corpus's size again). */
const MAX_CORPORA = 3;

export class IndexedDbSearchIndexCache implements SearchIndexCache {
  private readonly db: CacheDB;

  constructor(name = DEFAULT_CACHE_DB_NAME) {
    this.db = new CacheDB(name);
  }

  async load(corpus: string): Promise<{ hashes: Map<string, string>; snapshot: CorpusIndexSnapshot } | null> {
    const row = await this.db.searchIndexes.get(corpus);
    if (row === undefined) return null;
    return { hashes: new Map(Object.entries(row.hashes)), snapshot: row.snapshot };
  }

  async save(
    corpus: string,
    hashes: ReadonlyMap<string, string>,
    snapshot: CorpusIndexSnapshot,
  ): Promise<void> {
    await this.db.transaction('rw', this.db.searchIndexes, async () => {
      await this.db.searchIndexes.put({
        corpus,
        hashes: Object.fromEntries(hashes),
        snapshot,
        savedAt: new Date().toISOString(),
      });
      const older = await this.db.searchIndexes
        .orderBy('savedAt')
        .reverse()
        .offset(MAX_CORPORA)
        .primaryKeys();
      if (older.length > 0) await this.db.searchIndexes.bulkDelete(older);
    });
  }

  /** For tests. */
  delete(): Promise<void> {
    return this.db.delete();
  }
}

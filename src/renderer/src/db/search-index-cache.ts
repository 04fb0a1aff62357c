import type { CorpusIndexSnapshot } from '../../../shared/corpus/corpus-search';
import { CacheDB, DEFAULT_CACHE_DB_NAME, type SearchIndexChunkRow } from './cache-db';

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
/** Characters per stored chunk of an index's text. */
const CHUNK_CHARS = 4_000_000;

type Part = SearchIndexChunkRow['part'];

export class IndexedDbSearchIndexCache implements SearchIndexCache {
  private readonly db: CacheDB;

  constructor(
    name = DEFAULT_CACHE_DB_NAME,
    private readonly chunkChars = CHUNK_CHARS,
  ) {
    this.db = new CacheDB(name);
  }

  async load(corpus: string): Promise<{ hashes: Map<string, string>; snapshot: CorpusIndexSnapshot } | null> {
    return this.db.transaction('r', this.db.searchIndexes, this.db.searchIndexChunks, async () => {
      const row = await this.db.searchIndexes.get(corpus);
      if (row === undefined) return null;
      const read = async (part: Part, count: number): Promise<string | null> => {
        const keys = Array.from({ length: count }, (_, n) => [corpus, part, n] as [string, string, number]);
        const chunks = await this.db.searchIndexChunks.bulkGet(keys);
        return chunks.some((c) => c === undefined) ? null : chunks.map((c) => c!.text).join('');
      };
      const engine = await read('engine', row.chunks.engine);
      const documents = await read('documents', row.chunks.documents);
      if (engine === null || documents === null) return null;
      return {
        hashes: new Map(Object.entries(row.hashes)),
        snapshot: { format: row.format, engine, documents },
      };
    });
  }

  async save(
    corpus: string,
    hashes: ReadonlyMap<string, string>,
    snapshot: CorpusIndexSnapshot,
  ): Promise<void> {
    const chunks: SearchIndexChunkRow[] = [];
    const split = (part: Part, text: string): number => {
      let n = 0;
      for (let at = 0; at < text.length || n === 0; at += this.chunkChars)
        chunks.push({ corpus, part, n: n++, text: text.slice(at, at + this.chunkChars) });
      return n;
    };
    const row = {
      corpus,
      format: snapshot.format,
      hashes: Object.fromEntries(hashes),
      chunks: { engine: split('engine', snapshot.engine), documents: split('documents', snapshot.documents) },
      savedAt: new Date().toISOString(),
    };
    await this.db.transaction('rw', this.db.searchIndexes, this.db.searchIndexChunks, async () => {
      await this.db.searchIndexChunks.where('corpus').equals(corpus).delete();
      await this.db.searchIndexChunks.bulkPut(chunks);
      await this.db.searchIndexes.put(row);
      const older = await this.db.searchIndexes
        .orderBy('savedAt')
        .reverse()
        .offset(MAX_CORPORA)
        .primaryKeys();
      if (older.length > 0) {
        await this.db.searchIndexes.bulkDelete(older);
        await this.db.searchIndexChunks.where('corpus').anyOf(older).delete();
      }
    });
  }

  /** For tests. */
  delete(): Promise<void> {
    return this.db.delete();
  }
}

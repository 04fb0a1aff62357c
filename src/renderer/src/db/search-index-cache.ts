import type { CorpusIndexSnapshot } from '../../../shared/corpus/corpus-search';
import { CacheDB, DEFAULT_CACHE_DB_NAME, type SearchIndexChunkRow, type SearchIndexRow } from './cache-db';

/**
 * The corpus search index kept between launches, per corpus, with the text
 * hash each document was indexed from (`tanda-cache`, see cache-db.ts).
 * Read and written by the library worker, off the page's thread.
 */
export interface SearchIndexCache {
  /** The last index saved for this corpus, or null. */
  load(corpus: string): Promise<KeptIndex | null>;
  /** The index saved last, whichever corpus it is for (to start reading it before the corpus is known), or null. */
  loadLatest?(): Promise<(KeptIndex & { corpus: string }) | null>;
  save(corpus: string, hashes: ReadonlyMap<string, string>, snapshot: CorpusIndexSnapshot): Promise<void>;
}

export interface KeptIndex {
  hashes: Map<string, string>;
  snapshot: CorpusIndexSnapshot;
}

/** Corpora whose index is kept; opening another drops the one used longest ago (each is about the corpus's size again). */
const MAX_CORPORA = 3;
/** Characters (or bytes) per stored chunk of an index's part. */
const CHUNK_SIZE = 4_000_000;

export class IndexedDbSearchIndexCache implements SearchIndexCache {
  private readonly db: CacheDB;

  constructor(
    name = DEFAULT_CACHE_DB_NAME,
    private readonly chunkSize = CHUNK_SIZE,
  ) {
    this.db = new CacheDB(name);
  }

  /** Null also when a piece is missing or of the wrong kind: the index is then built again from the texts. */
  load(corpus: string): Promise<KeptIndex | null> {
    return this.db.transaction('r', this.db.searchIndexes, this.db.searchIndexChunks, async () => {
      const row = await this.db.searchIndexes.get(corpus);
      return row === undefined ? null : this.read(row);
    });
  }

  loadLatest(): Promise<(KeptIndex & { corpus: string }) | null> {
    return this.db.transaction('r', this.db.searchIndexes, this.db.searchIndexChunks, async () => {
      const row = await this.db.searchIndexes.orderBy('savedAt').last();
      const kept = row === undefined ? null : await this.read(row);
      return kept === null ? null : { ...kept, corpus: row!.corpus };
    });
  }

  private async read(row: SearchIndexRow): Promise<KeptIndex | null> {
    const parts: CorpusIndexSnapshot['parts'] = {};
    for (const [part, count] of Object.entries(row.chunks)) {
      const keys = Array.from({ length: count }, (_, n) => [row.corpus, part, n] as [string, string, number]);
      const joined = joinChunks(await this.db.searchIndexChunks.bulkGet(keys));
      if (joined === null) return null;
      parts[part] = joined;
    }
    return { hashes: new Map(Object.entries(row.hashes)), snapshot: { format: row.format, parts } };
  }

  async save(
    corpus: string,
    hashes: ReadonlyMap<string, string>,
    snapshot: CorpusIndexSnapshot,
  ): Promise<void> {
    const chunks: SearchIndexChunkRow[] = [];
    const counts: Record<string, number> = {};
    for (const [part, value] of Object.entries(snapshot.parts)) {
      const size = typeof value === 'string' ? value.length : value.byteLength;
      let n = 0;
      for (let at = 0; at < size || n === 0; at += this.chunkSize)
        chunks.push(
          typeof value === 'string'
            ? { corpus, part, n: n++, text: value.slice(at, at + this.chunkSize) }
            : { corpus, part, n: n++, bytes: value.slice(at, at + this.chunkSize) },
        );
      counts[part] = n;
    }
    const row = {
      corpus,
      format: snapshot.format,
      hashes: Object.fromEntries(hashes),
      chunks: counts,
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

/** A part from its pieces, in order: all text or all bytes, none missing; else null. */
function joinChunks(chunks: (SearchIndexChunkRow | undefined)[]): string | ArrayBuffer | null {
  if (chunks.every((c) => typeof c?.text === 'string')) return chunks.map((c) => c!.text).join('');
  if (!chunks.every((c) => c?.bytes instanceof ArrayBuffer)) return null;
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c!.bytes!.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(new Uint8Array(c!.bytes!), at);
    at += c!.bytes!.byteLength;
  }
  return bytes.buffer;
}

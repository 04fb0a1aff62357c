import Dexie, { type Table } from 'dexie';
import type { CorpusIndexSnapshot } from '../../../shared/corpus/corpus-search';

/**
 * `tanda-cache`: what can be worked out again from the corpus, kept to save
 * time at the next launch. Not the analyst's work: never backed up or
 * exported, and losing it costs only time. Opened by the page (languages)
 * and by the library worker (the search index), so both go through this one
 * class and its one schema.
 */

export interface LanguageRow {
  sha256: string;
  detector: string;
  language: string | null;
}

/**
 * The search index of one corpus (by its root folder) as it was last
 * complete. `hashes` says which text each document was indexed from, so a
 * launch keeps exactly the documents whose text is unchanged. The index
 * itself is in `searchIndexChunks`: a 10,000-article index is about 60 MB
 * of text and numbers, and no single value should be that large.
 */
export interface SearchIndexRow {
  corpus: string;
  format: CorpusIndexSnapshot['format'];
  hashes: Record<string, string>;
  /** How many chunks each part of the snapshot has in `searchIndexChunks`, by part name. */
  chunks: Record<string, number>;
  /** ISO 8601 UTC; the oldest rows go first when there are too many. */
  savedAt: string;
}

/** One piece of a kept index's part, text or bytes; primary key `[corpus+part+n]`. */
export interface SearchIndexChunkRow {
  corpus: string;
  part: string;
  n: number;
  text?: string;
  bytes?: ArrayBuffer;
}

export class CacheDB extends Dexie {
  declare languages: Table<LanguageRow, string>;
  declare searchIndexes: Table<SearchIndexRow, string>;
  declare searchIndexChunks: Table<SearchIndexChunkRow, [string, string, number]>;

  constructor(name: string) {
    super(name);
    // Append-only, like the app's database. 2–4 were never used here: 5 is the number this change was given.
    this.version(1).stores({ languages: 'sha256' });
    this.version(5).stores({
      searchIndexes: 'corpus, savedAt',
      searchIndexChunks: '[corpus+part+n], corpus',
    });
  }
}

export const DEFAULT_CACHE_DB_NAME = 'tanda-cache';

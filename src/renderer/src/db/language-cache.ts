import { LANGUAGE_DETECTOR } from '../../../shared/corpus/document-metadata';
import { CacheDB, DEFAULT_CACHE_DB_NAME } from './cache-db';

/**
 * Detected languages by content hash, kept across launches: language
 * detection (franc) is most of the cost of describing a document, and a
 * corpus reopened tomorrow is mostly the same texts. Only what
 * `LANGUAGE_DETECTOR` names is reused; anything else is dropped.
 *
 * A cache, not the analyst's work: it lives in a database of its own
 * (`tanda-cache`), is never backed up or exported, and losing it costs
 * only time.
 */
export interface LanguageCache {
  /** Every kept language of the current detector, by SHA-256 of the text (null: none could be told). */
  load(): Promise<Map<string, string | null>>;
  save(entries: ReadonlyArray<readonly [sha256: string, language: string | null]>): Promise<void>;
}

/** Beyond this many texts the cache starts over rather than grow without end (about 100 bytes a row). */
const MAX_ROWS = 200_000;

/** Rows per write (see `save`). */
const SAVE_ROWS = 250;

export class IndexedDbLanguageCache implements LanguageCache {
  private readonly db: CacheDB;

  constructor(name = DEFAULT_CACHE_DB_NAME) {
    this.db = new CacheDB(name);
  }

  async load(): Promise<Map<string, string | null>> {
    const rows = await this.db.languages.toArray();
    if (rows.length > MAX_ROWS) {
      await this.db.languages.clear();
      return new Map();
    }
    const kept = new Map<string, string | null>();
    const stale: string[] = [];
    for (const row of rows) {
      if (row.detector === LANGUAGE_DETECTOR) kept.set(row.sha256, row.language);
      else stale.push(row.sha256);
    }
    if (stale.length > 0) await this.db.languages.bulkDelete(stale);
    return kept;
  }

  async save(entries: ReadonlyArray<readonly [string, string | null]>): Promise<void> {
    // A write at a time of `SAVE_ROWS`: the page's thread does each write's work, and one
    // of 10,000 rows held it for half a second while a corpus loaded.
    for (let at = 0; at < entries.length; at += SAVE_ROWS)
      await this.db.languages.bulkPut(
        entries
          .slice(at, at + SAVE_ROWS)
          .map(([sha256, language]) => ({ sha256, detector: LANGUAGE_DETECTOR, language })),
      );
  }

  /** For tests. */
  delete(): Promise<void> {
    return this.db.delete();
  }
}

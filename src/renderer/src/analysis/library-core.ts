import {
  createCorpusIndex,
  documentCount,
  indexDocument,
  indexedPaths,
  removeDocument,
  restoreCorpusIndex,
  search,
  snapshotCorpusIndex,
  type CorpusIndex,
  type SearchHit,
  type SearchOptions,
} from '../../../shared/corpus/corpus-search';
import { extractDocumentMetadata, type DocumentMetadata } from '../../../shared/corpus/document-metadata';
import { errorMessage } from '../../../shared/validation/error-message';
import type { SearchIndexCache } from '../db/search-index-cache';

/*
 * The CPU-heavy half of the corpus library: the full-text index and each
 * document's detected metadata (about 2 ms a 3 KB article, so 20 s of a
 * 10,000-article corpus). It runs in Web Workers (`library.worker.ts`; the
 * app starts one per half, see `LibraryRole`), or on the page when no
 * worker can start (`library-engine.ts`); both speak the messages below,
 * handled here, so the two cannot differ.
 *
 * The index is kept between launches (`SearchIndexCache`): `restore` loads
 * the last one saved for the corpus and keeps the documents whose text hash
 * is still the listing's, so a reopened corpus is searchable before its
 * texts are read again; `save` writes it back once it changed.
 */

export interface LibraryDocument {
  path: string;
  title: string;
  sha256: string;
  text: string;
  /** The language detected for this text before (see `LanguageCache`); absent: detect it. */
  language?: string | null;
}

/** Which halves of a core's work a put asks for: both (absent), or only one (`LibraryRole`'s halves). */
export type PutParts = 'index' | 'describe';

export type LibraryRequest =
  | { type: 'put'; document: LibraryDocument; parts?: PutParts }
  /** Several puts in one message (a batch of texts read together): one task and one reply, not one each. */
  | { type: 'putMany'; documents: LibraryDocument[]; parts?: PutParts }
  | { type: 'remove'; path: string }
  | { type: 'search'; id: number; query: string; options?: SearchOptions }
  /** Before any put: take what the cache kept for these documents (path, text hash) of `corpus`. */
  | { type: 'restore'; corpus: string; documents: [path: string, sha256: string][] }
  /** Keep the index for the next launch, if it changed since it was restored or saved. */
  | { type: 'save'; id: number; corpus: string };

export type LibraryReply =
  /** A put document is done; its metadata, worked out for this hash (null from an `index` core). */
  | { type: 'indexed'; path: string; sha256: string; metadata: DocumentMetadata | null }
  /** A `putMany` is done: what `indexed` says, for each document put, in order (a failed one is left out). */
  | { type: 'indexedMany'; documents: { path: string; sha256: string; metadata: DocumentMetadata | null }[] }
  | { type: 'hits'; id: number; hits: SearchHit[] }
  /** What a restore made searchable, with the hash each was indexed from (none from a `describe` core). */
  | { type: 'restored'; documents: [path: string, sha256: string][] }
  | { type: 'saved'; id: number; saved: boolean }
  /** A request failed; for a search, its id. */
  | { type: 'failed'; id: number | null; message: string };

/**
 * What a core does with a put document: `all` of it, or one half, so two
 * workers can share the work on two cores: `index` (the search index, and
 * searches) and `describe` (the metadata).
 */
export type LibraryRole = 'all' | 'index' | 'describe';

export class LibraryCore {
  private index: CorpusIndex = createCorpusIndex();
  /** The text hash each indexed document was indexed from. */
  private readonly indexed = new Map<string, string>();
  /** The index differs from what the cache holds. */
  private dirty = false;
  /** The index saved last, being read and restored before any corpus is named (see `prefetch`). */
  private prefetched: Promise<{
    corpus: string;
    hashes: Map<string, string>;
    index: CorpusIndex;
  } | null> | null = null;
  /** Metadata by path, with the hash it was worked out for (it costs more than indexing). */
  private readonly detected = new Map<string, { sha256: string; metadata: DocumentMetadata }>();

  constructor(
    private readonly role: LibraryRole = 'all',
    private readonly cache: SearchIndexCache | null = null,
  ) {}

  /** Any request; `restore` and `save` wait for the cache, the others answer at once (see `handle`). */
  async handleAsync(request: LibraryRequest): Promise<LibraryReply | null> {
    try {
      if (request.type === 'restore') return await this.restore(request.corpus, request.documents);
      if (request.type === 'save')
        return { type: 'saved', id: request.id, saved: await this.save(request.corpus) };
    } catch (error) {
      return {
        type: 'failed',
        id: request.type === 'save' ? request.id : null,
        message: errorMessage(error),
      };
    }
    return this.handle(request);
  }

  handle(request: LibraryRequest): LibraryReply | null {
    try {
      switch (request.type) {
        case 'restore':
        case 'save':
          throw new Error(`${request.type} waits for the cache: send it through handleAsync`);
        case 'put': {
          const { path, title, sha256, text, language } = request.document;
          // A document restored from the cache (or put twice) is not indexed again for the same text.
          const index = this.role !== 'describe' && request.parts !== 'describe';
          if (index && this.indexed.get(path) !== sha256) {
            indexDocument(this.index, { path, title, text });
            this.indexed.set(path, sha256);
            this.dirty = true;
          }
          if (this.role === 'index' || request.parts === 'index')
            return { type: 'indexed', path, sha256, metadata: null };
          let kept = this.detected.get(path);
          if (kept?.sha256 !== sha256) {
            const metadata = extractDocumentMetadata(
              { path, text },
              language === undefined ? undefined : { language },
            );
            this.detected.set(path, (kept = { sha256, metadata }));
          }
          return { type: 'indexed', path, sha256, metadata: kept.metadata };
        }
        case 'putMany': {
          const documents: Extract<LibraryReply, { type: 'indexedMany' }>['documents'] = [];
          for (const document of request.documents) {
            const reply = this.handle({
              type: 'put',
              document,
              ...(request.parts ? { parts: request.parts } : {}),
            });
            if (reply?.type === 'indexed')
              documents.push({ path: reply.path, sha256: reply.sha256, metadata: reply.metadata });
          }
          return { type: 'indexedMany', documents };
        }
        case 'remove':
          if (this.role !== 'describe' && removeDocument(this.index, request.path)) {
            this.indexed.delete(request.path);
            this.dirty = true;
          }
          this.detected.delete(request.path);
          return null;
        case 'search':
          return { type: 'hits', id: request.id, hits: search(this.index, request.query, request.options) };
      }
    } catch (error) {
      return {
        type: 'failed',
        id: request.type === 'search' ? request.id : null,
        message: errorMessage(error),
      };
    }
  }

  /**
   * Starts reading and restoring the index saved last, while the page is
   * still starting and listing its corpus: most launches reopen the corpus
   * of the last one, and then `restore` only has to check the hashes.
   */
  prefetch(): void {
    const cache = this.cache;
    if (this.role === 'describe' || cache?.loadLatest === undefined || this.prefetched !== null) return;
    this.prefetched = cache.loadLatest().then(
      (kept) => {
        const index = kept === null ? null : restoreCorpusIndex(kept.snapshot);
        return kept === null || index === null ? null : { corpus: kept.corpus, hashes: kept.hashes, index };
      },
      () => null,
    );
  }

  /**
   * Takes the kept index when this one is still empty, dropping every
   * document not listed with the same hash; anything wrong with the cache
   * only means indexing from the texts, as without one.
   */
  private async restore(corpus: string, documents: [string, string][]): Promise<LibraryReply> {
    if (this.role === 'describe' || this.cache === null) return { type: 'restored', documents: [] };
    const early = this.prefetched === null ? null : await this.prefetched;
    this.prefetched = null;
    let kept: { hashes: Map<string, string> } | null = early?.corpus === corpus ? early : null;
    let index = early?.corpus === corpus ? early.index : null;
    if (kept === null) {
      const loaded = await this.cache.load(corpus).catch(() => null);
      kept = loaded;
      index = loaded === null ? null : restoreCorpusIndex(loaded.snapshot);
    }
    if (kept !== null && index !== null && documentCount(this.index) === 0) {
      const wanted = new Map(documents);
      for (const path of indexedPaths(index)) {
        const sha256 = kept.hashes.get(path);
        if (sha256 !== undefined && wanted.get(path) === sha256) this.indexed.set(path, sha256);
        else {
          removeDocument(index, path);
          this.dirty = true;
        }
      }
      this.index = index;
    }
    return { type: 'restored', documents: [...this.indexed] };
  }

  private async save(corpus: string): Promise<boolean> {
    if (this.role === 'describe' || this.cache === null || !this.dirty) return false;
    this.dirty = false;
    try {
      await this.cache.save(corpus, new Map(this.indexed), snapshotCorpusIndex(this.index));
    } catch (error) {
      this.dirty = true;
      throw error;
    }
    return true;
  }
}

import {
  createCorpusIndex,
  indexDocument,
  removeDocument,
  search,
  type CorpusIndex,
  type SearchHit,
  type SearchOptions,
} from '../../../shared/corpus/corpus-search';
import { extractDocumentMetadata, type DocumentMetadata } from '../../../shared/corpus/document-metadata';
import { errorMessage } from '../../../shared/validation/error-message';

/*
 * The CPU-heavy half of the corpus library: the full-text index and each
 * document's detected metadata (about 2 ms a 3 KB article, so 20 s of a
 * 10,000-article corpus). It runs in Web Workers (`library.worker.ts`; the
 * app starts one per half, see `LibraryRole`), or on the page when no
 * worker can start (`library-engine.ts`); both speak the messages below,
 * handled here, so the two cannot differ.
 */

export interface LibraryDocument {
  path: string;
  title: string;
  sha256: string;
  text: string;
  /** The language detected for this text before (see `LanguageCache`); absent: detect it. */
  language?: string | null;
}

export type LibraryRequest =
  | { type: 'put'; document: LibraryDocument }
  | { type: 'remove'; path: string }
  | { type: 'search'; id: number; query: string; options?: SearchOptions };

export type LibraryReply =
  /** A put document is done; its metadata, worked out for this hash (null from an `index` core). */
  | { type: 'indexed'; path: string; sha256: string; metadata: DocumentMetadata | null }
  | { type: 'hits'; id: number; hits: SearchHit[] }
  /** A request failed; for a search, its id. */
  | { type: 'failed'; id: number | null; message: string };

/**
 * What a core does with a put document: `all` of it, or one half, so two
 * workers can share the work on two cores: `index` (the search index, and
 * searches) and `describe` (the metadata).
 */
export type LibraryRole = 'all' | 'index' | 'describe';

export class LibraryCore {
  private readonly index: CorpusIndex = createCorpusIndex();
  /** Metadata by path, with the hash it was worked out for (it costs more than indexing). */
  private readonly detected = new Map<string, { sha256: string; metadata: DocumentMetadata }>();

  constructor(private readonly role: LibraryRole = 'all') {}

  handle(request: LibraryRequest): LibraryReply | null {
    try {
      switch (request.type) {
        case 'put': {
          const { path, title, sha256, text, language } = request.document;
          if (this.role !== 'describe') indexDocument(this.index, { path, title, text });
          if (this.role === 'index') return { type: 'indexed', path, sha256, metadata: null };
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
        case 'remove':
          if (this.role !== 'describe') removeDocument(this.index, request.path);
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
}

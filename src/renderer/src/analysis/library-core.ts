import {
  createCorpusIndex,
  indexDocument,
  removeDocument,
  search,
  type CorpusIndex,
  type SearchHit,
  type SearchOptions,
} from '../../../shared/corpus-search';
import { extractDocumentMetadata, type DocumentMetadata } from '../../../shared/document-metadata';

/*
 * The CPU-heavy half of the corpus library: the full-text index and each
 * document's detected metadata (about 2 ms a 3 KB article, so 20 s of a
 * 10,000-article corpus). It runs in a Web Worker (`library.worker.ts`),
 * or on the page when no worker can start (`library-engine.ts`); both
 * speak the messages below, handled here, so the two cannot differ.
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
  /** A put document is indexed; its metadata, worked out for this hash. */
  | { type: 'indexed'; path: string; sha256: string; metadata: DocumentMetadata }
  | { type: 'hits'; id: number; hits: SearchHit[] }
  /** A request failed; for a search, its id. */
  | { type: 'failed'; id: number | null; message: string };

export class LibraryCore {
  private readonly index: CorpusIndex = createCorpusIndex();
  /** Metadata by path, with the hash it was worked out for (it costs more than indexing). */
  private readonly detected = new Map<string, { sha256: string; metadata: DocumentMetadata }>();

  handle(request: LibraryRequest): LibraryReply | null {
    try {
      switch (request.type) {
        case 'put': {
          const { path, title, sha256, text, language } = request.document;
          indexDocument(this.index, { path, title, text });
          let kept = this.detected.get(path);
          if (kept?.sha256 !== sha256) {
            const metadata = extractDocumentMetadata({ path, text }, language === undefined ? undefined : { language });
            this.detected.set(path, (kept = { sha256, metadata }));
          }
          return { type: 'indexed', path, sha256, metadata: kept.metadata };
        }
        case 'remove':
          removeDocument(this.index, request.path);
          this.detected.delete(request.path);
          return null;
        case 'search':
          return { type: 'hits', id: request.id, hits: search(this.index, request.query, request.options) };
      }
    } catch (error) {
      return { type: 'failed', id: request.type === 'search' ? request.id : null, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

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
import { codePointIndex, type CodePointIndex } from '../../../shared/text-quote';
import { CorpusTexts, type CorpusTextChange, type CorpusTextEntry, type CorpusTextsSource } from './corpus-texts';

/**
 * What the analysis views know about the whole corpus, built from
 * `CorpusTexts` one document at a time as texts arrive, change or go: the
 * full-text index (`corpus-search`) and each document's detected metadata
 * (`document-metadata`, kept per path and hash, since it costs about a
 * millisecond a document).
 *
 * React reads it through `version` (bumped on every change, announced at
 * most every `NOTIFY_MS` so a corpus loading in the background does not
 * re-render the app per document) and the getters below.
 */

const NOTIFY_MS = 150;

export class CorpusLibrary {
  readonly texts: CorpusTexts;
  private readonly index: CorpusIndex = createCorpusIndex();
  private readonly detected = new Map<string, { sha256: string; metadata: DocumentMetadata }>();
  private readonly cpIndexes = new Map<string, { sha256: string; index: CodePointIndex }>();
  private readonly listeners = new Set<() => void>();
  private versionValue = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(source: CorpusTextsSource, pause?: () => Promise<void>) {
    this.texts = new CorpusTexts(source, pause);
    this.texts.subscribe((change) => this.update(change));
    this.texts.onProgress(() => this.changed());
  }

  /** Starts loading the corpus (idempotent). */
  start(): void {
    this.texts.start();
  }

  get version(): number {
    return this.versionValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Documents best first; searches what is indexed so far (see `texts.progress`). */
  search(query: string, options?: SearchOptions): SearchHit[] {
    return search(this.index, query, options);
  }

  /** The detected metadata of a document whose text is loaded. */
  metadata(path: string): DocumentMetadata | undefined {
    return this.detected.get(path)?.metadata;
  }

  text(path: string): CorpusTextEntry | undefined {
    return this.texts.get(path);
  }

  /** The code point index of a loaded text, built on first use and kept per hash. */
  codePoints(path: string): { sha256: string; index: CodePointIndex } | undefined {
    const entry = this.texts.get(path);
    if (entry === undefined) return undefined;
    let kept = this.cpIndexes.get(path);
    if (kept === undefined || kept.sha256 !== entry.sha256) {
      kept = { sha256: entry.sha256, index: codePointIndex(entry.text) };
      this.cpIndexes.set(path, kept);
    }
    return kept;
  }

  // ----------------------------------------------------------- internals

  private update({ path, entry }: CorpusTextChange): void {
    this.cpIndexes.delete(path);
    if (entry === null) {
      removeDocument(this.index, path);
      this.detected.delete(path);
    } else {
      indexDocument(this.index, { path, title: entry.title, text: entry.text });
      if (this.detected.get(path)?.sha256 !== entry.sha256) {
        this.detected.set(path, { sha256: entry.sha256, metadata: extractDocumentMetadata({ path, text: entry.text }) });
      }
    }
    this.changed();
  }

  private changed(): void {
    this.versionValue++;
    if (this.notifyTimer !== null) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      for (const listener of this.listeners) listener();
    }, NOTIFY_MS);
  }
}

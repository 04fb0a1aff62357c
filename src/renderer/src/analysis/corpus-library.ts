import type { SearchHit, SearchOptions } from '../../../shared/corpus/corpus-search';
import type { DocumentMetadata } from '../../../shared/corpus/document-metadata';
import {
  LIBRARY_CACHED_MARK,
  LIBRARY_COMPLETE_MARK,
  LIBRARY_READ_MARK,
  LIBRARY_SEARCHABLE_MARK,
} from '../../../shared/corpus/perf-marks';
import type { CorpusSnapshot } from '../../../shared/corpus/corpus-types';
import { spanPage } from '../../../shared/corpus/document-structure';
import { codePointIndex, type CodePointIndex } from '../../../shared/text/text-quote';
import {
  CorpusTexts,
  type CorpusTextChange,
  type CorpusTextEntry,
  type CorpusTextsSource,
} from './corpus-texts';
import type { LanguageCache } from '../db/language-cache';
import { InThreadEngine, type LibraryEngine } from './library-engine';
import type { LibraryDocument } from './library-core';
import { errorMessage } from '../../../shared/validation/error-message';

/**
 * What the analysis views know about the whole corpus, built from
 * `CorpusTexts` one document at a time as texts arrive, change or go: the
 * full-text index (`corpus-search`) and each document's detected metadata
 * (`document-metadata`). Both are worked out by a `LibraryEngine` (or two,
 * one per half, see `describer`), in Web Workers in the app, so a corpus
 * loading in the background costs the page only the reading of its texts.
 * Detected languages are kept by text hash across launches (`LanguageCache`),
 * and so is the search index (the engine's `restore` / `save`): a corpus
 * opened again is searchable as soon as the kept index is loaded, before
 * its texts are read again.
 *
 * React reads it through `version` (bumped on every change, announced at
 * most every `NOTIFY_MS`, or `LOADING_NOTIFY_MS` until first complete, so a
 * corpus loading in the background does not re-render the app per
 * document) and the getters below.
 */

const NOTIFY_MS = 150;
/**
 * While a corpus loads, each announcement re-renders the document list and
 * the views over every document (about 20–60 ms with 10,000, the page's
 * long tasks): a progress that moves once a second is enough.
 */
const LOADING_NOTIFY_MS = 1000;
/** Page time per slice of deferred describe requests (see `describeDeferred`). */
const DESCRIBE_SLICE_MS = 8;
/**
 * Text per slice of them, in UTF-16 units: a worker engine posts a task's puts when the task ends,
 * so copying them is not in the slice's time. 10,000 texts went in one slice, a 150 ms task.
 */
export const DESCRIBE_SLICE_UNITS = 1 << 19;
/** Newly detected languages are saved this often while a corpus loads (and once it is complete). */
const SAVE_LANGUAGES_MS = 3000;

export class CorpusLibrary {
  readonly texts: CorpusTexts;
  private readonly engine: LibraryEngine;
  private readonly detected = new Map<string, { sha256: string; metadata: DocumentMetadata }>();
  /** Documents put in the engine and not yet indexed. */
  private readonly indexing = new Set<string>();
  /** The text hash each searchable document was indexed from (put, or restored from the cache). */
  private readonly indexedSha = new Map<string, string>();
  /** The corpus the index belongs to (its root), once listed; the cache keeps an index per corpus. */
  private corpus: string | null = null;
  private wasSearchable = false;
  /** Documents whose metadata is not worked out yet. */
  private readonly describing = new Set<string>();
  /**
   * With one engine for both halves, documents are only indexed until every
   * text is read and indexed (search must not wait for language detection,
   * which costs more than indexing); these are described then.
   */
  private readonly describeLater = new Set<string>();
  private indexCaughtUp = false;
  private readonly cpIndexes = new Map<string, { sha256: string; index: CodePointIndex }>();
  private readonly listeners = new Set<() => void>();
  private versionValue = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private wasRead = false;
  private wasComplete = false;
  private completedOnce = false;
  private started = false;
  /** Languages by text hash: those kept from earlier launches and those detected since. */
  private languages = new Map<string, string | null>();
  private unsavedLanguages: [string, string | null][] = [];
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private cacheWarned = false;
  /** Text changes that arrived before the kept languages were known (null once they are), in order. */
  private held: CorpusTextChange[] | null = null;

  constructor(
    source: CorpusTextsSource,
    pause?: () => Promise<void>,
    engine: LibraryEngine = new InThreadEngine(),
    private readonly languageCache: LanguageCache | null = null,
    /**
     * Works the metadata out beside `engine`, which then only indexes (both
     * made for those roles): two workers use two cores. Without it `engine`
     * does both.
     */
    private readonly describer: LibraryEngine | null = null,
  ) {
    this.engine = engine;
    engine.onIndexed((path, sha256, metadata) =>
      this.done(describer ? 'index' : 'both', path, sha256, metadata),
    );
    describer?.onIndexed((path, sha256, metadata) => this.done('describe', path, sha256, metadata));
    engine.onRestored((documents) => this.restored(documents));
    this.texts = new CorpusTexts(source, pause);
    this.texts.onListed((snapshot) => this.listed(snapshot));
    this.texts.subscribe((change) => this.update(change));
    this.texts.onProgress(() => this.changed());
  }

  /**
   * Starts loading the corpus (idempotent). The listing is asked for at
   * once (the kept index is restored from it); texts that arrive before the
   * languages kept from earlier launches are known wait for them, so none is
   * detected again. A cache that cannot be read only costs time.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.languageCache !== null) {
      this.held = [];
      void this.languageCache
        .load()
        .then(
          (kept) => {
            for (const [sha256, language] of kept)
              if (!this.languages.has(sha256)) this.languages.set(sha256, language);
          },
          (error: unknown) => this.warnCache('read', error),
        )
        .finally(() => this.languagesKnown());
    }
    this.texts.start();
  }

  private languagesKnown(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const change of held) this.update(change);
    this.changed();
  }

  get version(): number {
    return this.versionValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Documents best first; searches what is indexed so far (see `texts.progress` and `pending`). */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    return this.engine.search(query, options);
  }

  /** Loaded texts not indexed yet. */
  get pending(): number {
    return this.indexing.size;
  }

  /** Readable documents of the corpus that search sees at their current text (indexed or restored), of all. */
  get searchProgress(): { indexed: number; total: number } {
    const wanted = this.texts.wantedHashes();
    let indexed = 0;
    for (const [path, sha256] of wanted) if (this.indexedSha.get(path) === sha256) indexed++;
    return { indexed, total: wanted.size };
  }

  /** The detected metadata of a document whose text is loaded and indexed. */
  metadata(path: string): DocumentMetadata | undefined {
    return this.detected.get(path)?.metadata;
  }

  text(path: string): CorpusTextEntry | undefined {
    return this.texts.get(path);
  }

  /** The page a span starts on (PDFs), when the loaded text is the one its offsets refer to. */
  pageOf(span: { documentPath: string; start: number; contentSha256: string }): number | undefined {
    return spanPage(span, this.texts.get(span.documentPath));
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

  /** A reply from an engine: `index` (searchable now), `describe` (metadata known) or `both`. */
  private done(
    part: 'index' | 'describe' | 'both',
    path: string,
    sha256: string,
    metadata: DocumentMetadata | null,
  ): void {
    if (metadata !== null && !this.languages.has(sha256)) {
      this.languages.set(sha256, metadata.language);
      this.unsavedLanguages.push([sha256, metadata.language]);
      this.saveSoon();
    }
    // A reply for a text that has changed or gone since is stale.
    if (this.texts.get(path)?.sha256 !== sha256) return;
    if (part !== 'describe') {
      this.indexing.delete(path);
      this.indexedSha.set(path, sha256);
    }
    if (part !== 'index' && metadata !== null) {
      this.describing.delete(path);
      this.detected.set(path, { sha256, metadata });
    }
    this.changed();
  }

  private update(change: CorpusTextChange): void {
    if (this.held !== null) {
      this.held.push(change);
      return;
    }
    const { path, entry } = change;
    this.cpIndexes.delete(path);
    if (entry === null) {
      this.indexedSha.delete(path);
      this.engine.remove(path);
      this.describer?.remove(path);
      this.detected.delete(path);
      this.indexing.delete(path);
      this.describing.delete(path);
      this.describeLater.delete(path);
    } else {
      this.indexing.add(path);
      this.describing.add(path);
      // One object for both engines: the page keeps one copy of the text.
      const document = this.libraryDocument(path, entry);
      if (this.describer === null && !this.indexCaughtUp) {
        // Before the put: an engine on this thread answers within it, and the last answer describes what waits.
        this.describeLater.add(path);
        this.engine.put(document, 'index');
      } else {
        this.engine.put(document);
        this.describer?.put(document);
      }
    }
    this.changed();
  }

  private libraryDocument(path: string, entry: CorpusTextEntry): LibraryDocument {
    const known = this.languages.has(entry.sha256);
    return {
      path,
      title: entry.title,
      sha256: entry.sha256,
      text: entry.text,
      ...(known ? { language: this.languages.get(entry.sha256) ?? null } : {}),
    };
  }

  /**
   * Every text read and indexed: describe what was only indexed, and from
   * now on both at once. Sent a slice at a time (each put copies a text to
   * the worker), so the page never stalls on 10,000 of them.
   */
  private describeDeferred(): void {
    this.indexCaughtUp = true;
    const next = (): void => {
      const until = performance.now() + DESCRIBE_SLICE_MS;
      let units = 0;
      for (const path of this.describeLater) {
        this.describeLater.delete(path);
        const entry = this.texts.get(path);
        if (entry !== undefined) {
          this.engine.put(this.libraryDocument(path, entry), 'describe');
          units += entry.text.length;
        }
        if (units >= DESCRIBE_SLICE_UNITS || performance.now() >= until) break;
      }
      if (this.describeLater.size > 0) setTimeout(next, 0);
    };
    next();
  }

  /** The first complete listing of the corpus: ask for the index kept for its documents, before any text is put. */
  private listed(snapshot: CorpusSnapshot): void {
    // At launch the host may still be scanning (an empty list): the complete one comes with 'corpus-opened'.
    if (snapshot.scanning) return;
    const first = this.corpus === null;
    this.corpus = snapshot.root;
    if (!first) return;
    const documents: [string, string][] = [];
    for (const d of snapshot.documents)
      if (d.status === 'ok' && d.sha256 !== null) documents.push([d.path, d.sha256]);
    this.engine.restore(snapshot.root, documents);
  }

  private restored(documents: [string, string][]): void {
    const wanted = this.texts.wantedHashes();
    for (const [path, sha256] of documents)
      if (wanted.get(path) === sha256) this.indexedSha.set(path, sha256);
    this.changed();
  }

  private changed(): void {
    this.versionValue++;
    // Marks the benchmark (and a profiler) can wait for: every document searchable, every text read,
    // then every text indexed and described too.
    const { loaded, total } = this.texts.progress;
    const read = total > 0 && loaded === total && this.held === null;
    if (read && !this.indexCaughtUp && this.indexing.size === 0) this.describeDeferred();
    const complete = read && this.indexing.size === 0 && this.describing.size === 0;
    // Counting is linear: only once enough documents are indexed for it to be possible.
    if (!this.wasSearchable && total > 0 && this.indexedSha.size >= total) {
      const progress = this.searchProgress;
      if (progress.indexed === progress.total) {
        this.wasSearchable = true;
        performance.mark(LIBRARY_SEARCHABLE_MARK, { detail: { documents: total } });
      }
    }
    if (read && !this.wasRead) performance.mark(LIBRARY_READ_MARK, { detail: { documents: total } });
    if (complete && !this.wasComplete) {
      performance.mark(LIBRARY_COMPLETE_MARK, { detail: { documents: total } });
      void Promise.all([this.saveLanguages(), this.saveIndex()]).then(() =>
        performance.mark(LIBRARY_CACHED_MARK, { detail: { documents: total } }),
      );
    }
    this.wasRead = read;
    this.wasComplete = complete;
    if (complete) this.completedOnce = true;
    if (this.notifyTimer !== null) return;
    this.notifyTimer = setTimeout(
      () => {
        this.notifyTimer = null;
        for (const listener of this.listeners) listener();
      },
      this.wasComplete ? NOTIFY_MS : LOADING_NOTIFY_MS,
    );
  }

  private saveSoon(): void {
    if (this.languageCache === null || this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => void this.saveLanguages(), SAVE_LANGUAGES_MS);
  }

  /** Writes what was detected since the last save; one write at a time, failures only warned about. */
  private saveLanguages(): Promise<void> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const cache = this.languageCache;
    const batch = this.unsavedLanguages;
    this.unsavedLanguages = [];
    if (cache === null || batch.length === 0) return this.saving;
    this.saving = this.saving
      .then(() => cache.save(batch))
      .catch((error: unknown) => this.warnCache('save', error));
    return this.saving;
  }

  /** Keeps the index for the next launch (the engine skips it when nothing changed); failures only warned about. */
  private saveIndex(): Promise<void> {
    if (this.corpus === null) return Promise.resolve();
    return this.engine.save(this.corpus).then(
      () => undefined,
      (error: unknown) =>
        console.warn(
          `Tanda: could not keep the search index for the next launch (${errorMessage(error)}); it is built again then.`,
        ),
    );
  }

  private warnCache(what: 'read' | 'save', error: unknown): void {
    if (this.cacheWarned) return;
    this.cacheWarned = true;
    console.warn(
      `Tanda: could not ${what} the language cache (${errorMessage(error)}); languages are detected again.`,
    );
  }
}

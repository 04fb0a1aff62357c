import type { ReadDocumentsItem } from '../../../shared/api/api-contract';
import type {
  CorpusEvent,
  CorpusSnapshot,
  DocumentMeta,
  DocumentText,
} from '../../../shared/corpus/corpus-types';
import type { DocumentStructure } from '../../../shared/corpus/document-structure';
import { errorMessage } from '../../../shared/validation/error-message';

/**
 * The texts of the whole corpus, for search, metadata and keyword in
 * context. The renderer gets a text only through the API, so this loader
 * asks for every readable document in the background, `BATCH` at a time
 * (`readDocuments`: one round trip and one validation per batch rather
 * than per document), yielding to the UI between batches, and keeps each
 * by path with the hash it was read at.
 *
 * It follows the corpus through the host's events: an added or changed
 * document is (re)read, a removed or no longer readable one dropped, a new
 * corpus replaces everything. A document is read again only when its hash
 * differs from the one kept. Every text that arrives or goes is reported to
 * the listeners, one document at a time, so what is built on it (the
 * search index, metadata) is updated incrementally, never rebuilt.
 */

export interface CorpusTextEntry {
  path: string;
  title: string;
  sha256: string;
  text: string;
  /** Headings and pages of the text, when its format has them (the `page` of a span comes from here). */
  structure?: DocumentStructure;
}

/** One document's text arrived (`entry`) or went away (`entry === null`). */
export interface CorpusTextChange {
  path: string;
  entry: CorpusTextEntry | null;
}

export interface CorpusTextsSource {
  getCorpus(): Promise<CorpusSnapshot>;
  readDocument(path: string): Promise<DocumentText>;
  readDocuments(paths: readonly string[]): Promise<ReadDocumentsItem[]>;
  onCorpusEvent(listener: (event: CorpusEvent) => void): () => void;
}

export interface CorpusTextsProgress {
  /** Readable documents whose current text is kept. */
  loaded: number;
  /** Readable documents in the corpus. */
  total: number;
  /** Documents that could not be read (the reason is kept in `errors`). */
  failed: number;
}

export class CorpusTexts {
  private readonly texts = new Map<string, CorpusTextEntry>();
  /** Readable documents of the corpus, by path, with the hash the scan reported. */
  private readonly wanted = new Map<string, string>();
  private readonly queue = new Set<string>();
  private readonly listeners = new Set<(change: CorpusTextChange) => void>();
  private readonly progressListeners = new Set<() => void>();
  private readonly listedListeners = new Set<(snapshot: CorpusSnapshot) => void>();
  /** Complete listings taken so far (answers and 'corpus-opened' events). */
  private listings = 0;
  readonly errors = new Map<string, string>();
  /** Batches being read (up to `READERS`). */
  private running = 0;
  private stopEvents: (() => void) | null = null;
  private started = false;
  private progressValue: CorpusTextsProgress = { loaded: 0, total: 0, failed: 0 };
  /**
   * Wanted documents whose kept text has the wanted hash, counted as they change: counting
   * them over the whole corpus after each batch cost a quadratic ~0.3 s of the page's time
   * while 10,000 texts arrived.
   */
  private loadedCount = 0;

  constructor(
    private readonly source: CorpusTextsSource,
    /** Lets the UI breathe between two documents. */
    private readonly pause: () => Promise<void> = yieldToUi,
  ) {}

  /** Subscribe to the host's events and load the current corpus; idempotent. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopEvents = this.source.onCorpusEvent((event) => this.apply(event));
    const listedBefore = this.listings;
    this.source.getCorpus().then(
      async (snapshot) => {
        // Reading 10,000 documents' answer and listing them were one 70 ms task: two, with a breath between.
        await this.pause();
        // A corpus the host announced meanwhile is as new as this answer, or newer.
        if (this.started && this.listings === listedBefore) this.listed(snapshot);
      },
      () => undefined, // the app shows the corpus error; events will bring the corpus
    );
  }

  stop(): void {
    this.stopEvents?.();
    this.stopEvents = null;
    this.started = false;
    this.queue.clear();
  }

  /** Make the kept texts follow this list of documents (a whole corpus). */
  sync(documents: readonly DocumentMeta[]): void {
    const readable = new Map(documents.filter(isReadable).map((d) => [d.path, d.sha256!]));
    for (const path of [...this.wanted.keys()]) if (!readable.has(path)) this.forget(path);
    for (const [path, sha] of readable) this.want(path, sha);
    this.updateProgress();
    this.pump();
  }

  /** One corpus event from the host. */
  apply(event: CorpusEvent): void {
    switch (event.type) {
      case 'corpus-opened':
        this.listed(event.snapshot);
        return;
      case 'document-added':
      case 'document-changed':
        if (isReadable(event.document)) this.want(event.document.path, event.document.sha256!);
        else this.forget(event.document.path);
        this.updateProgress();
        this.pump();
        return;
      case 'document-removed':
        this.forget(event.path);
        this.updateProgress();
        return;
      default:
        return;
    }
  }

  get(path: string): CorpusTextEntry | undefined {
    return this.texts.get(path);
  }

  entries(): IterableIterator<CorpusTextEntry> {
    return this.texts.values();
  }

  get progress(): CorpusTextsProgress {
    return this.progressValue;
  }

  /** Called with every text that arrives or goes. */
  subscribe(listener: (change: CorpusTextChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with each whole listing of a corpus (at start, and when one is opened), before its texts are asked for. */
  onListed(listener: (snapshot: CorpusSnapshot) => void): () => void {
    this.listedListeners.add(listener);
    return () => this.listedListeners.delete(listener);
  }

  /** Readable documents of the corpus and the hash of the text each should have. */
  wantedHashes(): ReadonlyMap<string, string> {
    return this.wanted;
  }

  /** Called whenever `progress` changes. */
  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Resolves when nothing is left to read (for tests and callers that must wait). */
  async idle(): Promise<void> {
    while (this.running > 0 || this.queue.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  // ----------------------------------------------------------- internals

  private listed(snapshot: CorpusSnapshot): void {
    this.listings++;
    for (const listener of this.listedListeners) listener(snapshot);
    this.sync(snapshot.documents);
  }

  private isLoaded(path: string): boolean {
    const sha = this.wanted.get(path);
    return sha !== undefined && this.texts.get(path)?.sha256 === sha;
  }

  /** Every change to `wanted` or `texts` goes through here, so `loadedCount` stays exact. */
  private change(path: string, mutate: () => void): void {
    const before = this.isLoaded(path);
    mutate();
    this.loadedCount += Number(this.isLoaded(path)) - Number(before);
  }

  private want(path: string, sha: string): void {
    this.change(path, () => this.wanted.set(path, sha));
    if (this.texts.get(path)?.sha256 !== sha) this.queue.add(path);
  }

  private forget(path: string): void {
    let removed = false;
    this.change(path, () => {
      this.wanted.delete(path);
      removed = this.texts.delete(path);
    });
    this.queue.delete(path);
    this.errors.delete(path);
    if (removed) this.emit({ path, entry: null });
  }

  private pump(): void {
    while (this.running < READERS && this.queue.size > 0) {
      this.running++;
      void this.drain().finally(() => {
        this.running--;
        // Something queued while the last read was finishing.
        if (this.queue.size > 0) this.pump();
      });
    }
  }

  private async drain(): Promise<void> {
    while (this.queue.size > 0) {
      const batch = [...take(this.queue.values(), BATCH)];
      for (const path of batch) this.queue.delete(path);
      const items = await this.readBatch(batch);
      for (const item of items) this.receive(item);
      // The answer may stop early (long texts): the rest waits for the next round.
      for (const path of batch.slice(items.length)) if (this.wanted.has(path)) this.queue.add(path);
      this.updateProgress();
      await this.pause();
    }
  }

  /** One round trip; if the call itself fails, each document is asked for alone, so each gets its own error. */
  private async readBatch(paths: readonly string[]): Promise<ReadDocumentsItem[]> {
    try {
      const items = await this.source.readDocuments(paths);
      if (items.length > 0) return items;
    } catch {
      // below
    }
    const items: ReadDocumentsItem[] = [];
    for (const path of paths) {
      try {
        items.push({ ok: true, document: await this.source.readDocument(path) });
      } catch (error) {
        items.push({
          ok: false,
          path,
          error: { code: 'read-failed', message: errorMessage(error) },
        });
      }
    }
    return items;
  }

  private receive(item: ReadDocumentsItem): void {
    if (!item.ok) {
      if (this.wanted.has(item.path)) this.errors.set(item.path, item.error.message);
      return;
    }
    const doc = item.document;
    const path = doc.meta.path;
    // Removed while it was being read, or no longer readable.
    if (!this.wanted.has(path)) return;
    if (doc.meta.status !== 'ok' || doc.meta.sha256 === null) {
      this.forget(path);
      return;
    }
    this.errors.delete(path);
    // The file may have changed again since the event: what was read is what counts.
    const sha256 = doc.meta.sha256;
    const entry: CorpusTextEntry = {
      path,
      title: doc.meta.title,
      sha256,
      text: doc.text,
      ...(doc.structure ? { structure: doc.structure } : {}),
    };
    this.change(path, () => {
      this.wanted.set(path, sha256);
      this.texts.set(path, entry);
    });
    this.emit({ path, entry });
  }

  private emit(change: CorpusTextChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private updateProgress(): void {
    const next = { loaded: this.loadedCount, total: this.wanted.size, failed: this.errors.size };
    const prev = this.progressValue;
    if (prev.loaded === next.loaded && prev.total === next.total && prev.failed === next.failed) return;
    this.progressValue = next;
    for (const listener of this.progressListeners) listener();
  }
}

/** Documents asked for per round trip: a few hundred kilobytes of news articles. */
const BATCH = 64;
/**
 * Round trips in flight: while the page takes in one batch, the host reads
 * the next, instead of each side waiting for the other (the host reads a
 * batch's files one after another).
 */
const READERS = 2;

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n >= count) return;
  }
}

function isReadable(doc: DocumentMeta): boolean {
  return doc.status === 'ok' && doc.sha256 !== null;
}

/**
 * The next task: input and painting waiting then go first. Waiting for idle time instead
 * (`requestIdleCallback`) held each batch up to a frame or more: 10,000 texts were read in
 * 10.0 s that way and in 7.5 s this way (bench `corpus_load.texts_read_ms`, one run each).
 */
function yieldToUi(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, 0);
  });
}

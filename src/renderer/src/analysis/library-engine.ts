import type { SearchHit, SearchOptions } from '../../../shared/corpus/corpus-search';
import type { DocumentMetadata } from '../../../shared/corpus/document-metadata';
import type { SearchIndexCache } from '../db/search-index-cache';
import { takeLibraryWorker } from './library-workers';
import {
  LibraryCore,
  type LibraryDocument,
  type LibraryReply,
  type LibraryRequest,
  type LibraryRole,
  type PutParts,
} from './library-core';

/**
 * Where the corpus library's index lives. `put` and `remove` are fire and
 * forget; `indexed` is called once a put document is searchable, with its
 * metadata. Searches see every put and remove made before them.
 * `restore` (before the first put) takes the index kept from an earlier
 * launch and reports through `restored` what it made searchable.
 */
export interface LibraryEngine {
  /** `parts`: only index it, or only describe it (see `LibraryCore`); absent: what the engine's role does. */
  put(document: LibraryDocument, parts?: PutParts): void;
  remove(path: string): void;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** `metadata` is null from an engine in the `index` role. */
  onIndexed(listener: (path: string, sha256: string, metadata: DocumentMetadata | null) => void): void;
  restore(corpus: string, documents: [path: string, sha256: string][]): void;
  onRestored(listener: (documents: [path: string, sha256: string][]) => void): void;
  /** Keeps the index for the next launch; false when there was nothing new to keep. */
  save(corpus: string): Promise<boolean>;
}

type RestoredListener = Parameters<LibraryEngine['onRestored']>[0];

/** The part of a Worker the engine uses (a fake one in tests). */
export interface WorkerLike {
  postMessage(request: LibraryRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LibraryReply>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

/** On the page's own thread: for tests, and where no worker can start. */
export class InThreadEngine implements LibraryEngine {
  private readonly core: LibraryCore;
  private listener: Parameters<LibraryEngine['onIndexed']>[0] = () => {};
  private restoredListener: RestoredListener = () => {};
  /** While the cache is read or written, later requests wait their turn, as in a worker. */
  private busy: Promise<unknown> | null = null;

  constructor(role: LibraryRole = 'all', cache: SearchIndexCache | null = null) {
    this.core = new LibraryCore(role, cache);
  }

  put(document: LibraryDocument, parts?: PutParts): void {
    this.inTurn(() => this.deliver(this.core.handle({ type: 'put', document, ...(parts ? { parts } : {}) })));
  }

  remove(path: string): void {
    this.inTurn(() => this.core.handle({ type: 'remove', path }));
  }

  async search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    if (this.busy) await this.busy;
    const reply = this.core.handle({ type: 'search', id: 0, query, ...(options ? { options } : {}) });
    if (reply?.type === 'failed') throw new Error(reply.message);
    return reply?.type === 'hits' ? reply.hits : [];
  }

  onIndexed(listener: Parameters<LibraryEngine['onIndexed']>[0]): void {
    this.listener = listener;
  }

  restore(corpus: string, documents: [string, string][]): void {
    void this.inTurnAsync(async () =>
      this.deliver(await this.core.handleAsync({ type: 'restore', corpus, documents })),
    );
  }

  onRestored(listener: RestoredListener): void {
    this.restoredListener = listener;
  }

  save(corpus: string): Promise<boolean> {
    return this.inTurnAsync(async () => {
      const reply = await this.core.handleAsync({ type: 'save', id: 0, corpus });
      if (reply?.type === 'failed') throw new Error(reply.message);
      return reply?.type === 'saved' && reply.saved;
    });
  }

  private inTurn(run: () => void): void {
    if (this.busy) void this.inTurnAsync(async () => run());
    else run();
  }

  private inTurnAsync<T>(run: () => Promise<T>): Promise<T> {
    const result = (this.busy ?? Promise.resolve()).then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.busy = settled;
    void settled.then(() => {
      if (this.busy === settled) this.busy = null;
    });
    return result;
  }

  private deliver(reply: LibraryReply | null): void {
    if (reply?.type === 'indexed') this.listener(reply.path, reply.sha256, reply.metadata);
    else if (reply?.type === 'indexedMany')
      for (const d of reply.documents) this.listener(d.path, d.sha256, d.metadata);
    else if (reply?.type === 'restored') this.restoredListener(reply.documents);
  }
}

/**
 * In a Web Worker. Should the worker fail (it cannot start, or dies), the
 * engine moves to the page's thread: it replays the documents it holds and
 * answers the searches still waiting, so the analyst only loses speed.
 */
export class WorkerEngine implements LibraryEngine {
  /** What the worker holds, by path, to replay on a fallback. */
  private readonly documents = new Map<string, LibraryDocument>();
  private readonly waiting = new Map<
    number,
    { query: string; options?: SearchOptions; resolve(hits: SearchHit[]): void; reject(error: Error): void }
  >();
  private readonly saving = new Map<number, { resolve(saved: boolean): void; reject(error: Error): void }>();
  private nextId = 1;
  private listener: Parameters<LibraryEngine['onIndexed']>[0] = () => {};
  private restoredListener: RestoredListener = () => {};
  private fallback: InThreadEngine | null = null;
  /**
   * Puts not posted yet, by the parts they ask for: those made in one task (a batch of texts read
   * together) go in one message when it ends, or before any other request, so order is kept.
   * 10,000 texts were 10,000 messages, each a task in the worker and a reply task on the page.
   */
  private unsent: { parts: PutParts | undefined; documents: LibraryDocument[] }[] = [];

  constructor(
    private readonly worker: WorkerLike,
    private readonly onFallback: (reason: string) => void = () => {},
    private readonly role: LibraryRole = 'all',
  ) {
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => this.fail(describeWorkerError(event)));
    worker.addEventListener('messageerror', () => this.fail('a message could not be read'));
  }

  put(document: LibraryDocument, parts?: PutParts): void {
    if (this.fallback) return this.fallback.put(document, parts);
    // Replayed whole on a fallback: describing it again only costs time.
    this.documents.set(document.path, document);
    if (this.unsent.length === 0) queueMicrotask(() => this.postUnsent());
    const last = this.unsent[this.unsent.length - 1];
    if (last && last.parts === parts) last.documents.push(document);
    else this.unsent.push({ parts, documents: [document] });
  }

  remove(path: string): void {
    if (this.fallback) return this.fallback.remove(path);
    this.postUnsent();
    this.documents.delete(path);
    this.worker.postMessage({ type: 'remove', path });
  }

  private postUnsent(): void {
    const groups = this.unsent;
    this.unsent = [];
    if (this.fallback) return; // replayed from `documents`
    for (const { parts, documents } of groups) {
      if (documents.length === 1)
        this.worker.postMessage({ type: 'put', document: documents[0]!, ...(parts ? { parts } : {}) });
      else this.worker.postMessage({ type: 'putMany', documents, ...(parts ? { parts } : {}) });
    }
  }

  search(query: string, options?: SearchOptions): Promise<SearchHit[]> {
    if (this.fallback) return this.fallback.search(query, options);
    this.postUnsent();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { query, ...(options ? { options } : {}), resolve, reject });
      this.worker.postMessage({ type: 'search', id, query, ...(options ? { options } : {}) });
    });
  }

  onIndexed(listener: Parameters<LibraryEngine['onIndexed']>[0]): void {
    this.listener = listener;
    this.fallback?.onIndexed(listener);
  }

  restore(corpus: string, documents: [string, string][]): void {
    // After a fallback the texts are indexed on the page as they come: the cache is for the worker.
    if (this.fallback) return;
    this.postUnsent();
    this.worker.postMessage({ type: 'restore', corpus, documents });
  }

  onRestored(listener: RestoredListener): void {
    this.restoredListener = listener;
  }

  save(corpus: string): Promise<boolean> {
    if (this.fallback) return Promise.resolve(false);
    this.postUnsent();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.saving.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'save', id, corpus });
    });
  }

  private receive(reply: LibraryReply): void {
    if (this.fallback) return;
    if (reply.type === 'indexed') this.listener(reply.path, reply.sha256, reply.metadata);
    else if (reply.type === 'indexedMany')
      for (const d of reply.documents) this.listener(d.path, d.sha256, d.metadata);
    else if (reply.type === 'restored') this.restoredListener(reply.documents);
    else if (reply.type === 'saved') {
      this.saving.get(reply.id)?.resolve(reply.saved);
      this.saving.delete(reply.id);
    } else if (reply.id !== null) {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.type === 'hits') waiting?.resolve(reply.hits);
      else waiting?.reject(new Error(reply.message));
      const saving = this.saving.get(reply.id);
      this.saving.delete(reply.id);
      if (reply.type === 'failed') saving?.reject(new Error(reply.message));
    }
  }

  private fail(reason: string): void {
    if (this.fallback) return;
    this.worker.terminate();
    const engine = new InThreadEngine(this.role);
    engine.onIndexed(this.listener);
    this.fallback = engine;
    this.unsent = [];
    this.onFallback(reason);
    for (const document of this.documents.values()) engine.put(document);
    this.documents.clear();
    for (const { query, options, resolve, reject } of this.waiting.values())
      engine.search(query, options).then(resolve, reject);
    this.waiting.clear();
    for (const { resolve } of this.saving.values()) resolve(false);
    this.saving.clear();
  }
}

function describeWorkerError(event: Event): string {
  const message = (event as { message?: unknown }).message; // an ErrorEvent's
  return typeof message === 'string' && message !== '' ? message : 'the worker stopped';
}

/** A worker engine (in `role`) when the page can start workers, else the page's own thread. */
export function createLibraryEngine(role: LibraryRole = 'all'): LibraryEngine {
  if (typeof Worker !== 'function') return new InThreadEngine(role);
  try {
    const worker = takeLibraryWorker(role);
    return new WorkerEngine(
      worker as unknown as WorkerLike,
      (reason) =>
        console.warn(
          `Tanda: corpus ${role === 'describe' ? 'metadata' : 'search'} work runs on the page (the worker failed: ${reason}).`,
        ),
      role,
    );
  } catch {
    return new InThreadEngine(role);
  }
}

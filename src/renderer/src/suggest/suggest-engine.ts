import type { Matcher } from '../../../shared/suggest/suggest';
import { SuggestCore } from './suggest-core';
import type { SpanColumns, SuggestDocument, SuggestReply, SuggestRequest } from './suggest-protocol';

/**
 * Where suggestions are computed: a Web Worker, so that matching a long
 * article or the whole corpus never holds up the page. Should the worker
 * fail to start or die, the engine moves to the page's thread and answers
 * what was waiting there: the analyst only loses speed.
 */
export interface SuggestOptions {
  /** Answer the shadowed suggestions too (`SpanColumns.shadowed`). */
  shadows?: boolean;
}

export interface SuggestEngine {
  suggest(
    matchers: readonly Matcher[],
    snap: boolean,
    documents: readonly SuggestDocument[],
    options?: SuggestOptions,
  ): Promise<SpanColumns[]>;
}

/** The part of a Worker the engine uses (a fake one in tests). */
export interface SuggestWorkerLike {
  postMessage(request: SuggestRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SuggestReply>) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void;
  terminate(): void;
}

export class InThreadSuggestEngine implements SuggestEngine {
  private readonly core = new SuggestCore();
  private nextId = 1;

  suggest(
    matchers: readonly Matcher[],
    snap: boolean,
    documents: readonly SuggestDocument[],
    options: SuggestOptions = {},
  ): Promise<SpanColumns[]> {
    const reply = this.core.handle({
      type: 'suggest',
      id: this.nextId++,
      matchers,
      snap,
      documents,
      shadows: options.shadows,
    });
    return reply.type === 'spans'
      ? Promise.resolve(reply.documents)
      : Promise.reject(new Error(reply.message));
  }
}

interface Waiting {
  request: SuggestRequest;
  resolve(columns: SpanColumns[]): void;
  reject(error: Error): void;
}

export class WorkerSuggestEngine implements SuggestEngine {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private fallback: InThreadSuggestEngine | null = null;

  constructor(
    private readonly worker: SuggestWorkerLike,
    private readonly onFallback: (reason: string) => void = () => {},
  ) {
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => this.fail(describeWorkerError(event)));
    worker.addEventListener('messageerror', () => this.fail('a message could not be read'));
  }

  suggest(
    matchers: readonly Matcher[],
    snap: boolean,
    documents: readonly SuggestDocument[],
    options: SuggestOptions = {},
  ): Promise<SpanColumns[]> {
    if (this.fallback) return this.fallback.suggest(matchers, snap, documents, options);
    const request: SuggestRequest = {
      type: 'suggest',
      id: this.nextId++,
      matchers: [...matchers],
      snap,
      documents: [...documents],
      shadows: options.shadows,
    };
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { request, resolve, reject });
      this.worker.postMessage(request);
    });
  }

  private receive(reply: SuggestReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.type === 'spans') waiting.resolve(reply.documents);
    else waiting.reject(new Error(reply.message));
  }

  private fail(reason: string): void {
    if (this.fallback) return;
    this.worker.terminate();
    const engine = new InThreadSuggestEngine();
    this.fallback = engine;
    this.onFallback(reason);
    for (const { request, resolve, reject } of this.waiting.values())
      engine
        .suggest(request.matchers, request.snap, request.documents, { shadows: request.shadows })
        .then(resolve, reject);
    this.waiting.clear();
  }
}

function describeWorkerError(event: Event): string {
  const message = (event as { message?: unknown }).message; // an ErrorEvent's
  return typeof message === 'string' && message !== '' ? message : 'the worker stopped';
}

/** A worker engine when the page can start workers, else the page's own thread. */
export function createSuggestEngine(): SuggestEngine {
  if (typeof Worker !== 'function') return new InThreadSuggestEngine();
  try {
    const worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tanda-suggestions',
    });
    return new WorkerSuggestEngine(worker as unknown as SuggestWorkerLike, (reason) =>
      console.warn(`Tanda: suggestions are computed on the page (the worker failed: ${reason}).`),
    );
  } catch {
    return new InThreadSuggestEngine();
  }
}

/** The app's one suggestion engine. */
export const suggestEngine: SuggestEngine = createSuggestEngine();

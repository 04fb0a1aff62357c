import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../../shared/validation/error-message';
import type { ExtractionLimits, ExtractionResult } from './extractors/extraction';
import { extractWorkerScript } from './extract-worker-script';
import { runExtractor } from './extraction-run';

/**
 * Extraction off main's event loop. pdf.js, mammoth and readability parse a
 * file in one synchronous stretch of tens to hundreds of milliseconds; run
 * on main, that stretch freezes the desktop app's IPC and browser mode's
 * server. So each non-plain file is read by one of a few worker threads, at
 * most one file per worker, with a time limit per file: a worker that
 * overruns it is terminated (the only way to stop a parser stuck inside one
 * call) and a fresh one takes the next file.
 *
 * When no worker can start (no script, a broken bundle), extraction runs in
 * this process as before, said once on stderr: slower, never broken. There
 * the time limit can only abandon a file that yields, not stop one that
 * does not.
 */

export interface ExtractionRunner {
  /** How many files it reads at once: the scan feeds it that many and a few more. */
  readonly parallelism: number;
  run(fileName: string, bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult>;
  /** Stops every worker; files still waiting are listed as skipped. */
  close(): Promise<void>;
}

/** A message to a worker: one file. */
export interface WorkerJob {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  limits: ExtractionLimits;
}

/** A message from a worker: loaded, or one file's result. */
export type WorkerReply = { type: 'ready' } | { type: 'result'; id: number; result: ExtractionResult };

export const DEFAULT_EXTRACTION_MILLIS = 30_000;

/**
 * One core is left to main (the IPC, the server, the cache, the hashing)
 * and the renderer, so the UI stays responsive during a cold scan; more
 * than four workers buys little, since each holds its own copy of pdf.js
 * (tens of MB), and disk reads and hashing on main become the limit.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export function timeLimitReason(millis: number): string {
  return `extraction took longer than ${Number((millis / 1000).toFixed(1))} s`;
}

export interface PoolOptions {
  size?: number;
  /** Per file, from the moment a worker takes it. Default 30 s. */
  timeLimitMs?: number;
  /** The worker's script; rejecting means "no worker": extraction then runs in this process. */
  script?: () => Promise<string>;
  /** An idle worker is stopped after this long, to give its memory back. */
  idleMs?: number;
  /** Where the one fallback notice goes (stderr). */
  log?: (message: string) => void;
}

interface Job {
  fileName: string;
  bytes: Uint8Array;
  limits: ExtractionLimits;
  resolve: (result: ExtractionResult) => void;
}

interface Slot {
  worker: Worker;
  job: (Job & { id: number }) | null;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

export function workerPool(options: PoolOptions = {}): ExtractionRunner {
  return new WorkerPool(options);
}

class WorkerPool implements ExtractionRunner {
  readonly parallelism: number;
  private readonly timeLimitMs: number;
  private readonly idleMs: number;
  private readonly script: () => Promise<string>;
  private readonly log: (message: string) => void;
  private readonly queue: Job[] = [];
  private readonly idle: Slot[] = [];
  private readonly slots = new Set<Slot>();
  private starting = 0;
  private scriptPath: Promise<string> | null = null;
  private fallback: ExtractionRunner | null = null;
  private nextId = 1;
  private closed = false;

  constructor(options: PoolOptions) {
    this.parallelism = options.size ?? defaultPoolSize();
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_EXTRACTION_MILLIS;
    this.idleMs = options.idleMs ?? 10_000;
    this.script = options.script ?? extractWorkerScript;
    this.log = options.log ?? ((message) => process.stderr.write(`${message}\n`));
  }

  run(fileName: string, bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult> {
    if (this.fallback) return this.fallback.run(fileName, bytes, limits);
    if (this.closed) return Promise.resolve(stopped());
    return new Promise((resolve) => {
      this.queue.push({ fileName, bytes, limits, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(stopped());
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    for (const slot of slots) {
      clearTimeout(slot.timer);
      clearTimeout(slot.idleTimer);
      slot.job?.resolve(stopped());
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    await this.fallback?.close();
  }

  private pump(): void {
    if (this.fallback) {
      for (const job of this.queue.splice(0))
        void this.fallback.run(job.fileName, job.bytes, job.limits).then(job.resolve);
      return;
    }
    while (this.queue.length > 0 && this.idle.length > 0) this.assign(this.idle.pop()!, this.queue.shift()!);
    const missing = Math.min(
      this.queue.length - this.starting,
      this.parallelism - this.slots.size - this.starting,
    );
    for (let i = 0; i < missing; i++) this.spawn();
  }

  private spawn(): void {
    this.starting++;
    (this.scriptPath ??= this.script())
      .then(
        (script) =>
          new Promise<Worker>((resolve, reject) => {
            const worker = new Worker(script);
            const failed = (error: unknown): void => {
              void worker.terminate();
              reject(
                error instanceof Error ? error : new Error(`the worker stopped (exit code ${String(error)})`),
              );
            };
            worker.once('error', failed);
            worker.once('exit', failed);
            worker.once('message', (reply: WorkerReply) => {
              worker.off('error', failed);
              worker.off('exit', failed);
              if (reply.type === 'ready') resolve(worker);
              else failed(new Error('the worker answered before it was ready'));
            });
          }),
      )
      .then(
        (worker) => {
          this.starting--;
          if (this.closed) {
            void worker.terminate();
            return;
          }
          const slot: Slot = { worker, job: null };
          this.slots.add(slot);
          worker.on('message', (reply: WorkerReply) => this.answered(slot, reply));
          worker.on('error', (error) => this.lost(slot, `worker failed: ${errorMessage(error)}`));
          worker.on('exit', (code) => this.lost(slot, `worker stopped with exit code ${code}`));
          this.makeIdle(slot);
          this.pump();
        },
        (error: unknown) => {
          this.starting--;
          this.giveUp(error);
        },
      );
  }

  private giveUp(error: unknown): void {
    if (this.fallback || this.closed) return;
    this.log(
      `tanda: extraction worker could not start (${errorMessage(error)}); reading documents in the main process instead`,
    );
    this.fallback = inProcessRunner({ timeLimitMs: this.timeLimitMs });
    this.pump();
  }

  private assign(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    const id = this.nextId++;
    slot.job = { ...job, id };
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      // A parser stuck in one call cannot be interrupted: the thread is ended and replaced.
      this.retire(slot);
      job.resolve({ kind: 'skipped', reason: timeLimitReason(this.timeLimitMs) });
      this.pump();
    }, this.timeLimitMs);
    // A copy of its own, moved rather than cloned: the caller's buffer may be a slice of a shared pool.
    const bytes = new Uint8Array(job.bytes);
    slot.worker.postMessage({ id, fileName: job.fileName, bytes, limits: job.limits } satisfies WorkerJob, [
      bytes.buffer,
    ]);
  }

  private answered(slot: Slot, reply: WorkerReply): void {
    if (reply.type !== 'result' || slot.job?.id !== reply.id) return;
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = null;
    this.makeIdle(slot);
    job.resolve(reply.result);
    this.pump();
  }

  /** The worker died under a file (out of memory, a crash): that file is skipped, the next gets a new worker. */
  private lost(slot: Slot, why: string): void {
    if (!this.slots.has(slot)) return;
    const job = slot.job;
    this.retire(slot);
    job?.resolve({ kind: 'skipped', reason: `cannot extract text (${why})` });
    this.pump();
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    this.slots.delete(slot);
    const index = this.idle.indexOf(slot);
    if (index >= 0) this.idle.splice(index, 1);
    slot.job = null;
    void slot.worker.terminate();
  }

  private makeIdle(slot: Slot): void {
    this.idle.push(slot);
    // An idle worker must not keep a `tanda` command alive, nor its pdf.js in memory for long.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => this.retire(slot), this.idleMs);
    slot.idleTimer.unref();
  }
}

/** Extraction in this process, for when no worker can start. */
export function inProcessRunner(options: { timeLimitMs?: number } = {}): ExtractionRunner {
  const limit = options.timeLimitMs ?? DEFAULT_EXTRACTION_MILLIS;
  return {
    parallelism: 2,
    async run(fileName, bytes, limits) {
      let timer: NodeJS.Timeout | undefined;
      const overrun = new Promise<ExtractionResult>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'skipped', reason: timeLimitReason(limit) }), limit);
      });
      try {
        return await Promise.race([runExtractor(fileName, bytes, limits), overrun]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {},
  };
}

let shared: ExtractionRunner | null = null;

/**
 * The process's pool, shared by every corpus it opens. TANDA_EXTRACTION_TIME_LIMIT_MS
 * shortens the time limit (the e2e tests use it).
 */
export function sharedExtractionRunner(): ExtractionRunner {
  const fromEnv = Number(process.env.TANDA_EXTRACTION_TIME_LIMIT_MS);
  return (shared ??= workerPool(Number.isInteger(fromEnv) && fromEnv > 0 ? { timeLimitMs: fromEnv } : {}));
}

function stopped(): ExtractionResult {
  return { kind: 'skipped', reason: 'extraction stopped: the corpus was closed' };
}

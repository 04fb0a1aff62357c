import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentMeta } from '../../shared/corpus/corpus-types';
import type { DocumentStructure } from '../../shared/corpus/document-structure';
import { scanReadWorkerScript } from './extract-worker-script';

/*
 * The scan's first stage off main: open, prove, read, decode and hash every
 * file in reader threads with synchronous calls. On main the same stage
 * costs four trips to libuv's thread pool per file and the decoding on the
 * event loop; a thread that may block does the I/O of 10,000 small files in
 * a fifth of that. Main gets back a listing row per file, or the bytes of a
 * file an extractor must read (the cache and the extraction pool stay
 * main's). Files go out in chunks, a few in flight per thread, so a thread
 * slowed by another process takes fewer of them.
 *
 * Nothing here decides a row: scan-read-worker.ts runs the rules main runs
 * (corpus-file-bytes.ts, document-extract.ts). A thread that cannot start
 * or dies hands its unanswered files back, and main reads them itself.
 */

/** A file for a reader thread: its index in the scan's found list. */
export interface ReadFile {
  index: number;
  path: string;
  file: string;
}

export interface ReadChunk {
  rootReal: string;
  maxFileBytes: number;
  files: ReadFile[];
  /** Answer a readable plain text file's text with its row (see `ScanOptions.onText`). */
  texts?: boolean;
}

/**
 * A listing row decided in the thread (with the text, when asked for and readable), or the bytes main
 * must hand to an extractor (or the cache).
 */
export type ReadRow =
  | { index: number; meta: DocumentMeta; text?: string; structure?: DocumentStructure }
  | { index: number; bytes: Uint8Array };

/** The answer to one chunk, whole: a chunk is answered completely or not at all. */
export interface ReadReply {
  rows: ReadRow[];
}

/** Large enough that messages cost little, small enough to keep two threads busy to the end. */
const CHUNK_FILES = 200;
const CHUNKS_IN_FLIGHT = 2;

/** Two threads: a core each on the 2-core machines the bench runs on; past that, main's share (extraction, events) is the limit. */
export function defaultReadThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(2, cores));
}

export interface ReadInThreadsOptions {
  threads: number;
  script?: () => Promise<string>;
  /** Rows of readable plain text files carry their text. */
  texts?: boolean;
}

/**
 * Reads `files` in reader threads, calling `onRows` for each answered chunk. Resolves with the files
 * no thread answered (all of them when none could start), for main to read itself.
 */
export async function readInThreads(
  rootReal: string,
  maxFileBytes: number,
  files: ReadFile[],
  onRows: (rows: ReadRow[]) => void,
  options: ReadInThreadsOptions,
): Promise<ReadFile[]> {
  if (files.length === 0) return [];
  let script: string;
  try {
    script = await (options.script ?? scanReadWorkerScript)();
  } catch {
    return files;
  }
  const chunks: ReadFile[][] = [];
  for (let i = 0; i < files.length; i += CHUNK_FILES) chunks.push(files.slice(i, i + CHUNK_FILES));
  const unanswered: ReadFile[] = [];
  const threads = Math.max(1, Math.min(options.threads, chunks.length));
  await Promise.all(
    Array.from({ length: threads }, () =>
      runThread(
        script,
        { rootReal, maxFileBytes, texts: options.texts === true },
        chunks,
        onRows,
        unanswered,
      ),
    ),
  );
  // Whatever is still queued had no thread left to take it.
  for (const chunk of chunks.splice(0)) unanswered.push(...chunk);
  return unanswered.sort((a, b) => a.index - b.index);
}

/** One thread taking chunks from the shared queue until it is empty; its lost chunks go to `unanswered`. */
function runThread(
  script: string,
  asked: Omit<ReadChunk, 'files'>,
  queue: ReadFile[][],
  onRows: (rows: ReadRow[]) => void,
  unanswered: ReadFile[],
): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // No execArgv: the script is plain JavaScript, and a loader the parent runs under (tsx) would load again.
      worker = new Worker(script, { execArgv: [] });
    } catch {
      resolve();
      return;
    }
    const inFlight: ReadFile[][] = [];
    let finished = false;
    const finish = (lost: boolean): void => {
      if (finished) return;
      finished = true;
      if (lost) for (const chunk of inFlight.splice(0)) unanswered.push(...chunk);
      void worker.terminate();
      resolve();
    };
    const send = (): void => {
      const chunk = queue.shift();
      if (!chunk) return;
      inFlight.push(chunk);
      worker.postMessage({ ...asked, files: chunk } satisfies ReadChunk);
    };
    worker.on('message', (reply: ReadReply) => {
      inFlight.shift();
      onRows(reply.rows);
      send();
      if (inFlight.length === 0) finish(false);
    });
    worker.once('error', () => finish(true));
    worker.once('exit', () => finish(true));
    for (let i = 0; i < CHUNKS_IN_FLIGHT; i++) send();
    if (inFlight.length === 0) finish(false);
  });
}

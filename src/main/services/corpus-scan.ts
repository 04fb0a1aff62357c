import { read } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMeta, ReadingProgress } from '../../shared/corpus/corpus-types';
import { closeDocumentFile, openDocumentFile, osReason, type OpenHooks } from './corpus-open';
import { classifySymlink, reachedWithoutFolderLinks, walkCorpus, type FoundFile } from './corpus-walk';
import type { ExtractionCache } from './extraction-cache';
import type { ExtractionRunner } from './extraction-pool';
import {
  documentFromExtractor,
  documentWithoutExtractor,
  extractDocument,
  extractorForFileName,
  maxBytesForFileName,
  listingMeta,
  type ExtractedDocument,
} from './document-extract';

/**
 * Walks a corpus folder and turns every document file into a DocumentMeta.
 * A bad file never stops a scan: it is listed as `skipped` (we chose not to
 * read it) or `error` (we tried and the system refused), with a reason a
 * person can act on.
 */

/** Files above this are skipped: a news article is kilobytes, not megabytes. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Enough parallel reads to hide disk latency without exhausting file handles. */
const READ_CONCURRENCY = 8;
/**
 * Bytes of files waiting for an extractor kept in memory from the first
 * read; past this, a waiting file is read again when its turn comes, so a
 * folder of large PDFs never sits in memory whole.
 */
const HELD_BYTES = 64 * 1024 * 1024;

/** Which files are documents: those an extractor reads (see document-extract.ts). */
export function isCorpusFileName(name: string): boolean {
  return extractorForFileName(name) !== undefined;
}
/** Dot-files and dot-folders (`.git`, `.DS_Store`, editor swap files) are never documents. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/** A listed document and where its bytes are. */
export interface ScannedDocument {
  meta: DocumentMeta;
  /**
   * Absolute path as spelled on disk. It can differ from the root joined
   * with `meta.path`, which is NFC: a name written on macOS may be stored
   * decomposed.
   */
  file: string;
}

export interface ScanProgress {
  done: number;
  total: number;
}

export interface ScanOptions {
  maxFileBytes?: number;
  /** Where extraction results are kept between runs (see extraction-cache.ts). */
  cache?: ExtractionCache;
  /** Who runs the extractors (worker threads, extraction-pool.ts); none: this thread. */
  runner?: ExtractionRunner;
  /** Called once the files are counted (done = 0), then at most every 50 files or 100 ms, and at the end. */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Called once every file is either listed or handed to an extractor, when
   * some are (so not for plain text or a warm cache): the whole list, with
   * `reading` rows. Then `onRead` for each of those as it is done.
   */
  onListed?: (documents: ScannedDocument[], reading: ReadingProgress) => void;
  onRead?: (document: ScannedDocument, reading: ReadingProgress) => void;
  /**
   * True once nobody wants the result (the corpus was closed): files not yet
   * handed to the runner stay `reading` instead of keeping the shared
   * workers from the next corpus.
   */
  stopped?: () => boolean;
}

/**
 * Scans the whole folder. `rootReal` must be a real path (fs.realpath).
 *
 * Two stages, overlapping: every file is read and, when it is plain text or
 * in the cache, listed at once; the others wait for the runner, which reads
 * a few at a time. The list is complete (with `reading` rows) as soon as
 * the first stage is, long before the last PDF is parsed.
 */
export async function scanCorpus(rootReal: string, options: ScanOptions = {}): Promise<ScannedDocument[]> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { cache, runner } = options;
  const found = await walkCorpus(rootReal, { isHiddenName, isCorpusFileName });
  const total = found.length;
  const report = throttleProgress(total, options.onProgress);
  report(0);

  const results: ScannedDocument[] = new Array(total);
  let done = 0;
  const reading: ReadingProgress = { done: 0, total: 0 };
  let listed = false;
  let held = 0;
  const extract = limitConcurrency((runner?.parallelism ?? 1) + 1);
  const extracting: Promise<void>[] = [];

  const finishReading = (index: number, document: ScannedDocument): void => {
    results[index] = document;
    reading.done++;
    report(++done);
    if (listed) options.onRead?.(document, { ...reading });
  };

  await forEachConcurrently(total, READ_CONCURRENCY, async (index) => {
    const foundFile = found[index]!;
    const loaded = await loadFoundFile(rootReal, foundFile, maxFileBytes);
    if (!('bytes' in loaded)) {
      results[index] = loaded;
      report(++done);
      return;
    }
    const quick = await documentWithoutExtractor(foundFile.path, loaded.bytes, undefined, cache);
    if (quick) {
      results[index] = { meta: quick.meta, file: foundFile.file };
      report(++done);
      return;
    }
    results[index] = {
      meta: listingMeta(foundFile.path, 'reading', undefined, loaded.bytes.length),
      file: foundFile.file,
    };
    reading.total++;
    let bytes: Uint8Array | null = null;
    if (held + loaded.bytes.length <= HELD_BYTES) {
      bytes = loaded.bytes;
      held += bytes.length;
    }
    extracting.push(
      extract(async () => {
        if (options.stopped?.()) return;
        let document: ScannedDocument;
        if (bytes) {
          const { meta } = await documentFromExtractor(foundFile.path, bytes, undefined, cache, runner);
          held -= bytes.length;
          bytes = null;
          document = { meta, file: foundFile.file };
        } else {
          const { meta } = await readCorpusFile(
            foundFile.path,
            foundFile.file,
            maxFileBytes,
            rootReal,
            undefined,
            cache,
            runner,
          );
          document = { meta, file: foundFile.file };
        }
        finishReading(index, document);
      }),
    );
  });
  if (reading.done < reading.total) {
    listed = true;
    options.onListed?.([...results], { ...reading });
  }
  await Promise.all(extracting);
  return results;
}

/**
 * Rescans one file named by its on-disk relative path (`/` separators), as a
 * watcher reports it. Null when it is gone or is not a document.
 */
export async function scanCorpusFile(
  rootReal: string,
  diskPath: string,
  maxFileBytes = DEFAULT_MAX_FILE_BYTES,
  cache?: ExtractionCache,
  runner?: ExtractionRunner,
): Promise<ScannedDocument | null> {
  const segments = diskPath.split('/');
  if (segments.some(isHiddenName) || !isCorpusFileName(segments[segments.length - 1]!)) return null;
  const file = path.join(rootReal, ...segments);
  let isSymlink: boolean;
  try {
    // Same rule as the walk: nothing reached through a folder link.
    if (!(await reachedWithoutFolderLinks(rootReal, file))) return null;
    isSymlink = (await lstat(file)).isSymbolicLink();
  } catch {
    return null;
  }
  const found: FoundFile = { path: diskPath.normalize('NFC'), file };
  if (isSymlink) {
    const target = await classifySymlink(rootReal, file);
    if (target.kind === 'folder') return null;
    if (target.kind === 'problem') found.problem = target;
  }
  return readFoundFile(rootReal, found, maxFileBytes, cache, runner);
}

/**
 * Reads a listed document now and returns its fresh meta and, when it is
 * readable, its normalized text and structure. Bytes become a document in
 * document-extract.ts.
 */
export async function readCorpusFile(
  docPath: string,
  file: string,
  corpusMaxBytes = DEFAULT_MAX_FILE_BYTES,
  /** The corpus's real root: the opened file must be inside it (see corpus-open.ts). */
  rootReal?: string,
  hooks?: OpenHooks,
  cache?: ExtractionCache,
  runner?: ExtractionRunner,
): Promise<ExtractedDocument> {
  const loaded = await loadCorpusFile(docPath, file, corpusMaxBytes, rootReal, hooks);
  if (!('bytes' in loaded)) return { meta: loaded.meta, text: null };
  return extractDocument(docPath, loaded.bytes, undefined, cache, runner);
}

/** A document file's bytes, or the meta saying why they cannot be had (too large, unreadable, outside). */
async function loadCorpusFile(
  docPath: string,
  file: string,
  corpusMaxBytes: number,
  rootReal?: string,
  hooks?: OpenHooks,
): Promise<{ bytes: Buffer } | { meta: DocumentMeta }> {
  const name = path.posix.basename(docPath);
  const maxFileBytes = maxBytesForFileName(name, corpusMaxBytes);
  const unreadable = (status: 'skipped' | 'error', reason: string, bytes?: number) => ({
    meta: listingMeta(docPath, status, reason, bytes),
  });

  const opened = await openDocumentFile(file, rootReal, hooks);
  if (!opened.ok) return unreadable(opened.status, opened.reason);
  let bytes: Buffer;
  try {
    if (opened.size > maxFileBytes)
      return unreadable('skipped', tooLarge(opened.size, maxFileBytes), opened.size);
    bytes = await readWhole(opened.fd, opened.size, maxFileBytes);
  } catch (error) {
    return unreadable('error', `cannot read file (${osReason(error)})`, opened.size);
  } finally {
    await closeDocumentFile(opened.fd);
  }
  // It may have grown between stat and read.
  if (bytes.length > maxFileBytes)
    return unreadable('skipped', tooLarge(bytes.length, maxFileBytes), bytes.length);
  return { bytes };
}

/**
 * The file's bytes in one read of the size fstat gave (plus one byte, to see the end): readFile would
 * fstat again and read once more to find the end, two more trips to the thread pool per file. A file
 * that grew since is read on, up to one byte past `limit`, so the caller can say it is too large.
 */
async function readWhole(fd: number, size: number, limit: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    const bytesRead = await readAt(fd, buffer, length);
    length += bytesRead;
    // Short of what was asked: the end of a regular file.
    if (length < buffer.length || length > limit) return buffer.subarray(0, length);
    const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
    buffer.copy(bigger, 0, 0, length);
    buffer = bigger;
  }
}

/** Reads into `buffer` from `offset` to its end, at that file position: the bytes read. */
function readAt(fd: number, buffer: Buffer, offset: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, offset, buffer.length - offset, offset, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
}

async function readFoundFile(
  rootReal: string,
  found: FoundFile,
  maxFileBytes: number,
  cache: ExtractionCache | undefined,
  runner: ExtractionRunner | undefined,
): Promise<ScannedDocument> {
  if (found.problem) {
    return { meta: listingMeta(found.path, found.problem.status, found.problem.reason), file: found.file };
  }
  const { meta } = await readCorpusFile(
    found.path,
    found.file,
    maxFileBytes,
    rootReal,
    undefined,
    cache,
    runner,
  );
  return { meta, file: found.file };
}

/** The bytes of a found file, or its listing when there are none to read. */
async function loadFoundFile(
  rootReal: string,
  found: FoundFile,
  maxFileBytes: number,
): Promise<{ bytes: Buffer } | ScannedDocument> {
  if (found.problem) {
    return { meta: listingMeta(found.path, found.problem.status, found.problem.reason), file: found.file };
  }
  const loaded = await loadCorpusFile(found.path, found.file, maxFileBytes, rootReal);
  return 'bytes' in loaded ? loaded : { meta: loaded.meta, file: found.file };
}

/** Runs `task(0 … count-1)`, `limit` at a time. */
async function forEachConcurrently(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

/** Wraps tasks so that at most `limit` run at once; the others wait their turn in order. */
function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its place straight to the next in line, so a newcomer cannot slip in between.
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

function throttleProgress(total: number, onProgress?: (p: ScanProgress) => void): (done: number) => void {
  if (!onProgress) return () => {};
  let lastDone = -1;
  let lastTime = 0;
  return (done) => {
    const now = Date.now();
    if (done === 0 || done === total || done - lastDone >= 50 || now - lastTime >= 100) {
      lastDone = done;
      lastTime = now;
      onProgress({ done, total });
    }
  };
}

function tooLarge(size: number, limit: number): string {
  return `file too large: ${formatBytes(size)}, over the limit of ${formatBytes(limit)}`;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const [value, unit] =
    n < 1024 ** 2 ? [n / 1024, 'KiB'] : n < 1024 ** 3 ? [n / 1024 ** 2, 'MiB'] : [n / 1024 ** 3, 'GiB'];
  return `${Number(value.toFixed(1))} ${unit} (${n} bytes)`;
}

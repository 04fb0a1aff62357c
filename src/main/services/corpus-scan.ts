import { lstat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { type DocumentMeta } from '../../shared/corpus/corpus-types';
import { openDocumentFile, osReason, type OpenHooks } from './corpus-open';
import { classifySymlink, reachedWithoutFolderLinks, walkCorpus, type FoundFile } from './corpus-walk';
import type { ExtractionCache } from './extraction-cache';
import {
  extractDocument,
  extractorForFileName,
  formatFields,
  maxBytesForFileName,
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
  /** Called once the files are counted (done = 0), then at most every 50 files or 100 ms, and at the end. */
  onProgress?: (progress: ScanProgress) => void;
}

/** Scans the whole folder. `rootReal` must be a real path (fs.realpath). */
export async function scanCorpus(rootReal: string, options: ScanOptions = {}): Promise<ScannedDocument[]> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const found = await walkCorpus(rootReal, { isHiddenName, isCorpusFileName });
  const total = found.length;
  const report = throttleProgress(total, options.onProgress);
  report(0);

  const results: ScannedDocument[] = new Array(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      results[index] = await readFoundFile(rootReal, found[index]!, maxFileBytes, options.cache);
      report(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, total) }, worker));
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
  return readFoundFile(rootReal, found, maxFileBytes, cache);
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
): Promise<ExtractedDocument> {
  const name = path.posix.basename(docPath);
  const maxFileBytes = maxBytesForFileName(name, corpusMaxBytes);
  const unreadable = (status: 'skipped' | 'error', reason: string, bytes?: number) => ({
    meta: problemMeta(docPath, status, reason, bytes),
    text: null,
  });

  const opened = await openDocumentFile(file, rootReal, hooks);
  if (!opened.ok) return unreadable(opened.status, opened.reason);
  let bytes: Buffer;
  try {
    if (opened.size > maxFileBytes)
      return unreadable('skipped', tooLarge(opened.size, maxFileBytes), opened.size);
    bytes = await readWhole(opened.handle, opened.size, maxFileBytes);
  } catch (error) {
    return unreadable('error', `cannot read file (${osReason(error)})`, opened.size);
  } finally {
    await opened.handle.close().catch(() => {});
  }
  // It may have grown between stat and read.
  if (bytes.length > maxFileBytes)
    return unreadable('skipped', tooLarge(bytes.length, maxFileBytes), bytes.length);

  return extractDocument(docPath, bytes, undefined, cache);
}

/**
 * The file's bytes in one read of the size fstat gave (plus one byte, to see the end): readFile would
 * fstat again and read once more to find the end, two more trips to the thread pool per file. A file
 * that grew since is read on, up to one byte past `limit`, so the caller can say it is too large.
 */
async function readWhole(handle: FileHandle, size: number, limit: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    length += bytesRead;
    // Short of what was asked: the end of a regular file.
    if (length < buffer.length || length > limit) return buffer.subarray(0, length);
    const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
    buffer.copy(bigger, 0, 0, length);
    buffer = bigger;
  }
}

async function readFoundFile(
  rootReal: string,
  found: FoundFile,
  maxFileBytes: number,
  cache: ExtractionCache | undefined,
): Promise<ScannedDocument> {
  if (found.problem) {
    return { meta: problemMeta(found.path, found.problem.status, found.problem.reason), file: found.file };
  }
  const { meta } = await readCorpusFile(found.path, found.file, maxFileBytes, rootReal, undefined, cache);
  return { meta, file: found.file };
}

function problemMeta(
  docPath: string,
  status: 'skipped' | 'error',
  reason: string,
  bytes?: number,
): DocumentMeta {
  return {
    path: docPath,
    ...formatFields(path.posix.basename(docPath)),
    title: path.posix.basename(docPath),
    sha256: null,
    chars: null,
    encoding: null,
    status,
    reason,
    ...(bytes === undefined ? {} : { bytes }),
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

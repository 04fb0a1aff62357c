import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMeta, ReadingProgress } from '../../shared/corpus/corpus-types';
import type { DocumentStructure } from '../../shared/corpus/document-structure';
import type { OpenHooks } from './corpus-open';
import { loadCorpusFile } from './corpus-file-bytes';
import { classifySymlink, reachedWithoutFolderLinks, walkCorpus, type FoundFile } from './corpus-walk';
import type { ExtractionCache } from './extraction-cache';
import { defaultReadThreads, readInThreads } from './scan-read-threads';
import type { ExtractionRunner } from './extraction-pool';
import {
  documentFromExtractor,
  documentWithoutExtractor,
  extractDocument,
  extractorForFileName,
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
   * Called with the text of each readable document the scan decoded itself (plain text; not those
   * an extractor reads), for a reader right after the scan that need not read the file again.
   */
  onText?: (path: string, document: ScanText) => void;
  /**
   * True once nobody wants the result (the corpus was closed): files not yet
   * handed to the runner stay `reading` instead of keeping the shared
   * workers from the next corpus.
   */
  stopped?: () => boolean;
  /**
   * Reader threads for the first stage (scan-read-threads.ts); 0 reads on this thread. Default
   * defaultReadThreads(). Files no thread could read are read here.
   */
  readThreads?: number;
  /** The reader threads' script (tests). Default: scan-read-worker's, built or bundled from sources. */
  readScript?: () => Promise<string>;
}

/** A text decoded during the scan, at the hash the listing gives. */
export interface ScanText {
  sha256: string;
  text: string;
  structure?: DocumentStructure;
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
  const keepText = (docPath: string, document: ExtractedDocument): void => {
    const { meta, text, structure } = document;
    if (options.onText && meta.status === 'ok' && meta.sha256 !== null && text !== null)
      options.onText(docPath, { sha256: meta.sha256, text, ...(structure ? { structure } : {}) });
  };

  const finishReading = (index: number, document: ScannedDocument): void => {
    results[index] = document;
    reading.done++;
    report(++done);
    if (listed) options.onRead?.(document, { ...reading });
  };

  /** A file's bytes (or why there are none) → its listing row, now or once an extractor has read it. */
  const settle = async (index: number, loaded: { bytes: Buffer } | ScannedDocument): Promise<void> => {
    const foundFile = found[index]!;
    if (!('bytes' in loaded)) {
      results[index] = loaded;
      report(++done);
      return;
    }
    const quick = await documentWithoutExtractor(foundFile.path, loaded.bytes, undefined, cache);
    if (quick) {
      keepText(foundFile.path, quick);
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
  };

  let inProcess = found.map((_, index) => index);
  const threads = options.readThreads ?? defaultReadThreads();
  if (threads > 0) {
    const settling: Promise<void>[] = [];
    const toThreads = found.flatMap((f, index) => (f.problem ? [] : [{ index, path: f.path, file: f.file }]));
    const left = await readInThreads(
      rootReal,
      maxFileBytes,
      toThreads,
      (rows) => {
        for (const row of rows) {
          const { file, path: docPath } = found[row.index]!;
          if ('meta' in row && row.text !== undefined) keepText(docPath, { ...row, text: row.text });
          settling.push(
            settle(
              row.index,
              'meta' in row ? { meta: row.meta, file } : { bytes: Buffer.from(row.bytes.buffer) },
            ),
          );
        }
      },
      {
        threads,
        texts: options.onText !== undefined,
        ...(options.readScript ? { script: options.readScript } : {}),
      },
    );
    await Promise.all(settling);
    inProcess = [...found.flatMap((f, index) => (f.problem ? [index] : [])), ...left.map((f) => f.index)];
  }
  await forEachConcurrently(inProcess.length, READ_CONCURRENCY, async (i) => {
    const index = inProcess[i]!;
    await settle(index, await loadFoundFile(rootReal, found[index]!, maxFileBytes));
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

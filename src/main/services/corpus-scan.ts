import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareDocumentPaths, type DocumentMeta } from '../../shared/corpus/corpus-types';
import { isInsideFolder } from './corpus-paths';
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

/** A document file found by the walk, not yet read. */
interface FoundFile {
  path: string;
  file: string;
  /** Known before reading, e.g. a symlink leading outside the root. */
  problem?: { status: 'skipped' | 'error'; reason: string };
}

/** Scans the whole folder. `rootReal` must be a real path (fs.realpath). */
export async function scanCorpus(rootReal: string, options: ScanOptions = {}): Promise<ScannedDocument[]> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const found = await listCorpusFiles(rootReal);
  const total = found.length;
  const report = throttleProgress(total, options.onProgress);
  report(0);

  const results: ScannedDocument[] = new Array(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      results[index] = await readFoundFile(found[index]!, maxFileBytes, options.cache);
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
  let folderReal: string;
  let isSymlink: boolean;
  try {
    // Same rule as the walk: nothing reached through a folder outside the root.
    folderReal = await realpath(path.dirname(file));
    isSymlink = (await lstat(file)).isSymbolicLink();
  } catch {
    return null;
  }
  if (!isInsideFolder(rootReal, folderReal)) return null;
  const found: FoundFile = { path: diskPath.normalize('NFC'), file };
  if (isSymlink) {
    const target = await classifySymlink(rootReal, file);
    if (target.kind === 'folder') return null;
    if (target.kind === 'problem') found.problem = target;
  }
  return readFoundFile(found, maxFileBytes, cache);
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
  cache?: ExtractionCache,
): Promise<ExtractedDocument> {
  const name = path.posix.basename(docPath);
  const maxFileBytes = maxBytesForFileName(name, corpusMaxBytes);
  const unreadable = (status: 'skipped' | 'error', reason: string, bytes?: number) => ({
    meta: problemMeta(docPath, status, reason, bytes),
    text: null,
  });

  let size: number;
  try {
    const stats = await stat(file);
    // A FIFO or device named `x.txt` would block or never end.
    if (!stats.isFile()) return unreadable('skipped', 'not a regular file');
    size = stats.size;
  } catch (error) {
    return unreadable('error', `cannot read file (${osReason(error)})`);
  }
  if (size > maxFileBytes) return unreadable('skipped', tooLarge(size, maxFileBytes), size);

  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return unreadable('error', `cannot read file (${osReason(error)})`, size);
  }
  // It may have grown between stat and read.
  if (bytes.length > maxFileBytes)
    return unreadable('skipped', tooLarge(bytes.length, maxFileBytes), bytes.length);

  return extractDocument(docPath, bytes, undefined, cache);
}

async function readFoundFile(
  found: FoundFile,
  maxFileBytes: number,
  cache: ExtractionCache | undefined,
): Promise<ScannedDocument> {
  if (found.problem) {
    return { meta: problemMeta(found.path, found.problem.status, found.problem.reason), file: found.file };
  }
  const { meta } = await readCorpusFile(found.path, found.file, maxFileBytes, cache);
  return { meta, file: found.file };
}

/**
 * Depth-first walk listing document files, sorted by path. Symlinks are
 * followed only while they stay inside the root; folders are entered once
 * per real path, so a link back to a parent cannot loop.
 */
async function listCorpusFiles(rootReal: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const visited = new Set<string>([rootReal]);
  const pending = [{ dir: rootReal, real: rootReal, rel: '' }];
  while (pending.length > 0) {
    const { dir, real, rel } = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // The root must be listable; a subfolder we cannot open just has no documents.
      if (dir === rootReal) throw error;
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders = [];
    for (const entry of entries) {
      if (isHiddenName(entry.name)) continue;
      const file = path.join(dir, entry.name);
      const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        subfolders.push({ dir: file, real: path.join(real, entry.name), rel: entryRel });
      } else if (entry.isSymbolicLink()) {
        const target = await classifySymlink(rootReal, file);
        if (target.kind === 'folder') subfolders.push({ dir: file, real: target.real, rel: entryRel });
        else if (isCorpusFileName(entry.name)) {
          found.push({ path: entryRel, file, ...(target.kind === 'problem' ? { problem: target } : {}) });
        }
      } else if (entry.isFile() && isCorpusFileName(entry.name)) {
        found.push({ path: entryRel, file });
      }
    }
    // Reversed so the stack pops them in name order, which makes "first
    // path wins" below deterministic when two links share a folder.
    for (const folder of subfolders.reverse()) {
      if (visited.has(folder.real)) continue;
      visited.add(folder.real);
      pending.push(folder);
    }
  }

  for (const f of found) f.path = f.path.normalize('NFC');
  found.sort(compareDocumentPaths);
  // Two on-disk names differing only in Unicode normalization (possible on
  // Linux) would share one NFC path, the document's identity: keep the first.
  return found.filter((f, i) => i === 0 || f.path !== found[i - 1]!.path);
}

type SymlinkTarget =
  | { kind: 'file' }
  | { kind: 'folder'; real: string }
  | { kind: 'problem'; status: 'skipped' | 'error'; reason: string };

async function classifySymlink(rootReal: string, link: string): Promise<SymlinkTarget> {
  let real: string;
  try {
    real = await realpath(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { kind: 'problem', status: 'error', reason: 'broken symlink (its target does not exist)' };
    if (code === 'ELOOP')
      return { kind: 'problem', status: 'error', reason: 'symlink loop (it points back to itself)' };
    return { kind: 'problem', status: 'error', reason: `cannot follow symlink (${osReason(error)})` };
  }
  if (!isInsideFolder(rootReal, real)) {
    return { kind: 'problem', status: 'skipped', reason: 'symlink points outside the corpus folder' };
  }
  try {
    if ((await stat(real)).isDirectory()) return { kind: 'folder', real };
  } catch {
    // Vanished meanwhile: reading it will report the error.
  }
  return { kind: 'file' };
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

/** `EACCES: permission denied`, without the absolute path Node appends. */
function osReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const short = String(message ?? error).split(', ')[0]!;
  return code && !short.startsWith(code) ? `${code}: ${short}` : short;
}

import { read, readSync } from 'node:fs';
import path from 'node:path';
import type { DocumentMeta } from '../../shared/corpus/corpus-types';
import {
  closeDocumentFile,
  closeDocumentFileSync,
  openDocumentFile,
  openDocumentFileSync,
  osReason,
  type OpenedDocument,
  type OpenHooks,
} from './corpus-open';
import { listingMeta, maxBytesForFileName } from './document-extract';

/**
 * A document file's bytes, or the listing row saying why there are none
 * (too large, unreadable, outside the corpus). Two drivers of one rule set:
 * the asynchronous one for main's event loop, the synchronous one for the
 * scan's reader threads, where a blocking read costs no trip to the thread
 * pool (four per file, most of a 10,000-file scan's time on main).
 */

export type LoadedFile = { bytes: Buffer } | { meta: DocumentMeta };

export async function loadCorpusFile(
  docPath: string,
  file: string,
  corpusMaxBytes: number,
  rootReal?: string,
  hooks?: OpenHooks,
): Promise<LoadedFile> {
  const maxFileBytes = maxBytesForFileName(path.posix.basename(docPath), corpusMaxBytes);
  const opened = await openDocumentFile(file, rootReal, hooks);
  if (!opened.ok) return refusal(docPath, opened);
  let bytes: Buffer;
  try {
    if (opened.size > maxFileBytes) return tooLargeRow(docPath, opened.size, maxFileBytes);
    bytes = await readWhole(opened.fd, opened.size, maxFileBytes);
  } catch (error) {
    return cannotRead(docPath, error, opened.size);
  } finally {
    await closeDocumentFile(opened.fd);
  }
  return checkedLength(docPath, bytes, maxFileBytes);
}

export function loadCorpusFileSync(
  docPath: string,
  file: string,
  corpusMaxBytes: number,
  rootReal?: string,
): LoadedFile {
  const maxFileBytes = maxBytesForFileName(path.posix.basename(docPath), corpusMaxBytes);
  const opened = openDocumentFileSync(file, rootReal);
  if (!opened.ok) return refusal(docPath, opened);
  let bytes: Buffer;
  try {
    if (opened.size > maxFileBytes) return tooLargeRow(docPath, opened.size, maxFileBytes);
    bytes = readWholeSync(opened.fd, opened.size, maxFileBytes);
  } catch (error) {
    return cannotRead(docPath, error, opened.size);
  } finally {
    closeDocumentFileSync(opened.fd);
  }
  return checkedLength(docPath, bytes, maxFileBytes);
}

function refusal(docPath: string, opened: Extract<OpenedDocument, { ok: false }>): LoadedFile {
  return { meta: listingMeta(docPath, opened.status, opened.reason) };
}

function tooLargeRow(docPath: string, size: number, maxFileBytes: number): LoadedFile {
  return { meta: listingMeta(docPath, 'skipped', tooLarge(size, maxFileBytes), size) };
}

function cannotRead(docPath: string, error: unknown, size: number): LoadedFile {
  return { meta: listingMeta(docPath, 'error', `cannot read file (${osReason(error)})`, size) };
}

/** It may have grown between the fstat and the read. */
function checkedLength(docPath: string, bytes: Buffer, maxFileBytes: number): LoadedFile {
  return bytes.length > maxFileBytes ? tooLargeRow(docPath, bytes.length, maxFileBytes) : { bytes };
}

/**
 * The file's bytes in one read of the size fstat gave (plus one byte, to see the end): readFile would
 * fstat again and read once more to find the end, two more trips to the thread pool per file. A file
 * that grew since is read on, up to one byte past `limit`, so the caller can say it is too large.
 */
async function readWhole(fd: number, size: number, limit: number): Promise<Buffer> {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    length += await readAt(fd, buffer, length);
    if (isWhole(buffer, length, limit)) return buffer.subarray(0, length);
    buffer = grown(buffer, length, limit);
  }
}

function readWholeSync(fd: number, size: number, limit: number): Buffer {
  let buffer: Buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    length += readSync(fd, buffer, length, buffer.length - length, length);
    if (isWhole(buffer, length, limit)) return buffer.subarray(0, length);
    buffer = grown(buffer, length, limit);
  }
}

/** Short of what was asked: the end of a regular file; or past the limit, where reading stops. */
function isWhole(buffer: Buffer, length: number, limit: number): boolean {
  return length < buffer.length || length > limit;
}

function grown(buffer: Buffer, length: number, limit: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}

/** Reads into `buffer` from `offset` to its end, at that file position: the bytes read. */
function readAt(fd: number, buffer: Buffer, offset: number): Promise<number> {
  return new Promise((resolve, reject) =>
    read(fd, buffer, offset, buffer.length - offset, offset, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    ),
  );
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

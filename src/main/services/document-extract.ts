import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DocumentMeta } from '../../shared/corpus/corpus-types';
import type { DocumentStructure } from '../../shared/corpus/document-structure';
import { codePointLength, titleOf } from '../../shared/text/text-normalize';
import type { ExtractionCache } from './extraction-cache';
import type { ExtractionRunner } from './extraction-pool';
import { runExtractor } from './extraction-run';
import {
  DEFAULT_EXTRACTION_LIMITS,
  type ExtractionLimits,
  type ExtractionResult,
  type Extractor,
} from './extractors/extraction';
import { extractorForFileName } from './extractors/extractor-by-name';
import { txtExtractor } from './extractors/text-extractor';

export { extractorForFileName };

/**
 * Which extractor reads a file, and how its result becomes a DocumentMeta.
 * A file's bytes come in (the walk and the opening of files are
 * corpus-scan's business); a document, or the reason there is none, comes
 * out. Never throws for a bad file. Plain text is decoded here, on the
 * caller's thread; every other format goes to the runner (worker threads,
 * extraction-pool.ts) unless the cache has it.
 */

/** The largest file a reader accepts: the corpus's limit, or a format's own when that is larger (PDFs). */
export function maxBytesForFileName(name: string, corpusMaxBytes: number): number {
  return Math.max(corpusMaxBytes, extractorForFileName(name)?.maxBytes ?? 0);
}

export interface ExtractedDocument {
  meta: DocumentMeta;
  text: string | null;
  structure?: DocumentStructure;
}

/** What a listing says about a file before (or without) reading it: its format and reader. */
export function formatFields(name: string): Pick<DocumentMeta, 'format' | 'extractor'> {
  const extractor = extractorForFileName(name);
  return extractor ? { format: extractor.format, extractor: extractor.id } : {};
}

/** A file's bytes → its document. `docPath` is the listed path; the reader is chosen by its extension. */
export async function extractDocument(
  docPath: string,
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  cache?: ExtractionCache,
  runner?: ExtractionRunner,
): Promise<ExtractedDocument> {
  return (
    (await documentWithoutExtractor(docPath, bytes, limits, cache)) ??
    (await documentFromExtractor(docPath, bytes, limits, cache, runner))
  );
}

/** Formats read on the caller's thread: decoding text costs less than a look-up or a trip to a worker. */
export function isPlainFormat(extractor: Extractor): boolean {
  return extractor.format === 'txt' || extractor.format === 'md';
}

/**
 * The document when it costs no extractor run: a plain text file (decoded
 * here) or a format the cache already holds. Null when an extractor must
 * read the file: the scan lists such files as `reading` meanwhile.
 */
export async function documentWithoutExtractor(
  docPath: string,
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  cache?: ExtractionCache,
): Promise<ExtractedDocument | null> {
  const extractor = extractorOf(docPath);
  if (isPlainFormat(extractor)) return toDocument(docPath, bytes, await runExtractor(docPath, bytes, limits));
  const cached = cache ? await cache.get(bytes, extractor.id) : null;
  return cached ? toDocument(docPath, bytes, cached) : null;
}

/** Runs the file's extractor (in a worker when a runner is given) and keeps the result in the cache. */
export async function documentFromExtractor(
  docPath: string,
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  cache?: ExtractionCache,
  runner?: ExtractionRunner,
): Promise<ExtractedDocument> {
  const extractor = extractorOf(docPath);
  const result = runner
    ? await runner.run(path.posix.basename(docPath), bytes, limits)
    : await runExtractor(docPath, bytes, limits);
  // A time-out says nothing lasting about the file: another try, on a quieter machine, may succeed.
  if (cache && !isPlainFormat(extractor) && !isTimeOut(result)) await cache.put(bytes, extractor.id, result);
  return toDocument(docPath, bytes, result);
}

/**
 * A listing row for a file whose text is not (yet) known: `reading` while an
 * extractor has it, `skipped` or `error` with the reason when it gave none.
 */
export function listingMeta(
  docPath: string,
  status: 'reading' | 'skipped' | 'error',
  reason?: string,
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
    ...(reason === undefined ? {} : { reason }),
    ...(bytes === undefined ? {} : { bytes }),
  };
}

function extractorOf(docPath: string): Extractor {
  return extractorForFileName(path.posix.basename(docPath)) ?? txtExtractor;
}

function isTimeOut(result: ExtractionResult): boolean {
  return result.kind === 'skipped' && result.reason.startsWith('extraction took longer than');
}

function toDocument(docPath: string, bytes: Uint8Array, result: ExtractionResult): ExtractedDocument {
  const name = path.posix.basename(docPath);
  const extractor = extractorOf(docPath);
  if (result.kind === 'skipped') {
    return {
      meta: {
        path: docPath,
        bytes: bytes.length,
        format: extractor.format,
        extractor: extractor.id,
        title: name,
        sha256: null,
        chars: null,
        encoding: null,
        status: 'skipped',
        reason: result.reason,
      },
      text: null,
    };
  }
  const { text, structure, encoding, title } = result;
  return {
    meta: {
      path: docPath,
      title: title || titleOf(text, name),
      sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      chars: codePointLength(text),
      encoding,
      status: 'ok',
      bytes: bytes.length,
      format: extractor.format,
      extractor: extractor.id,
    },
    text,
    ...(structure ? { structure } : {}),
  };
}

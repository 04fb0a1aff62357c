import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DocumentMeta } from '../../shared/corpus/corpus-types';
import type { DocumentStructure } from '../../shared/corpus/document-structure';
import { codePointLength, titleOf } from '../../shared/text/text-normalize';
import type { ExtractionCache } from './extraction-cache';
import {
  DEFAULT_EXTRACTION_LIMITS,
  ExtractionRefused,
  type ExtractionLimits,
  type Extractor,
} from './extractors/extraction';
import { docxExtractor } from './extractors/docx-extractor';
import { htmlExtractor } from './extractors/html-extractor';
import { odtExtractor } from './extractors/odt-extractor';
import { pdfExtractor } from './extractors/pdf-extractor';
import { mdExtractor, txtExtractor } from './extractors/text-extractor';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * Which files are documents, which extractor reads each, and how its result
 * becomes a DocumentMeta. A file's bytes come in (the walk and the opening
 * of files are corpus-scan's business); a document, or the reason there is
 * none, comes out. Never throws for a bad file.
 */

const extractorsByExtension: ReadonlyMap<string, Extractor> = new Map([
  ['.txt', txtExtractor],
  ['.md', mdExtractor],
  ['.html', htmlExtractor],
  ['.htm', htmlExtractor],
  ['.xhtml', htmlExtractor],
  ['.docx', docxExtractor],
  ['.odt', odtExtractor],
  ['.pdf', pdfExtractor],
]);

export function extractorForFileName(name: string): Extractor | undefined {
  return extractorsByExtension.get(path.extname(name).toLowerCase());
}

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
): Promise<ExtractedDocument> {
  const name = path.posix.basename(docPath);
  const extractor = extractorForFileName(name) ?? txtExtractor;
  const base = { path: docPath, bytes: bytes.length, format: extractor.format, extractor: extractor.id };
  const skipped = (reason: string): ExtractedDocument => ({
    meta: { ...base, title: name, sha256: null, chars: null, encoding: null, status: 'skipped', reason },
    text: null,
  });

  // Plain text is cheaper to decode than to look up.
  const cacheable = cache && extractor.format !== 'txt' && extractor.format !== 'md';
  let result = cacheable ? await cache.get(bytes, extractor.id) : null;
  if (!result) {
    try {
      result = await extractor.extract(bytes, limits);
    } catch (error) {
      // A library failing on a file it could not make sense of is still a bad file, not a bad scan.
      const message = errorMessage(error);
      const reason =
        error instanceof ExtractionRefused
          ? error.reason
          : `cannot extract text (${message.split('\n')[0]!.slice(0, 200)})`;
      result = { kind: 'skipped', reason };
    }
    if (cacheable) await cache.put(bytes, extractor.id, result);
  }
  if (result.kind === 'skipped') return skipped(result.reason);
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

import { EXTRACT_DOCUMENT_MAX_BYTES, type ApiResponse } from '../../shared/api/api-contract';
import { extractDocument } from './document-extract';
import { CorpusError } from './corpus-service-api';

/**
 * A file that is not (yet) in the corpus → its canonical text, by the
 * extractor the corpus would read it with (REFI-QDA sources given only as
 * DOCX). The same limits as a scan; a file the extractor skips is refused
 * with its reason, never answered with an empty text.
 */
export async function extractDocumentText(
  name: string,
  bytesBase64: string,
): Promise<ApiResponse<'extractDocumentText'>> {
  return extractFileText(name, new Uint8Array(Buffer.from(bytesBase64, 'base64')));
}

/** The same from bytes (the CLI's `tanda convert`, which reads the project itself). */
export async function extractFileText(
  name: string,
  bytes: Uint8Array,
): Promise<ApiResponse<'extractDocumentText'>> {
  if (bytes.length > EXTRACT_DOCUMENT_MAX_BYTES)
    throw new CorpusError('not-readable', `${name}: the file is over ${EXTRACT_DOCUMENT_MAX_BYTES} bytes`);
  // Only the base name chooses the reader; the name is never a path on disk here.
  const { meta, text } = await extractDocument(name.replace(/^.*\//, ''), bytes);
  if (meta.status !== 'ok' || text === null)
    throw new CorpusError('not-readable', `${name}: ${meta.reason ?? 'no text could be extracted'}`);
  return { text, format: meta.format ?? 'txt', extractor: meta.extractor ?? '' };
}

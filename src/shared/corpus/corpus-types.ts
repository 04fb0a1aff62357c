import { z } from 'zod';
import { DocumentStructureSchema } from './document-structure';

/**
 * A document's identity is its path relative to the corpus root, with `/`
 * separators. It stays the same when the file's content changes, so
 * annotations keep pointing at it; the `sha256` says which text they saw.
 */
export const DocumentPathSchema = z
  .string()
  .min(1, 'document path is empty')
  .max(4096, 'document path is longer than 4096 characters');

/**
 * `reading` (extension): listed while a scan is still extracting the file's
 * text; never in a finished listing (`tanda scan`, `ready()`).
 */
export const DocumentStatusSchema = z.enum(['ok', 'skipped', 'error', 'reading']);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

/** How the bytes on disk were decoded into text. */
export const KnownTextEncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252']);
/**
 * One of the known encodings, or (for an HTML page that declares another
 * charset, e.g. `iso-8859-2`) the declared label, lower case.
 */
export const TextEncodingSchema = z.union([
  KnownTextEncodingSchema,
  z
    .string()
    .max(40)
    .regex(/^[a-z0-9][a-z0-9._:-]*$/),
]);
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

/** The file formats Tanda reads, named by what the file is, not by its extension's spelling. */
export const DocumentFormatSchema = z.enum(['txt', 'md', 'html', 'docx', 'odt', 'pdf']);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

/**
 * Which extractor made the text, and which version of it: `pdf@1`. The
 * version is bumped whenever its output may change, so annotations made on
 * an older text re-anchor (its sha256 changes) instead of silently shifting.
 */
export const ExtractorIdSchema = z.string().regex(/^[a-z]+@[1-9][0-9]*$/, 'extractor is name@version');

export const DocumentMetaSchema = z.object({
  path: DocumentPathSchema,
  /** First non-empty line, trimmed; the file name when there is no text. */
  title: z.string(),
  /** Hex SHA-256 of the normalized text as UTF-8; null when not readable. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Length of the normalized text in Unicode code points; null when not readable. */
  chars: z.number().int().nonnegative().nullable(),
  encoding: TextEncodingSchema.nullable(),
  status: DocumentStatusSchema,
  /** Why a document is skipped or in error, for a person to read. */
  reason: z.string().optional(),
  /** Size of the file on disk in bytes (extension; not part of `tanda scan`). */
  bytes: z.number().int().nonnegative().optional(),
  /** What kind of file it is (extension; always set by the scan, also for bad files). */
  format: DocumentFormatSchema.optional(),
  /** Which extractor read it, e.g. `pdf@1` (extension; set whenever a reader was chosen). */
  extractor: ExtractorIdSchema.optional(),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const DocumentTextSchema = z.object({
  meta: DocumentMetaSchema,
  /** The normalized text: the only text any offset refers to. */
  text: z.string(),
  /** Headings and pages of the text (extension; absent for plain text files). */
  structure: DocumentStructureSchema.optional(),
});
export type DocumentText = z.infer<typeof DocumentTextSchema>;

export const ReadingProgressSchema = z.object({
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ReadingProgress = z.infer<typeof ReadingProgressSchema>;

export const CorpusSnapshotSchema = z.object({
  /** Absolute path of the corpus folder, for display. */
  root: z.string(),
  /** Folder name, for display. */
  name: z.string(),
  /** True while the first scan (or a reload) is still running. */
  scanning: z.boolean(),
  /** Sorted by path (code unit order, as `tanda scan` prints them). */
  documents: z.array(DocumentMetaSchema),
  /** While files are still being extracted (extension): how many of those listed as `reading` are done. */
  reading: ReadingProgressSchema.optional(),
});
export type CorpusSnapshot = z.infer<typeof CorpusSnapshotSchema>;

export const CorpusEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scan-progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('corpus-opened'), snapshot: CorpusSnapshotSchema }),
  z.object({ type: z.literal('document-added'), document: DocumentMetaSchema }),
  z.object({ type: z.literal('document-changed'), document: DocumentMetaSchema }),
  z.object({ type: z.literal('document-removed'), path: DocumentPathSchema }),
  /**
   * During a scan whose list was shown early: files that were `reading` and
   * now have their text (or their reason), with the count so far.
   */
  z.object({
    type: z.literal('documents-read'),
    documents: z.array(DocumentMetaSchema),
    reading: ReadingProgressSchema,
  }),
  /**
   * The host (Electron main or browser mode's server) is about to stop: the
   * renderer writes its quit backup now; the host waits a few seconds for it.
   */
  z.object({ type: z.literal('quitting') }),
  /** Something changed under the corpus folder's `.tanda/`: read the team journals again. */
  z.object({ type: z.literal('team-changed') }),
  /** The desktop menu's Team… item: the renderer opens its Team panel (Electron only). */
  z.object({ type: z.literal('show-team') }),
]);
export type CorpusEvent = z.infer<typeof CorpusEventSchema>;

/** Order documents the way every listing does: by path, code unit order. */
export function compareDocumentPaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

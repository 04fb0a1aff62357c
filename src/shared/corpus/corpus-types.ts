import { z } from 'zod';

/**
 * A document's identity is its path relative to the corpus root, with `/`
 * separators. It stays the same when the file's content changes, so
 * annotations keep pointing at it; the `sha256` says which text they saw.
 */
export const DocumentPathSchema = z
  .string()
  .min(1, 'document path is empty')
  .max(4096, 'document path is longer than 4096 characters');

export const DocumentStatusSchema = z.enum(['ok', 'skipped', 'error']);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

/** How the bytes on disk were decoded into text. */
export const TextEncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252']);
export type TextEncoding = z.infer<typeof TextEncodingSchema>;

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
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const DocumentTextSchema = z.object({
  meta: DocumentMetaSchema,
  /** The normalized text: the only text any offset refers to. */
  text: z.string(),
});
export type DocumentText = z.infer<typeof DocumentTextSchema>;

export const CorpusSnapshotSchema = z.object({
  /** Absolute path of the corpus folder, for display. */
  root: z.string(),
  /** Folder name, for display. */
  name: z.string(),
  /** True while the first scan (or a reload) is still running. */
  scanning: z.boolean(),
  /** Sorted by path (code unit order, as `tanda scan` prints them). */
  documents: z.array(DocumentMetaSchema),
});
export type CorpusSnapshot = z.infer<typeof CorpusSnapshotSchema>;

export const CorpusEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scan-progress'), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('corpus-opened'), snapshot: CorpusSnapshotSchema }),
  z.object({ type: z.literal('document-added'), document: DocumentMetaSchema }),
  z.object({ type: z.literal('document-changed'), document: DocumentMetaSchema }),
  z.object({ type: z.literal('document-removed'), path: DocumentPathSchema }),
  /**
   * The host (Electron main or browser mode's server) is about to stop: the
   * renderer writes its quit backup now; the host waits a few seconds for it.
   */
  z.object({ type: z.literal('quitting') }),
  /** Something changed under the corpus folder's `.tanda/`: read the team journals again. */
  z.object({ type: z.literal('team-changed') }),
]);
export type CorpusEvent = z.infer<typeof CorpusEventSchema>;

/** Order documents the way every listing does: by path, code unit order. */
export function compareDocumentPaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

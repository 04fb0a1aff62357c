import { z } from 'zod';
import { WORK_STATUSES } from '../annotation/work-status';
import { AnnotationSchema } from '../annotation/annotation-types';
import { CodebookSchema } from '../codebook/codebook';
import { SuggestionDecisionSchema } from '../suggest/suggestion-types';
import { DocumentPathSchema } from '../corpus/corpus-types';
import { isDocumentDate } from '../corpus/document-date';

/*
 * The Tanda bundle: one JSON file with everything needed to carry a piece of
 * work to another machine or back it up (codebook, document identities,
 * annotations, work statuses). Pure: the renderer's `db/bundle-io.ts` reads
 * and writes the database, the main process writes backups, and both parse
 * with this module, so a file is accepted by the same rules everywhere.
 *
 * `docs/bundle.schema.json` is generated from `BundleSchema`
 * (`npx tsx scripts/write-bundle-schema.ts`); a test keeps them equal. Rules a
 * JSON Schema can't express (unique ids, cross references, `end > start`)
 * are checked by `validateBundle` and listed in the schema's description.
 */

export const BUNDLE_FORMAT = 'tanda-bundle';
/** The bundle format version this Tanda writes and the newest it reads. */
export const BUNDLE_VERSION = 1;

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const BundleDocumentSchema = z.object({
  path: DocumentPathSchema.meta({
    description: 'Path relative to the corpus folder, with / separators: the identity annotations refer to.',
  }),
  title: z.string(),
  sha256: Sha256Schema.nullable().meta({
    description:
      'SHA-256 (hex) of the normalized text at export time; null when the document was not readable or not in the corpus any more.',
  }),
});
export type BundleDocument = z.infer<typeof BundleDocumentSchema>;

export const WorkStatusSchema = z.enum(WORK_STATUSES);

export const BundleDocumentStatusSchema = z.object({
  annotator: z.string().min(1).max(200),
  documentPath: DocumentPathSchema,
  status: WorkStatusSchema,
  /** ISO 8601 UTC. */
  updatedAt: z.string(),
});
export type BundleDocumentStatus = z.infer<typeof BundleDocumentStatusSchema>;

export const BundleDocumentDateSchema = z.object({
  documentPath: DocumentPathSchema,
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { message: 'must be yyyy, yyyy-mm or yyyy-mm-dd', abort: true })
    // The pattern is what the JSON Schema can say; that the day exists is checked here.
    .refine(isDocumentDate, 'is not a day that exists (years 1900–2099)')
    .meta({
      description:
        "The analyst's correction of the document's date (yyyy, yyyy-mm or yyyy-mm-dd); it overrides the detected one.",
    }),
});
export type BundleDocumentDate = z.infer<typeof BundleDocumentDateSchema>;

export const BundleRejectedUnitsSchema = z.object({
  annotator: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: 'The adjudication target whose decision this is.' }),
  documentPath: DocumentPathSchema,
  units: z.array(z.string().min(1)).min(1).meta({
    description: 'Keys of the disagreement units this target rejected (kept none of the proposals), sorted.',
  }),
});
export type BundleRejectedUnits = z.infer<typeof BundleRejectedUnitsSchema>;

/**
 * An annotation as a bundle carries it: the stored record, plus `page` on
 * export (added 2026-12-02) when its document has pages. `page` is derived
 * from the text, never required, and never stored on import.
 */
export const BundleAnnotationSchema = AnnotationSchema.extend({
  page: z.number().int().positive().optional().meta({
    description:
      'The page (from 1) of its document on which the annotation starts, for documents with pages (PDF) whose text at export was the one contentSha256 names; absent otherwise and in bundles of Tanda before 2026-12-02. Ignored on import.',
  }),
});
export type BundleAnnotation = z.infer<typeof BundleAnnotationSchema>;

export const BundleSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION).meta({
      description: 'Format version. A Tanda refuses a bundle with a version newer than the one it writes.',
    }),
    exportedAt: z.iso.datetime({ offset: true }),
    app: z.object({ name: z.literal('Tanda'), version: z.string().optional() }),
    codebook: CodebookSchema,
    documents: z.array(BundleDocumentSchema),
    annotations: z.array(
      BundleAnnotationSchema.meta({
        description:
          'start/end are Unicode code point offsets (end exclusive) into the normalized text whose SHA-256 is contentSha256.',
      }),
    ),
    documentStatuses: z.array(BundleDocumentStatusSchema),
    annotators: z.array(z.string().min(1).max(200)).optional().meta({
      description:
        'The annotators whose work the bundle holds; absent when it holds everyone (a whole-database export or backup).',
    }),
    documentDates: z.array(BundleDocumentDateSchema).optional().meta({
      description: 'Document dates corrected by an analyst (absent in bundles of Tanda before 2026-11-22).',
    }),
    rejectedUnits: z.array(BundleRejectedUnitsSchema).optional().meta({
      description:
        'Adjudication decisions that rejected a unit, per target annotator and document (absent in bundles of Tanda before 2026-11-22).',
    }),
    suggestionDecisions: z.array(SuggestionDecisionSchema).optional().meta({
      description:
        'Suggestions accepted or rejected, per annotator, document, span and source (absent in bundles of Tanda before 2026-12-02).',
    }),
  })
  .meta({
    title: 'Tanda bundle',
    description:
      'Codebook, documents, annotations and work statuses exported by Tanda. Tanda validates imports with the same ' +
      'zod schema this file is generated from, plus rules a JSON Schema cannot express: annotation end > start; ' +
      'unique document paths, annotation ids and (annotator, documentPath) statuses; every documentPath of an ' +
      'annotation, status, document date and rejected units listed in documents; one date per document and one ' +
      'rejected-units entry per (annotator, documentPath); when annotators is present, every annotation, status and ' +
      'rejected-units entry by one of them; the codebook rules (unique tag, attribute and value ids; unique active shortcuts). Unknown properties ' +
      'are ignored.',
  });
export type Bundle = z.infer<typeof BundleSchema>;

/** An unreadable or invalid bundle; `problems` lists each one, JSON path first. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
  }
}

/** The JSON Schema of `BundleSchema` as committed in `docs/bundle.schema.json`. */
export function bundleJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(BundleSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** `docs/bundle.schema.json`, byte for byte. */
export function bundleJsonSchemaText(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}

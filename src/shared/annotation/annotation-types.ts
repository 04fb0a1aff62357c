import { z } from 'zod';
import { DocumentPathSchema } from '../corpus/corpus-types';

/** Stored context on each side of a quote, in code points (as Hypothesis does). */
export const CONTEXT_CHARS = 32;

/**
 * Attribute values: a single choice or free text is a string, a multiple
 * choice is a list of value ids. Keyed by attribute id.
 */
export const AttributeValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type AttributeValues = z.infer<typeof AttributeValuesSchema>;

/**
 * One tagged span. `start`/`end` are Unicode code point offsets (end
 * exclusive) into the normalized text whose hash is `contentSha256`.
 */
export const AnnotationSchema = z
  .object({
    id: z.string().uuid(),
    documentPath: DocumentPathSchema,
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
    annotator: z.string().min(1).max(200),
    /** Stable tag id from the codebook (e.g. `commitment`), never its label. */
    tag: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    quote: z.string(),
    prefix: z.string(),
    suffix: z.string(),
    attributes: AttributeValuesSchema,
    note: z.string(),
    /** ISO 8601 UTC. */
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Set when re-anchoring could not place the quote in the current text. */
    orphaned: z.boolean().optional(),
  })
  .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] });
export type Annotation = z.infer<typeof AnnotationSchema>;

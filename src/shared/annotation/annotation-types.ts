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
 * Where an annotation was when a person last placed it: the selector it is
 * always re-anchored from, so an automatic placement can be undone by the
 * text coming back, and errors never compound across edits.
 */
export const OriginalSelectorSchema = z
  .object({
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    quote: z.string(),
    prefix: z.string(),
    suffix: z.string(),
  })
  .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] });
export type OriginalSelector = z.infer<typeof OriginalSelectorSchema>;

/**
 * `moved`: re-anchoring placed the annotation somewhere other than exactly
 * where the edit put its quote (approximate text, another occurrence, a
 * guessed shift); shown as "moved — check" until a person confirms it.
 */
export const PlacementSchema = z.enum(['moved']);
export type Placement = z.infer<typeof PlacementSchema>;

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
    /** Set once re-anchoring moved it; absent while it is where a person put it. */
    original: OriginalSelectorSchema.optional(),
    placement: PlacementSchema.optional(),
  })
  .refine((a) => a.end > a.start, { message: 'end must be greater than start', path: ['end'] });
export type Annotation = z.infer<typeof AnnotationSchema>;

import { z } from 'zod';
import { AttributeValuesSchema } from '../../../shared/annotation/annotation-types';
import { PatternKindSchema } from '../../../shared/codebook/tag-patterns';
import type { Matcher } from '../../../shared/suggest/suggest';

/**
 * Messages between the page and the suggestion worker. The worker checks
 * every request with these schemas (a message is a boundary like any
 * other); replies are typed arrays it builds itself.
 */

const MatcherSchema = z.object({
  tag: z.string().min(1),
  attributes: AttributeValuesSchema,
  source: z.discriminatedUnion('kind', [
    z.object({ key: z.string().min(1), kind: z.literal('pattern'), pattern: z.string() }),
    z.object({ key: z.string().min(1), kind: z.literal('learned'), count: z.number().int().positive() }),
  ]),
  kind: PatternKindSchema,
  text: z.string().min(1),
}) satisfies z.ZodType<Matcher>;

const SpanSchema = z.object({
  tag: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

export const SuggestDocumentSchema = z.object({
  /** Names the text for the worker's cache of folded texts (its content hash). */
  sha: z.string().min(1),
  text: z.string(),
  /** Annotations of the document: no suggestion repeats one's tag and span. */
  annotations: z.array(SpanSchema),
  /** `suggestionKey`s answered in this document (`answeredKeys`: rejected, or accepted as another tag). */
  rejected: z.array(z.string()),
});
export type SuggestDocument = z.infer<typeof SuggestDocumentSchema>;

export const SuggestRequestSchema = z.object({
  type: z.literal('suggest'),
  id: z.number().int(),
  matchers: z.array(MatcherSchema),
  snap: z.boolean(),
  documents: z.array(SuggestDocumentSchema),
  /** Also answer each document's shadowed suggestions (see `SuggestInput.shadowed`). */
  shadows: z.boolean().optional(),
});
export type SuggestRequest = z.infer<typeof SuggestRequestSchema>;

/** One document's suggestions as columns: matcher index, start and end (code points), in text order. */
export interface SpanColumns {
  matcher: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** When asked for: the suggestions an earlier source's same tag and span left out, in matcher order. */
  shadowed?: SpanColumns;
}

/** The buffers of `columns` (and of its shadowed ones), to transfer rather than copy. */
export function columnBuffers(columns: SpanColumns): ArrayBuffer[] {
  const own = [columns.matcher.buffer, columns.start.buffer, columns.end.buffer] as ArrayBuffer[];
  return columns.shadowed ? [...own, ...columnBuffers(columns.shadowed)] : own;
}

export type SuggestReply =
  { type: 'spans'; id: number; documents: SpanColumns[] } | { type: 'failed'; id: number; message: string };

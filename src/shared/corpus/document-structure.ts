import { z } from 'zod';

/**
 * The structure sidecar of a document's canonical text: what each paragraph
 * is (a heading of some level, or body text) and, for PDFs, the page it starts
 * on. It never changes the text: offsets (code points, end exclusive) point
 * into the text exactly as annotations do, so the renderer can style headings
 * and mark pages without touching a single character.
 */

export const ParagraphKindSchema = z.enum(['heading', 'body']);

export const StructuredParagraphSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: ParagraphKindSchema,
  /** 1–6, only for headings. */
  level: z.number().int().min(1).max(6).optional(),
  /** 1-based page number, only for formats that have pages (PDF). */
  page: z.number().int().positive().optional(),
});
export type StructuredParagraph = z.infer<typeof StructuredParagraphSchema>;

export const DocumentStructureSchema = z.object({
  /** In text order, not overlapping; the `\n\n` between paragraphs belongs to none. */
  paragraphs: z.array(StructuredParagraphSchema),
});
export type DocumentStructure = z.infer<typeof DocumentStructureSchema>;

/**
 * The page a code point offset falls on: the page of the last paragraph that
 * starts at or before it. Undefined for documents without pages.
 */
export function pageAtOffset(structure: DocumentStructure | undefined, offset: number): number | undefined {
  const paragraphs = structure?.paragraphs ?? [];
  let lo = 0;
  let hi = paragraphs.length - 1;
  let found: StructuredParagraph | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (paragraphs[mid]!.start <= offset) {
      found = paragraphs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found?.page;
}

/**
 * The page a span starts on (its `page` attribute), when the document has
 * pages and `text` is the text the span's offsets refer to (same hash);
 * undefined otherwise: a page of another version of the text would mislead.
 */
export function spanPage(
  span: { start: number; contentSha256: string },
  text: { sha256: string; structure?: DocumentStructure | undefined } | undefined,
): number | undefined {
  if (text === undefined || text.sha256 !== span.contentSha256) return undefined;
  return pageAtOffset(text.structure, span.start);
}

/** Offsets at which a new page begins (first paragraph of each page after the first one). */
export function pageStarts(structure: DocumentStructure | undefined): { offset: number; page: number }[] {
  const starts: { offset: number; page: number }[] = [];
  let current: number | undefined;
  for (const p of structure?.paragraphs ?? []) {
    if (p.page !== undefined && p.page !== current) {
      starts.push({ offset: p.start, page: p.page });
      current = p.page;
    }
  }
  return starts;
}

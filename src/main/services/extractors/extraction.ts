import type { DocumentFormat, TextEncoding } from '../../../shared/corpus/corpus-types';
import type { DocumentStructure, StructuredParagraph } from '../../../shared/corpus/document-structure';
import { codePointLength, normalizeText } from '../../../shared/text/text-normalize';
import type { ExtractionLimits } from './extraction-limits';

export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits';

/**
 * What every extractor produces and how its paragraphs become the canonical
 * text. The rules live here once, so that every format gives text of one
 * shape: paragraphs (headings included) separated by exactly one blank line,
 * CRLF → LF, NFC, no paragraph empty or padded with spaces.
 */

/** A paragraph as an extractor finds it, before normalization. */
export interface Block {
  text: string;
  kind: 'heading' | 'body';
  /** 1–6 for headings. */
  level?: number;
  /** 1-based, PDFs only. */
  page?: number;
  /**
   * Keep line breaks and runs of spaces as they are (plain text files,
   * `<pre>`); otherwise every run of white space becomes one space.
   */
  preformatted?: boolean;
}

export interface Extracted {
  kind: 'text';
  text: string;
  /** Absent for plain text, whose structure is just its lines. */
  structure?: DocumentStructure;
  /** A title better than the first line (an HTML headline, a PDF's Title), when the format has one. */
  title?: string;
  encoding: TextEncoding | null;
  /** Pages read, for formats that have them. */
  pages?: number;
}

/** The file was read and deliberately not turned into a document, for a reason a person can act on. */
export interface NotExtracted {
  kind: 'skipped';
  reason: string;
}

export type ExtractionResult = Extracted | NotExtracted;

export interface Extractor {
  format: DocumentFormat;
  /** `name@version`: bump the version whenever the text it gives may change. */
  id: string;
  /** Largest file accepted, when it differs from the corpus's general limit. */
  maxBytes?: number;
  extract(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult>;
}

/** Thrown inside an extractor to stop with a reason; `extractDocument` turns it into `skipped`. */
export class ExtractionRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ExtractionRefused';
  }
}

const SPACES = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g;

/**
 * One paragraph's text as it will stand in the canonical text. Soft hyphens
 * and zero-width characters are dropped: they are invisible, and leaving
 * them would make a search for the word miss it.
 */
export function paragraphText(block: Block): string {
  const visible = block.text.replace(ZERO_WIDTH, '');
  if (block.preformatted) return normalizeText(visible).replace(/^\n+|\n+$/g, '');
  // Tabs separate table cells, so they survive; other white space collapses.
  return normalizeText(visible)
    .split('\t')
    .map((cell) => cell.replace(SPACES, ' ').trim())
    .join('\t')
    .replace(/^\t+$/, '');
}

/**
 * Paragraphs → the canonical text and its structure. Empty paragraphs are
 * dropped. Each paragraph is normalized on its own; since `\n` never
 * composes with its neighbours, that is the same as normalizing the joined
 * text, which the result is checked against in the tests.
 */
export function assembleBlocks(blocks: readonly Block[]): { text: string; structure: DocumentStructure } {
  const parts: string[] = [];
  const paragraphs: StructuredParagraph[] = [];
  let offset = 0;
  for (const block of blocks) {
    const text = paragraphText(block);
    if (text === '') continue;
    if (parts.length > 0) offset += 2;
    const length = codePointLength(text);
    const paragraph: StructuredParagraph = { start: offset, end: offset + length, kind: block.kind };
    if (block.kind === 'heading') paragraph.level = clampLevel(block.level);
    if (block.page !== undefined) paragraph.page = block.page;
    paragraphs.push(paragraph);
    parts.push(text);
    offset += length;
  }
  return { text: parts.join('\n\n'), structure: { paragraphs } };
}

/** Builds the result of an extractor from its paragraphs, or `skipped` when none has text. */
export function extractedFromBlocks(
  blocks: readonly Block[],
  details: { encoding: TextEncoding | null; title?: string; pages?: number; emptyReason?: string },
): ExtractionResult {
  const { text, structure } = assembleBlocks(blocks);
  if (text === '') return { kind: 'skipped', reason: details.emptyReason ?? 'no text in the document' };
  return {
    kind: 'text',
    text,
    structure,
    encoding: details.encoding,
    ...(details.title ? { title: details.title } : {}),
    ...(details.pages === undefined ? {} : { pages: details.pages }),
  };
}

function clampLevel(level: number | undefined): number {
  return Math.min(6, Math.max(1, Math.round(level ?? 1)));
}

import type { Block } from './extraction';

/**
 * A PDF's positioned text pieces → paragraphs. Pure, so the rules can be
 * tested without a PDF:
 *
 * - pieces on one baseline make a line (a space where they are apart);
 * - lines make a paragraph until a larger vertical gap than the page's usual
 *   line spacing, an indented first line, a change of font size, or a new page;
 * - a line ending in a hyphen after a letter, followed by a lower-case letter,
 *   is re-joined without the hyphen (`pem-` + `bangunan` → `pembangunan`);
 *   other lines join with a space;
 * - ligature code points (ﬁ, ﬂ, …) become their letters;
 * - a line at the top or bottom of the pages that repeats (digits aside) on
 *   more than half of them, at least two, is a running header, footer or page
 *   number and is dropped;
 * - lines in a font clearly larger than the body's are headings, levels by size.
 */

export interface PdfPiece {
  str: string;
  /** Baseline origin in PDF units, y growing upwards. */
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  /** pdf.js marks the last piece of a line it saw end. */
  hasEOL: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  page: number;
}

const LIGATURES: Record<string, string> = {
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': 'st',
  '\ufb06': 'st',
};

export function expandLigatures(s: string): string {
  return s.replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c]!);
}

export interface PdfPage {
  /** Height of the page in PDF units: where its top and bottom margins are. */
  height: number;
  /** In the order pdf.js gives them. */
  pieces: readonly PdfPiece[];
}

/** `pages[i]` is page i + 1. */
export function pdfBlocks(pages: readonly PdfPage[]): Block[] {
  const linesByPage = pages.map((page, i) => piecesToLines(page.pieces, i + 1));
  const repeated = runningLines(
    linesByPage,
    pages.map((p) => p.height),
  );
  const kept = linesByPage.map((lines) => lines.filter((line) => !repeated.has(line)));
  const bodySize = dominantSize(kept.flat());
  const headingSizes = [...new Set(kept.flat().map((l) => roundSize(l.size)))]
    .filter((s) => s >= bodySize * 1.15)
    .sort((a, b) => b - a);
  const levelOf = (line: Line): number | undefined => {
    const index = headingSizes.indexOf(roundSize(line.size));
    return index === -1 ? undefined : Math.min(index + 1, 6);
  };

  const blocks: Block[] = [];
  for (const lines of kept) {
    const spacing = usualSpacing(lines);
    const left = Math.min(...lines.map((l) => l.x));
    let current: { block: Block; last: Line } | null = null;
    for (const line of lines) {
      const level = levelOf(line);
      const continues =
        current !== null &&
        levelOf(current.last) === level &&
        Math.abs(current.last.size - line.size) < 0.5 &&
        current.last.y - line.y <= spacing * 1.35 &&
        current.last.y > line.y &&
        // An indented line after a full one starts a paragraph.
        !(
          level === undefined &&
          line.x > left + line.size * 0.8 &&
          line.x > current.last.x + line.size * 0.8
        );
      if (current && continues) {
        current.block.text = joinLines(current.block.text, line.text);
        current.last = line;
        continue;
      }
      const block: Block =
        level === undefined
          ? { text: line.text, kind: 'body', page: line.page }
          : { text: line.text, kind: 'heading', level, page: line.page };
      blocks.push(block);
      current = { block, last: line };
    }
  }
  return blocks;
}

/** Two lines of one paragraph, re-joining a word hyphenated at the break. */
export function joinLines(before: string, after: string): string {
  const a = before.replace(/\s+$/, '');
  const b = after.replace(/^\s+/, '');
  if (a.endsWith('\u00ad')) return a.slice(0, -1) + b;
  if (/\p{L}-$/u.test(a)) return /^\p{Ll}/u.test(b) ? a.slice(0, -1) + b : a + b;
  return `${a} ${b}`;
}

function piecesToLines(pieces: readonly PdfPiece[], page: number): Line[] {
  const lines: Line[] = [];
  let line: (Line & { end: number }) | null = null;
  let ended = false;
  for (const piece of pieces) {
    const str = expandLigatures(piece.str);
    if (str === '') {
      if (piece.hasEOL) ended = true;
      continue;
    }
    const size = piece.size || 1;
    const sameLine = line !== null && !ended && Math.abs(line.y - piece.y) < Math.max(line.size, size) * 0.5;
    if (line && sameLine) {
      const gap = piece.x - line.end;
      if (gap > size * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(str)) line.text += ' ';
      line.text += str;
      line.end = Math.max(line.end, piece.x + piece.width);
      line.size = Math.max(line.size, size);
    } else {
      if (line) lines.push(line);
      line = { text: str, x: piece.x, y: piece.y, size, page, end: piece.x + piece.width };
    }
    ended = piece.hasEOL;
  }
  if (line) lines.push(line);
  return lines
    .map(({ text, x, y, size, page: p }) => ({ text: text.replace(/\s+/g, ' ').trim(), x, y, size, page: p }))
    .filter((l) => l.text !== '');
}

/** Running headers and footers sit in this share of the page's height at its top or bottom. */
const MARGIN_SHARE = 0.12;

function runningLines(linesByPage: readonly Line[][], heights: readonly number[]): Set<Line> {
  const dropped = new Set<Line>();
  const pageCount = linesByPage.length;
  if (pageCount < 2) return dropped;
  const pagesWith = new Map<string, Set<number>>();
  const edges = linesByPage.map((lines, i) => {
    const margin = heights[i]! * MARGIN_SHARE;
    return lines.filter((line) => line.y < margin || line.y > heights[i]! - margin);
  });
  edges.forEach((lines, page) => {
    for (const line of lines) {
      const key = edgeKey(line.text);
      if (!pagesWith.has(key)) pagesWith.set(key, new Set());
      pagesWith.get(key)!.add(page);
    }
  });
  for (const lines of edges) {
    for (const line of lines) {
      const count = pagesWith.get(edgeKey(line.text))!.size;
      if (count >= 2 && count > pageCount / 2) dropped.add(line);
    }
  }
  return dropped;
}

/** Page numbers differ from page to page; compare running lines with their digits blanked. */
function edgeKey(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ');
}

function roundSize(size: number): number {
  return Math.round(size * 2) / 2;
}

/** The font size most of the text is set in, weighted by characters. */
function dominantSize(lines: readonly Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(roundSize(l.size), (weight.get(roundSize(l.size)) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best || 12;
}

/** The page's usual distance between consecutive lines (the median), or 1.2 × the font size. */
function usualSpacing(lines: readonly Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap > 0 && Math.abs(lines[i - 1]!.size - lines[i]!.size) < 0.5) gaps.push(gap);
  }
  if (gaps.length === 0) return (lines[0]?.size ?? 12) * 1.2;
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  // Paragraph gaps should not set the norm when a page has few lines.
  return Math.min(median, (lines[0]?.size ?? 12) * 1.6);
}

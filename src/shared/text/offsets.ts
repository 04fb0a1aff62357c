import { codePointLength } from './text-normalize';
/**
 * Offsets into a document exist in two units:
 *  - stored offsets count Unicode code points of the normalized text
 *    (what `tanda text` prints, what CSV `start`/`end` mean, what Python's
 *    `text[start:end]` slices);
 *  - ProseMirror positions count UTF-16 code units inside a doc built as one
 *    paragraph per line, paragraphs grouped in sections of `sectionLines`
 *    lines; each paragraph and each section adds an open and a close token.
 *
 * Sections exist for speed: ProseMirror walks the top-level children on
 * every update, and a long article has thousands of lines but only tens of
 * sections; the browser also skips laying out sections off screen.
 *
 * A LineIndex holds, per line, where it starts in both units so each mapping
 * is a binary search plus a walk inside one line (and no walk at all for the
 * common line without astral characters).
 */
export interface LineIndex {
  /** Number of lines: text.split('\n').length (an empty text has one empty line). */
  readonly lineCount: number;
  /** Total length of the text in code points. */
  readonly chars: number;
  /** Size of the ProseMirror doc content (sum of paragraph node sizes). */
  readonly docContentSize: number;
  lineText(line: number): string;
  /** Code point offset where the line starts. */
  lineStart(line: number): number;
  /** Length of the line in code points (without its newline). */
  lineLength(line: number): number;
  /** ProseMirror position just before the line's paragraph node. */
  paragraphPos(line: number): number;
  /** Lines per section (the last section may hold fewer). */
  readonly sectionLines: number;
  /** The line that holds code point offset `cp` (a newline belongs to the line it ends). */
  lineAt(cp: number): number;
}

/** Lines per section of the article's ProseMirror doc. */
export const SECTION_LINES = 64;

export function buildLineIndex(text: string, sectionLines = SECTION_LINES): LineIndex {
  const lines = text.split('\n');
  const n = lines.length;
  const cpStarts = new Float64Array(n);
  const cpLengths = new Float64Array(n);
  const pmStarts = new Float64Array(n);
  let cp = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as string;
    const length = codePointLength(line);
    if (i % sectionLines === 0) pos += i === 0 ? 1 : 2; // close the previous section, open this one
    cpStarts[i] = cp;
    cpLengths[i] = length;
    pmStarts[i] = pos;
    cp += length + 1;
    pos += line.length + 2;
  }
  pos += 1; // close the last section
  const chars = cp - 1;
  const check = (line: number): void => {
    if (!Number.isInteger(line) || line < 0 || line >= n) {
      throw new RangeError(`line ${line} is outside 0..${n - 1}`);
    }
  };
  return {
    lineCount: n,
    chars,
    docContentSize: pos,
    lineText: (line) => (check(line), lines[line] as string),
    lineStart: (line) => (check(line), cpStarts[line] as number),
    lineLength: (line) => (check(line), cpLengths[line] as number),
    paragraphPos: (line) => (check(line), pmStarts[line] as number),
    sectionLines,
    lineAt: (offset) => lastAtOrBelow(cpStarts, offset),
  };
}

/** Code point offset → ProseMirror position (inside the matching paragraph). */
export function offsetToPos(index: LineIndex, offset: number): number {
  checkOffset(index, offset);
  const line = index.lineAt(offset);
  const column = offset - index.lineStart(line);
  const text = index.lineText(line);
  // A column past the line's end can only be the newline itself: map it to
  // the end of the paragraph, which is where a selection ending there lands.
  const length = index.lineLength(line);
  const clamped = Math.min(column, length);
  // A line as long in code points as in UTF-16 units holds no astral character: the columns agree.
  return index.paragraphPos(line) + 1 + (length === text.length ? clamped : utf16Column(text, clamped));
}

/**
 * ProseMirror position → code point offset. Positions on paragraph or
 * section boundaries map to the start of the next line's text, so a range
 * that ends there includes the newline.
 */
export function posToOffset(index: LineIndex, pos: number): number {
  if (!Number.isInteger(pos) || pos < 0 || pos > index.docContentSize) {
    throw new RangeError(`position ${pos} is outside 0..${index.docContentSize}`);
  }
  if (pos === index.docContentSize) return index.chars;
  let line = lastAtOrBelowPos(index, pos);
  const start = index.paragraphPos(line);
  const text = index.lineText(line);
  const inner = pos - start - 1;
  if (inner < 0) return index.lineStart(line);
  if (inner > text.length) {
    // Just past the paragraph's close token: start of the next line.
    line = Math.min(line + 1, index.lineCount - 1);
    return index.lineStart(line);
  }
  return (
    index.lineStart(line) + (index.lineLength(line) === text.length ? inner : codePointColumn(text, inner))
  );
}

/** Slice a string by code point offsets, end exclusive (Python's `text[start:end]`). */
export function sliceCodePoints(s: string, start: number, end: number): string {
  return s.slice(utf16Column(s, start), utf16Column(s, end));
}

/** UTF-16 index of code point column `column` in `s` (clamped to the end). */
export function utf16Column(s: string, column: number): number {
  let i = 0;
  let cp = 0;
  while (cp < column && i < s.length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
  }
  return i;
}

/** Code point column of UTF-16 index `index` in `s`; an index inside a pair counts as after it. */
export function codePointColumn(s: string, index: number): number {
  let i = 0;
  let cp = 0;
  while (i < index && i < s.length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
  }
  return cp;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function checkOffset(index: LineIndex, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset > index.chars) {
    throw new RangeError(`offset ${offset} is outside 0..${index.chars}`);
  }
}

function lastAtOrBelow(starts: Float64Array, value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lastAtOrBelowPos(index: LineIndex, pos: number): number {
  let lo = 0;
  let hi = index.lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.paragraphPos(mid) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

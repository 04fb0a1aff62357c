import { codePointIndex, type CodePointIndex } from './text-quote';

/**
 * Keyword in context: a span shown inside the sentence it belongs to, for
 * the coded-segments list and the search results.
 *
 * The context is the rest of the sentence on each side of the span:
 *  - a sentence ends at `.`, `!`, `?` or `…` (a run of them, plus any closing
 *    quotes or brackets right after) that is followed by whitespace or the
 *    end of the line. A dot inside a token (`3.5`, `qdnd.vn`) ends nothing;
 *  - a sentence never crosses a line break: lines are paragraphs here. A
 *    span that runs over several lines gets its `before` from its first line
 *    and its `after` from its last; a span that ends with the newline itself
 *    has no `after` (the next line is not part of its sentence);
 *  - a span that ends its sentence (`… kerja sama.`) has no `after` except
 *    closing quotes or brackets right behind it.
 *
 * Abbreviations (`dll.`, `No. 5`, `Dr. Nguyen`) are not recognised and end
 * a sentence like any dot followed by a space: a list row then shows a little
 * less context, which is harmless, and a word list per language would not be.
 *
 * Each side is trimmed on its outer end and clipped to `maxContext` code
 * points, at a word boundary when one is near, with `…` marking the clipped
 * side (the ellipsis is not counted in `maxContext`). Offsets are code
 * points, as everywhere; pass a prebuilt `CodePointIndex` when calling this
 * for many spans of one long text.
 */

export const KWIC_CONTEXT = 60;
export const ELLIPSIS = '…';

export interface Kwic {
  /** Context before the span, `…`-prefixed when clipped. */
  before: string;
  /** The span exactly as in the text (it may contain line breaks). */
  match: string;
  /** Context after the span, `…`-suffixed when clipped. */
  after: string;
}

export interface KwicOptions {
  /** Most code points of context per side; default `KWIC_CONTEXT` (60). */
  maxContext?: number;
}

const SENTENCE_END = /[.!?…]+["'”’»)\]]*\s+/gu;
const ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/u;
const CLOSERS = /^["'”’»)\]]*/u;
const FIRST_SENTENCE_END = /[.!?…]+["'”’»)\]]*(?=\s|$)/u;

/** The sentence around code points [start, end) of `text`, split into before / match / after. */
export function kwic(
  text: string | CodePointIndex,
  start: number,
  end: number,
  options: KwicOptions = {},
): Kwic {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  const max = Math.max(0, Math.floor(options.maxContext ?? KWIC_CONTEXT));
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > index.length) {
    throw new RangeError(`span ${start}..${end} is not a range inside 0..${index.length}`);
  }
  const s = index.text;
  const a = index.toUtf16(start);
  const b = index.toUtf16(end);
  const match = s.slice(a, b);
  return { before: contextBefore(s, a, max), match, after: contextAfter(s, a, b, max) };
}

/** Keep at most `max` code points at the end of `s`, cutting at a space when one is near. */
export function clipStart(s: string, max: number): string {
  if (codePointsAtMost(s, max)) return s;
  let cut = s.length;
  for (let n = 0; n < max && cut > 0; n++) cut -= isLowSurrogate(s.charCodeAt(cut - 1)) && cut > 1 ? 2 : 1;
  let kept = s.slice(cut);
  const space = kept.search(/\s/u);
  if (space !== -1 && space <= nearWordBoundary(max) && !/\s/u.test(s[cut - 1] ?? ' '))
    kept = kept.slice(space);
  return ELLIPSIS + kept.trimStart();
}

/** Keep at most `max` code points at the start of `s`, cutting at a space when one is near. */
export function clipEnd(s: string, max: number): string {
  if (codePointsAtMost(s, max)) return s;
  let cut = 0;
  for (let n = 0; n < max && cut < s.length; n++)
    cut += isHighSurrogate(s.charCodeAt(cut)) && cut + 1 < s.length ? 2 : 1;
  let kept = s.slice(0, cut);
  const space = lastWhitespace(kept);
  if (space > 0 && kept.length - space <= nearWordBoundary(max) && !/\s/u.test(s[cut] ?? ' '))
    kept = kept.slice(0, space);
  return kept.trimEnd() + ELLIPSIS;
}

// ------------------------------------------------------------- internals

function contextBefore(s: string, a: number, max: number): string {
  const lineStart = s.lastIndexOf('\n', a - 1) + 1;
  // Enough UTF-16 units to hold `max` code points plus a sentence end.
  const from = Math.max(lineStart, a - 2 * max - 8);
  const window = s.slice(from, a);
  let sentenceStart = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(window); m !== null; m = SENTENCE_END.exec(window)) {
    sentenceStart = m.index + m[0].length;
  }
  if (sentenceStart !== -1 || from === lineStart) {
    return clipStart(window.slice(Math.max(0, sentenceStart)).trimStart(), max);
  }
  // The sentence starts before the window: it is clipped whatever its length.
  const clipped = clipStart(window, max);
  return clipped.startsWith(ELLIPSIS) ? clipped : ELLIPSIS + clipped.trimStart();
}

function contextAfter(s: string, a: number, b: number, max: number): string {
  if (b > a && s.charCodeAt(b - 1) === 10) return '';
  const newline = s.indexOf('\n', b);
  const lineEnd = newline === -1 ? s.length : newline;
  const to = Math.min(lineEnd, b + 2 * max + 8);
  const window = s.slice(b, to);
  if (
    b > a &&
    ENDS_SENTENCE.test(s.slice(a, b).trimEnd()) &&
    (window === '' || /^["'”’»)\]]*(\s|$)/u.test(window))
  ) {
    return CLOSERS.exec(window)![0];
  }
  const m = FIRST_SENTENCE_END.exec(window);
  if (m !== null && (m.index + m[0].length < window.length || to === lineEnd)) {
    return clipEnd(window.slice(0, m.index + m[0].length).trimEnd(), max);
  }
  if (to === lineEnd) return clipEnd(window.trimEnd(), max);
  const clipped = clipEnd(window, max);
  return clipped.endsWith(ELLIPSIS) ? clipped : clipped.trimEnd() + ELLIPSIS;
}

/** How far back a clipped side may go to avoid ending on half a word. */
function nearWordBoundary(max: number): number {
  return Math.max(12, max / 3);
}

function codePointsAtMost(s: string, max: number): boolean {
  if (s.length <= max) return true;
  if (s.length > 2 * max) return false;
  let count = 0;
  for (let i = 0; i < s.length; i++)
    if (!isLowSurrogate(s.charCodeAt(i)) || i === 0 || !isHighSurrogate(s.charCodeAt(i - 1))) count++;
  return count <= max;
}

function lastWhitespace(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (/\s/u.test(s[i]!)) return i;
  return -1;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

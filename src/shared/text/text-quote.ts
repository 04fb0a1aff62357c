import { CONTEXT_CHARS } from '../annotation/annotation-types';

/**
 * From a span of the normalized text to what an annotation stores about it
 * (the selector side of anchoring; `match-quote.ts` goes the other way):
 * the quote, 32 code points of context each side, and the span itself
 * cleaned up the way a selection is (trimmed, optionally snapped to words).
 *
 * All offsets here are code points, like every stored offset. Strings are
 * indexed in UTF-16, so long texts get a `CodePointIndex`, built once per
 * text, to convert between the two in O(log n) instead of a walk from 0.
 */

export interface TextQuote {
  quote: string;
  /** Up to 32 code points before the quote (fewer at the start of the text). */
  prefix: string;
  /** Up to 32 code points after the quote (fewer at the end of the text). */
  suffix: string;
}

export interface Span {
  start: number;
  end: number;
}

/** Code point ↔ UTF-16 conversion for one text. */
export interface CodePointIndex {
  readonly text: string;
  /** Length of the text in code points. */
  readonly length: number;
  /** UTF-16 index where code point `offset` starts (clamped to 0..text.length). */
  toUtf16(offset: number): number;
  /** Code points before UTF-16 index `index`; an index inside a pair counts the pair. */
  toCodePoint(index: number): number;
}

/**
 * Build the index in one pass. It only stores where astral characters (the
 * ones UTF-16 spells with two units: 😀, 𝔸, rare CJK) sit, so a text without
 * any, the common case, costs nothing and converts by identity.
 */
export function codePointIndex(text: string): CodePointIndex {
  const pairs: number[] = []; // UTF-16 index of each surrogate pair's first unit
  // A native search from pair to pair: a long article has a few astral characters in a million units.
  const pair = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  for (let m = pair.exec(text); m !== null; m = pair.exec(text)) pairs.push(m.index);
  const length = text.length - pairs.length;
  if (pairs.length === 0) {
    const clamp = (n: number): number => Math.max(0, Math.min(n, text.length));
    return { text, length, toUtf16: clamp, toCodePoint: clamp };
  }
  // Pair k starts at UTF-16 index pairs[k] and at code point pairs[k] - k.
  const cpOfPair = pairs.map((u, k) => u - k);
  return {
    text,
    length,
    toUtf16: (offset) => {
      const cp = Math.max(0, Math.min(offset, length));
      return cp + countBelow(cpOfPair, cp);
    },
    toCodePoint: (index) => {
      const u = Math.max(0, Math.min(index, text.length));
      // Each pair whose second unit lies before `u` spans one extra unit.
      return u - countBelow(pairs, u - 1);
    },
  };
}

/** Quote and context of code points [start, end) of `text` (or of a prebuilt index). */
export function describeSpan(text: string | CodePointIndex, start: number, end: number): TextQuote {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  checkSpan(index, start, end);
  const s = index.text;
  const from = index.toUtf16(start);
  const to = index.toUtf16(end);
  return {
    quote: s.slice(from, to),
    prefix: s.slice(index.toUtf16(start - CONTEXT_CHARS), from),
    suffix: s.slice(to, index.toUtf16(end + CONTEXT_CHARS)),
  };
}

/** Drop whitespace (any Unicode `\s`) at both ends; null when nothing else is selected. */
export function trimSpan(text: string | CodePointIndex, start: number, end: number): Span | null {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  checkSpan(index, start, end, true);
  const s = index.text;
  let a = index.toUtf16(start);
  let b = index.toUtf16(end);
  while (a < b && /\s/u.test(codePointAt(s, a))) a += codePointAt(s, a).length;
  while (b > a && /\s/u.test(codePointBefore(s, b))) b -= codePointBefore(s, b).length;
  if (a === b) return null;
  return { start: index.toCodePoint(a), end: index.toCodePoint(b) };
}

/**
 * Whether a span holds anything to code: a span of only spaces and
 * punctuation (a comma, a dash, quotes) is a slip of the mouse. Symbols,
 * flags and digits count as content.
 */
export function holdsContent(index: CodePointIndex, start: number, end: number): boolean {
  return !/^[\s\p{P}]*$/u.test(index.text.slice(index.toUtf16(start), index.toUtf16(end)));
}

/**
 * Widen a span whose ends fall inside words to whole words. A word is a run
 * of letters, marks and digits (`\p{L}\p{M}\p{N}`, so "Nguyễn", "Đà" and
 * "Hà-Nội" work however they are composed), joined across an apostrophe or
 * hyphen that has word characters on both sides ("people-to-people",
 * "Xi’s"). Ends already on a boundary don't move; no trimming here.
 */
export function snapToWords(text: string | CodePointIndex, start: number, end: number): Span {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  checkSpan(index, start, end, true);
  const s = index.text;
  let a = index.toUtf16(start);
  let b = index.toUtf16(end);
  while (insideWord(s, a)) a -= codePointBefore(s, a).length;
  while (insideWord(s, b)) b += codePointAt(s, b).length;
  return { start: index.toCodePoint(a), end: index.toCodePoint(b) };
}

const WORD = /^[\p{L}\p{M}\p{N}]$/u;
const JOINER = /^['’ʼ\-‐‑]$/u;

/** True when UTF-16 index `u` is not a word boundary. */
function insideWord(s: string, u: number): boolean {
  if (u <= 0 || u >= s.length) return false;
  const before = codePointBefore(s, u);
  const after = codePointAt(s, u);
  if (WORD.test(before) && WORD.test(after)) return true;
  if (WORD.test(before) && JOINER.test(after)) return WORD.test(codePointAt(s, u + after.length));
  if (JOINER.test(before) && WORD.test(after)) return WORD.test(codePointBefore(s, u - before.length));
  return false;
}

/** The code point starting at UTF-16 index `u`, as a string ('' at the end). */
function codePointAt(s: string, u: number): string {
  if (u < 0 || u >= s.length) return '';
  const c = s.codePointAt(u)!;
  return String.fromCodePoint(c);
}

/** The code point ending at UTF-16 index `u`, as a string ('' at the start). */
function codePointBefore(s: string, u: number): string {
  if (u <= 0 || u > s.length) return '';
  const low = s.charCodeAt(u - 1);
  if (low >= 0xdc00 && low <= 0xdfff && u >= 2) {
    const high = s.charCodeAt(u - 2);
    if (high >= 0xd800 && high <= 0xdbff) return s.slice(u - 2, u);
  }
  return s.slice(u - 1, u);
}

/** Number of entries of the ascending `sorted` that are < `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkSpan(index: CodePointIndex, start: number, end: number, allowEmpty = false): void {
  const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= index.length;
  if (!ok || (allowEmpty ? end < start : end <= start)) {
    throw new RangeError(
      `span ${start}..${end} is not a ${allowEmpty ? '' : 'non-empty '}range inside 0..${index.length}`,
    );
  }
}

/**
 * Folding for search: the form of a text in which `viet nam`, `Việt Nam`
 * and `VIỆT  NAM` are the same string. Search (`corpus-search.ts`), find in
 * the article and the coded-segments text filter all compare folded strings,
 * so this module is the one definition of "matches, ignoring accents and
 * case".
 *
 * Folding, in order, per code point:
 *  1. NFKD: compatibility decomposition, not just NFD, so that `ﬁ`, full-width
 *     `Ｖ` or `²` also reach their plain letters and digits;
 *  2. lowercase (after NFKD, so `ℌ` → `H` → `h`; `İ` → `i` + a dot mark);
 *  3. drop every combining mark (`\p{M}`): `ệ` → `e`, `ơ` → `o`, `ư` → `u`;
 *  4. letters NFKD leaves whole: `đ` → `d` (Vietnamese Đ has no decomposition),
 *     and `ς` → `σ` (Greek final sigma, so whole-string and per-character
 *     lowercasing agree);
 *  5. anything that is not a letter or digit (`\p{L}`, `\p{N}`) separates
 *     words: each run of such characters becomes one space, and none is kept
 *     at either end. `Vietnam-Tiongkok` folds to `vietnam tiongkok`, `(13/7)`
 *     to `13 7`.
 *
 * `foldForSearch` is the fast whole-string version (native regex passes);
 * `foldWithMap` produces the same string one code point at a time and keeps,
 * for every folded UTF-16 index, the original code point offset it came
 * from, so a match in folded text can be highlighted or tagged in the
 * original. The test suite holds the two to the same output.
 */

const MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_RUN = /[\u0080-\uffff]+/g;
/** After the non-ASCII runs are folded, what is left to separate words is ASCII (spaces included). */
const ASCII_NON_WORD = /[^a-z0-9\u0080-\uffff]+/g;

/** Steps 1–5 in native regex passes, for a run of non-ASCII characters. */
function foldWhole(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(/[đς]/g, (c) => (c === 'đ' ? 'd' : 'σ'))
    .replace(SEPARATORS, ' ');
}

/**
 * Fold a string for comparison: lowercase, no accents, words separated by single spaces.
 *
 * Most lines of news are ASCII but for a dash or a curly quote, and NFKD and
 * the Unicode classes cost the whole line for those few characters (20 % of
 * indexing a corpus). Each step above acts on a code point with no regard
 * for its neighbours except through the marks that follow it, and marks are
 * never ASCII: so the non-ASCII runs are folded alone and the ASCII around
 * them is only lowercased and separated, which gives the same string (the
 * tests hold it to the steps over the whole string). Final sigma, the one
 * lowercasing that looks at context, is made σ either way.
 */
export function foldForSearch(s: string): string {
  const runsFolded = NON_ASCII.test(s) ? s.replace(NON_ASCII_RUN, foldWhole) : s;
  return runsFolded.toLowerCase().replace(ASCII_NON_WORD, ' ').trim();
}

/** A folded text and the way back to offsets in the original. */
export interface FoldedText {
  /** Same string as `foldForSearch(original)`. */
  readonly folded: string;
  /**
   * Code point offset in the original where the character at folded UTF-16
   * index `i` comes from; `folded.length` maps to the original's length.
   * Use it for the start of a range. A space stands for a run of
   * separators and maps to the run's first character.
   */
  toOriginal(i: number): number;
  /**
   * Code point offset in the original just after the character at folded
   * index `i - 1` (and after any marks that folded into nothing behind it);
   * use it for the end of a range. `toOriginalEnd(0)` is `toOriginal(0)`.
   */
  toOriginalEnd(i: number): number;
}

/** Fold `text` like `foldForSearch` and remember where each folded character came from. */
export function foldWithMap(text: string): FoldedText {
  // Typed arrays and char codes rather than string pieces and number[]:
  // a 1,000,000-character article folds in a tenth of the time (suggestions fold whole articles).
  let capacity = text.length + 16;
  let out = new Uint16Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let n = 0;
  const grow = (): void => {
    capacity *= 2;
    const o = new Uint16Array(capacity);
    o.set(out);
    out = o;
    const s2 = new Int32Array(capacity);
    s2.set(starts);
    starts = s2;
    const e2 = new Int32Array(capacity);
    e2.set(ends);
    ends = e2;
  };
  const push = (unit: number, start: number, end: number): void => {
    if (n >= capacity) grow();
    out[n] = unit;
    starts[n] = start;
    ends[n] = end;
    n++;
  };
  let cp = 0; // code point offset of the current original character
  let pendingSeparator = -1; // offset of the first separator of a pending run
  for (let u = 0; u < text.length; cp++) {
    let code = text.charCodeAt(u++);
    if (code < 0x80) {
      // ASCII, most of any text, inline: a letter or digit (lowercased), else a separator.
      // It pushes at most a space and itself: room for two.
      if (code >= 0x41 && code <= 0x5a) code += 32;
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
        if (n + 2 > capacity) grow();
        if (pendingSeparator !== -1) {
          if (n > 0) {
            out[n] = 0x20;
            starts[n] = pendingSeparator;
            ends[n++] = cp;
          }
          pendingSeparator = -1;
        }
        out[n] = code;
        starts[n] = cp;
        ends[n++] = cp + 1;
      } else if (pendingSeparator === -1) {
        pendingSeparator = cp;
      }
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && u < text.length) {
      const low = text.charCodeAt(u);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        u++;
      }
    }
    const piece = foldCodePoint(code);
    if (piece.length === 0) {
      // A lone mark (or anything else folding to nothing) joins the character before it.
      if (n > 0 && pendingSeparator === -1) ends[n - 1] = cp + 1;
      continue;
    }
    for (let k = 0; k < piece.length;) {
      const c = piece.codePointAt(k)!;
      const width = c > 0xffff ? 2 : 1;
      if (isWordChar(c)) {
        if (pendingSeparator !== -1) {
          if (n > 0) push(0x20, pendingSeparator, cp);
          pendingSeparator = -1;
        }
        for (let w = 0; w < width; w++) push(piece.charCodeAt(k + w), cp, cp + 1);
      } else if (pendingSeparator === -1) {
        pendingSeparator = cp;
      }
      k += width;
    }
  }
  const length = cp;
  let folded = '';
  // `apply` takes the typed array as it is; spreading it first costs ten times as much on a long text.
  for (let i = 0; i < n; i += 8192)
    folded += String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  return {
    folded,
    toOriginal: (i) => (i >= n ? length : starts[Math.max(0, i)]!),
    toOriginalEnd: (i) => {
      if (i <= 0) return n > 0 ? starts[0]! : length;
      return ends[Math.min(i, n) - 1]!;
    },
  };
}

// ------------------------------------------------------------- internals

const pieceCache = new Map<number, string>();

/** The folded form of one code point, before separators are collapsed. */
function foldCodePoint(code: number): string {
  if (code < 0x80) {
    // ASCII: a lowercase letter or digit, or a separator.
    if (code >= 0x41 && code <= 0x5a) return String.fromCharCode(code + 32);
    return String.fromCharCode(code);
  }
  let piece = pieceCache.get(code);
  if (piece === undefined) {
    piece = String.fromCodePoint(code)
      .normalize('NFKD')
      .toLowerCase()
      .replace(MARKS, '')
      .replace(/[đς]/g, (c) => (c === 'đ' ? 'd' : 'σ'));
    pieceCache.set(code, piece);
  }
  return piece;
}

const wordCache = new Map<number, boolean>();

function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
  }
  let word = wordCache.get(code);
  if (word === undefined) {
    word = WORD_CHAR.test(String.fromCodePoint(code));
    wordCache.set(code, word);
  }
  return word;
}

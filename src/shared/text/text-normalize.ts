/**
 * The one definition of "the text of a document". Every offset an annotation
 * stores counts Unicode code points in the string `normalizeText` returns, so
 * the CLI, main and renderer must all go through this module and nothing else.
 *
 * Pure: no Node, no DOM. Decoding bytes into a string happens in main
 * (`text-decode.ts`); this module only takes decoded text.
 */

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Strips a leading byte order mark, turns CRLF and lone CR into LF, and
 * composes to NFC.
 *
 * Why NFC: the same visible "Việt" can arrive precomposed (from most web
 * pages) or decomposed (from macOS copy-paste). Composing makes a search for
 * what the analyst types match what the file holds, and makes a code point
 * count mean roughly "a character a person sees", not "whatever the source
 * happened to emit". Line endings are unified for the same reason: a file
 * saved on Windows and the same file saved on Linux must give the same
 * offsets and the same sha256.
 */
export function normalizeText(decoded: string): string {
  const withoutBom = decoded.startsWith(BYTE_ORDER_MARK) ? decoded.slice(1) : decoded;
  // The look for a CR costs a tenth of the replace that would find none (most files use LF only).
  const unified = withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
  return unified.normalize('NFC');
}

/** Any UTF-16 surrogate: only a string holding one can have fewer code points than code units. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Length in Unicode code points, the unit of every offset. `s.length` counts
 * UTF-16 code units and would count 😀 or 𝔸 as two.
 */
export function codePointLength(s: string): number {
  // The regex engine's scan is several times faster than the loop below, and most texts have no
  // character beyond the Basic Multilingual Plane.
  if (!SURROGATE.test(s)) return s.length;
  let surrogatePairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return s.length - surrogatePairs;
}

/**
 * A document's title: its first line with anything but whitespace on it,
 * trimmed; `fallback` (usually the file name) when there is none. News
 * articles in the corpus put the headline first, sometimes after a blank line.
 */
export function titleOf(text: string, fallback: string): string {
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    if (line !== '') return line;
    if (end === -1) break;
    start = end + 1;
  }
  return fallback;
}

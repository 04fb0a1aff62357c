import { type CodePointIndex, codePointIndex, type Span } from './text-quote';

/**
 * Grapheme clusters (what a reader sees as one character: a flag, a family
 * emoji, a letter with combining marks) by `Intl.Segmenter`, the standard
 * implementation of Unicode's segmentation rules, rather than a hand-kept
 * table. A span never starts or ends inside one: half a flag is not text.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Clusters are short; this much text either side of an offset is enough to see the one it falls in. */
const LOOK_AROUND = 64;

/** Start (UTF-16) of the grapheme cluster that holds UTF-16 index `u` (or `u` itself at a boundary). */
function clusterStart(text: string, u: number): number {
  if (u <= 0 || u >= text.length) return Math.max(0, Math.min(u, text.length));
  // Below U+0300 (the first combining mark) Unicode joins no two characters but CR LF: most offsets
  // in Latin text are decided here, without a segmenter (a CSV import asks twice for each of 100,000 rows).
  const before = text.charCodeAt(u - 1);
  const after = text.charCodeAt(u);
  if (before < 0x300 && after < 0x300 && !(before === 0x0d && after === 0x0a)) return u;
  const from = Math.max(0, u - LOOK_AROUND);
  const segment = segmenter
    .segment(text.slice(from, Math.min(text.length, u + LOOK_AROUND)))
    .containing(u - from);
  return segment ? from + segment.index : u;
}

/** True when UTF-16 index `u` of `text` is a grapheme cluster boundary. */
export function isGraphemeBoundary(text: string, u: number): boolean {
  return clusterStart(text, u) === u;
}

/** Widen a span (code points) so neither end splits a grapheme cluster. */
export function snapToGraphemes(text: string | CodePointIndex, start: number, end: number): Span {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  const s = index.text;
  const a = clusterStart(s, index.toUtf16(start));
  let b = index.toUtf16(end);
  const bStart = clusterStart(s, b);
  if (bStart !== b) {
    const segment = segmenter
      .segment(s.slice(bStart, Math.min(s.length, bStart + LOOK_AROUND)))
      [Symbol.iterator]()
      .next().value;
    b = bStart + (segment ? segment.segment.length : 0);
  }
  return { start: index.toCodePoint(a), end: index.toCodePoint(b) };
}

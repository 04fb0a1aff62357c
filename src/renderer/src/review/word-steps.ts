import { codePointIndex, type CodePointIndex } from '../../../shared/text/text-quote';

/**
 * Moving the ends of an edited span by whole words, for the adjudication's
 * "Edit…" form. A word is a run of letters, marks and digits (the same
 * characters `snapToWords` keeps together); offsets are code points.
 */

export interface WordBounds {
  /** Code point offsets where words start, ascending. */
  starts: number[];
  /** Code point offsets where words end, ascending. */
  ends: number[];
}

export function wordBounds(text: string | CodePointIndex): WordBounds {
  const index = typeof text === 'string' ? codePointIndex(text) : text;
  const starts: number[] = [];
  const ends: number[] = [];
  for (const match of index.text.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)) {
    starts.push(index.toCodePoint(match.index));
    ends.push(index.toCodePoint(match.index + match[0].length));
  }
  return { starts, ends };
}

export type SpanEnd = 'start' | 'end';

/**
 * The span with one end moved one word back (-1) or forward (1): the start
 * to the previous / next word start, the end to the previous / next word
 * end. Null when there is no such word or the span would become empty.
 */
export function stepWord(
  bounds: WordBounds,
  span: { start: number; end: number },
  which: SpanEnd,
  direction: -1 | 1,
): { start: number; end: number } | null {
  const list = which === 'start' ? bounds.starts : bounds.ends;
  const from = span[which];
  const to = direction < 0 ? [...list].reverse().find((x) => x < from) : list.find((x) => x > from);
  if (to === undefined) return null;
  const next = { ...span, [which]: to };
  return next.end > next.start ? next : null;
}

/**
 * The page filter of the Segments view as typed: a page (`3`) or an
 * inclusive range (`2-5`, `2–5`, `2 to 5` written with any dash, spaces
 * allowed, either end left open: `-5`, `10-`). Pages count from 1.
 */
export interface PageRange {
  from: number;
  /** `Infinity` for an open end. */
  to: number;
}

/** `null` for an empty field (no filter); `'invalid'` for anything that is not a page or range. */
export function parsePageRange(text: string): PageRange | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const single = /^\d+$/.exec(trimmed);
  if (single) {
    const page = Number(trimmed);
    return page >= 1 ? { from: page, to: page } : 'invalid';
  }
  const range = /^(\d*)\s*[-\u2010-\u2015]\s*(\d*)$/.exec(trimmed);
  if (!range || (range[1] === '' && range[2] === '')) return 'invalid';
  const from = range[1] === '' ? 1 : Number(range[1]);
  const to = range[2] === '' ? Infinity : Number(range[2]);
  return from >= 1 && to >= from ? { from, to } : 'invalid';
}

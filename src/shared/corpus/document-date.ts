/**
 * Document dates as Tanda keeps them, detected or set by an analyst:
 * `yyyy-mm-dd`, `yyyy-mm` or `yyyy`, a day that exists, years 1900–2099.
 * Apart from `document-metadata.ts` so that checking a date (a bundle's, an
 * analyst's) does not bring in the language detector.
 */

/** `yyyy-mm-dd` for a day that exists in 1900–2099; null otherwise. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True for a date written as Tanda writes them (zero-padded), one that exists. */
export function isDocumentDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (m === null) return false;
  const day = isoDate(
    Number(m[1]),
    m[2] === undefined ? 1 : Number(m[2]),
    m[3] === undefined ? 1 : Number(m[3]),
  );
  return day !== null && day.startsWith(value);
}

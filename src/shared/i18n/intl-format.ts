import type { UiLanguage } from './languages';

/*
 * Numbers, dates and times as the interface language writes them
 * (`1.234,5` and `1 Desember 2026 14.05` in Indonesian). Formatters are
 * cached: building an Intl formatter costs far more than using one, and a
 * list formats hundreds of cells per render.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatNumber(
  value: number,
  language: UiLanguage,
  options?: Intl.NumberFormatOptions,
): string {
  const key = `n|${language}|${JSON.stringify(options ?? {})}`;
  return cached(key, () => new Intl.NumberFormat(language, options)).format(value);
}

export function formatPercent(fraction: number, language: UiLanguage, maximumFractionDigits = 0): string {
  return formatNumber(fraction, language, { style: 'percent', maximumFractionDigits });
}

function toDate(value: Date | string | number): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date, e.g. "1 Desember 2026" / "December 1, 2026"; an unreadable value is returned as given. */
export function formatDate(
  value: Date | string | number,
  language: UiLanguage,
  style: 'long' | 'medium' = 'long',
): string {
  const date = toDate(value);
  if (!date) return String(value);
  return cached(
    `d|${language}|${style}`,
    () => new Intl.DateTimeFormat(language, { dateStyle: style }),
  ).format(date);
}

/**
 * A date and time, e.g. "1 Desember 2026 14.05". Date and time are formatted
 * apart and joined by a space: the joined styles put a word between them
 * ("pukul", "at") that a list column does not want.
 */
export function formatDateTime(value: Date | string | number, language: UiLanguage): string {
  const date = toDate(value);
  if (!date) return String(value);
  const time = cached(`t|${language}`, () => new Intl.DateTimeFormat(language, { timeStyle: 'short' }));
  return `${formatDate(date, language)} ${time.format(date)}`;
}

/**
 * A document's date in a list (the document list, Segments): as Indonesian
 * writes it ("9 Okt 2025", "Oktober 2025"); English keeps the ISO form it has
 * always shown (`2025-10-09`): it reads the same everywhere, sorts as text,
 * and is part of English accessible names that specs and scripts rely on.
 */
export function formatListDate(isoDate: string, language: UiLanguage): string {
  return language === 'en' ? isoDate : formatDocumentDate(isoDate, language);
}

/**
 * A document's own date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY`) as the locale
 * writes it. Parsed as a calendar date, never through a time zone, so
 * 2026-12-01 never shows as 30 November west of UTC.
 */
export function formatDocumentDate(isoDate: string, language: UiLanguage): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(isoDate);
  if (!match) return isoDate;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { dateStyle: 'medium', timeZone: 'UTC' }
    : m
      ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
      : { year: 'numeric', timeZone: 'UTC' };
  const key = `dd|${language}|${d ? 'd' : m ? 'm' : 'y'}`;
  return cached(key, () => new Intl.DateTimeFormat(language, options)).format(date);
}

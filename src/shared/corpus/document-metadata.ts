import { francAll } from 'franc-min';
import { isoDate } from './document-date';
import { foldForSearch } from '../text/text-fold';

/**
 * First guesses at a document's date, source and language, which the
 * analyst can then correct. Pure: takes the path and the normalized text.
 *
 * Date, most trusted first:
 *  1. an ISO date at the start of the file name (the collector's own
 *     statement): `2025-10-09-…` → `2025-10-09`, `2024-10-…` → `2024-10`,
 *     `2023-…` → `2023`; `20251009-…` and `_` separators work too. A partial
 *     date is kept partial, never "refined" from the text: the samples show
 *     why (`2024-10-vovworld-…` announces a visit "12 sampai 14 Oktober", a
 *     date the article was not written on).
 *  2. otherwise the first date in the text that names a year, or names day
 *     and month while the path holds a year (`…/2024/…`, `vov-2024-…`):
 *     `18 Januari 1950`, `9 Oktober` (+ path year), `12 sampai 14 Oktober`
 *     (first day), `October 9, 2025`, `13/7/2022`, `(13/7)` (+ path year;
 *     without brackets `13/7` is too often not a date), `2025-10-09`.
 *     Indonesian and English month names and their usual abbreviations.
 *     A month and year alone (`akhir Oktober 2022`) does not count: in news
 *     text it mostly points back at an earlier event.
 *  Dates are checked (no 31 April, 29 February only in leap years; years
 *  1900–2099). The first date of a text can still point at the past: the
 *  VOVWORLD sample, without its dated file name, would get 1950-01-18 from
 *  an anniversary. That is why the analyst can edit the date.
 *
 * Source, most explicit first:
 *  1. the value of a line `Sumber: …`, `Source: …` or `Nguồn: …` (a bare
 *     `Sumber` line with nothing after it, common at the foot of the
 *     samples, says nothing);
 *  2. the first http(s) URL in the text;
 *  3. an agency in brackets opening a paragraph, as a dateline, followed
 *     by a dash: `(VOVWORLD) - …`, `JAKARTA (ANTARA) - …`, `Hanoi (VNA) – …`.
 *  Photo credits (`FOTO: VNA`, `(Foto: qdnd.vn)`) do not count: they name
 *  who supplied the picture, and in the samples that differs from the
 *  article's source (a VOVWORLD piece credits a photo to qdnd.vn).
 *
 * Language: franc-min (ISO 639-3, e.g. `ind`, `eng`, `vie`) on the first
 * 1,000 characters; null under 50 characters of text or when franc cannot
 * tell. franc confuses Indonesian with Standard Malay (`zlm`) on these
 * articles (three of the five samples come out `zlm`, with `ind` a hair
 * behind), so when the two lead, spelling markers decide (`bahwa`,
 * `karena`, `setelah`, `Agustus` for Indonesian; `bahawa`, `kerana`,
 * `selepas`, `Ogos` for Malay).
 *
 * Cost: about 1 ms a document, nearly all of it franc; callers should keep
 * the result per content hash rather than recompute it on every scan.
 */

export type DateSource = 'file-name' | 'text';
export type SourceKind = 'source-line' | 'url' | 'agency';

export interface DocumentMetadata {
  /** `yyyy-mm-dd`, `yyyy-mm` or `yyyy`. */
  date: string | null;
  dateSource: DateSource | null;
  source: string | null;
  sourceKind: SourceKind | null;
  /** ISO 639-3 code. */
  language: string | null;
}

/**
 * `known.language`: the language `detectLanguage` gave for this very text
 * before (kept by content hash, e.g. across launches), so the costly part
 * is skipped; date and source depend on the path too and are always worked out.
 */
export function extractDocumentMetadata(
  doc: { path: string; text: string },
  known?: { language: string | null },
): DocumentMetadata {
  const fileDate = dateFromFileName(doc.path);
  const date = fileDate ?? dateFromText(doc.text, yearInPath(doc.path));
  const source = sourceFromText(doc.text);
  return {
    date,
    dateSource: fileDate !== null ? 'file-name' : date !== null ? 'text' : null,
    source: source?.value ?? null,
    sourceKind: source?.kind ?? null,
    language: known ? known.language : detectLanguage(doc.text),
  };
}

/**
 * Names the language detector: a language kept for a text is reused only
 * while this is unchanged. Change it with franc-min's version, the sample
 * sizes or the Indonesian/Malay markers.
 */
export const LANGUAGE_DETECTOR = 'franc-min-6/sample-1000/markers-4000/v1';

// ------------------------------------------------------------------ dates

/** The ISO date (full or partial) at the start of the path's file name, or null. */
export function dateFromFileName(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const full = /^((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)/.exec(name);
  if (full !== null) {
    const date = isoDate(Number(full[1]), Number(full[3]), Number(full[4]));
    if (date !== null) return date;
  }
  const month = /^((?:19|20)\d\d)[-_.](\d\d)(?!\d)/.exec(name);
  if (month !== null) {
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) return `${month[1]}-${month[2]}`;
  }
  const year = /^((?:19|20)\d\d)(?!\d)/.exec(name);
  return year !== null ? year[1]! : null;
}

const MONTHS: Record<string, number> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  pebruari: 2,
  february: 2,
  feb: 2,
  peb: 2,
  maret: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  agustus: 8,
  august: 8,
  agu: 8,
  agt: 8,
  ags: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nopember: 11,
  nov: 11,
  nop: 11,
  desember: 12,
  december: 12,
  des: 12,
  dec: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const RANGE = '(?:\\s*(?:-|–|—|s\\.d\\.?|s/d|sampai|hingga|dan|to|and)\\s*\\d{1,2})?';
const YEAR = '((?:19|20)\\d\\d)';

/** Each pattern yields [day, month, year?] from its groups. */
const TEXT_DATES: { pattern: RegExp; parts: (m: RegExpExecArray) => [string, string, string | undefined] }[] =
  [
    // 18 Januari 1950 · 9 Oktober · 12 sampai 14 Oktober 2024 · 9 Okt. 2025
    {
      pattern: new RegExp(
        `(?<![\\d/])(\\d{1,2})${RANGE}\\s+${MONTH}(?![\\p{L}])(?:,?\\s+${YEAR}(?!\\d))?`,
        'giu',
      ),
      parts: (m) => [m[1]!, m[2]!, m[3]],
    },
    // October 9, 2025
    {
      pattern: new RegExp(`(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}(?!\\d)`, 'giu'),
      parts: (m) => [m[2]!, m[1]!, m[3]],
    },
    // 13/7/2022 · 13-07-2022 · 13.07.2022
    {
      pattern: new RegExp(`(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2${YEAR}(?![\\d/])`, 'gu'),
      parts: (m) => [m[1]!, m[3]!, m[4]],
    },
    // (13/7) · (Rabu, 13/7)
    { pattern: /\((?:[\p{L}]+,?\s*)?(\d{1,2})\/(\d{1,2})\)/gu, parts: (m) => [m[1]!, m[2]!, undefined] },
    // 2025-10-09
    {
      pattern: new RegExp(`(?<![\\d-])${YEAR}-(\\d\\d)-(\\d\\d)(?![\\d])`, 'gu'),
      parts: (m) => [m[3]!, m[2]!, m[1]],
    },
  ];

/** The first complete date in `text` (see the module comment); `year` completes day+month dates. */
export function dateFromText(text: string, year: number | null = null): string | null {
  let best: { at: number; date: string } | null = null;
  for (const { pattern, parts } of TEXT_DATES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (best !== null && m.index >= best.at) break;
      const [d, mo, y] = parts(m);
      const month = /^\d+$/.test(mo) ? Number(mo) : MONTHS[mo.toLowerCase()];
      const fullYear = y !== undefined ? Number(y) : year;
      if (month === undefined || fullYear === null) continue;
      const date = isoDate(fullYear, month, Number(d));
      if (date !== null) {
        best = { at: m.index, date };
        break;
      }
    }
  }
  return best?.date ?? null;
}

/** A year (1900–2099) standing as its own number anywhere in the path, or null. */
export function yearInPath(path: string): number | null {
  const m = /(?<!\d)((?:19|20)\d\d)(?!\d)/.exec(path);
  return m === null ? null : Number(m[1]);
}

// ----------------------------------------------------------------- source

const SOURCE_LINE = /^[ \t]*(?:sumber|source|nguồn)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$/imu;
const URL = /https?:\/\/[^\s<>"'“”‘’()[\]{}]+/iu;
// A dateline place is all capitals (`JAKARTA`, `HO CHI MINH CITY`) or one capitalised word (`Hanoi,`).
const AGENCY =
  /^[ \t]*(?:(?:[\p{Lu}][\p{Lu}. ]{1,30}|[\p{Lu}][\p{Ll}]+),?[ \t]*)?\(([\p{Lu}][\p{L}\d.&/ ]{0,29})\)[ \t]*[-–—]/mu;

export function sourceFromText(text: string): { value: string; kind: SourceKind } | null {
  const line = SOURCE_LINE.exec(text);
  if (line !== null) return { value: line[1]!, kind: 'source-line' };
  const url = URL.exec(text);
  if (url !== null) return { value: url[0].replace(/[.,;:!?]+$/u, ''), kind: 'url' };
  const agency = AGENCY.exec(text);
  if (agency !== null) return { value: agency[1]!.trim(), kind: 'agency' };
  return null;
}

// --------------------------------------------------------------- language

const MIN_LANGUAGE_CHARS = 50;
/** franc reads at most 2,048 characters anyway; 1,000 keeps it under 1 ms a document. */
const LANGUAGE_SAMPLE = 1000;
/** The Indonesian/Malay markers are cheap to count, so they get more text. */
const MARKER_SAMPLE = 4000;
// Words spelt differently in the two standards (or used in one only).
const INDONESIAN = new Set([
  'bahwa',
  'karena',
  'setelah',
  'yaitu',
  'maupun',
  'pemerintah',
  'uang',
  'bisa',
  'tiongkok',
  'agustus',
  'desember',
  'maret',
  'juli',
  'juni',
]);
const MALAY = new Set([
  'bahawa',
  'kerana',
  'selepas',
  'iaitu',
  'mahupun',
  'kerajaan',
  'sahaja',
  'wang',
  'boleh',
  'ogos',
  'disember',
  'mac',
  'julai',
]);

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_SAMPLE);
  if (sample.replace(/\s+/gu, ' ').trim().length < MIN_LANGUAGE_CHARS) return null;
  const [first, second] = francAll(sample, { minLength: MIN_LANGUAGE_CHARS });
  const language = first?.[0];
  if (language === undefined || language === 'und') return null;
  if (language !== 'ind' && language !== 'zlm') return language;
  if (second === undefined || (second[0] !== 'ind' && second[0] !== 'zlm') || second[1] < 0.95)
    return language;
  let ind = 0;
  let zlm = 0;
  for (const word of foldForSearch(text.slice(0, MARKER_SAMPLE)).split(' ')) {
    if (INDONESIAN.has(word)) ind++;
    else if (MALAY.has(word)) zlm++;
  }
  return ind === zlm ? language : ind > zlm ? 'ind' : 'zlm';
}

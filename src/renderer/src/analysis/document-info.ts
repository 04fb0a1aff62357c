import type { DocumentMetadata } from '../../../shared/corpus/document-metadata';
import type { MetadataOverride } from '../db/metadata-repo';

/**
 * A document's metadata as the app shows and filters it: what was detected
 * in the text (`shared/corpus/document-metadata.ts`) with the analyst's
 * corrections on top. Pure.
 */

export interface DocumentInfo {
  /** `yyyy-mm-dd`, `yyyy-mm` or `yyyy`; the analyst's when set. */
  date: string | null;
  dateSource: 'analyst' | 'file-name' | 'text' | null;
  /** What detection found, whatever the analyst set. */
  detectedDate: string | null;
  source: string | null;
  /** ISO 639-3. */
  language: string | null;
}

export function documentInfo(
  detected: DocumentMetadata | undefined,
  override: MetadataOverride | undefined,
): DocumentInfo {
  const detectedDate = detected?.date ?? null;
  const date = override?.date ?? detectedDate;
  return {
    date,
    dateSource:
      override?.date !== undefined ? 'analyst' : date === null ? null : (detected?.dateSource ?? null),
    detectedDate,
    source: detected?.source ?? null,
    language: detected?.language ?? null,
  };
}

/**
 * English names of the languages franc reports most in news corpora; other
 * codes are shown as they are. (Intl.DisplayNames wants BCP 47 codes, and
 * franc's ISO 639-3 `ind` or `zlm` are not what it expects.)
 */
const LANGUAGE_NAMES: Record<string, string> = {
  ind: 'Indonesian',
  zlm: 'Malay',
  zsm: 'Malay',
  eng: 'English',
  vie: 'Vietnamese',
  cmn: 'Chinese',
  fra: 'French',
  deu: 'German',
  spa: 'Spanish',
  por: 'Portuguese',
  nld: 'Dutch',
  jav: 'Javanese',
  sun: 'Sundanese',
  tgl: 'Tagalog',
  tha: 'Thai',
  jpn: 'Japanese',
  kor: 'Korean',
  rus: 'Russian',
  arb: 'Arabic',
};

export function languageName(code: string | null): string | null {
  if (code === null) return null;
  return LANGUAGE_NAMES[code] ?? code;
}

/** `2025-10-09 · VOVWORLD · Indonesian`, leaving out what is unknown; '' when nothing is. */
export function metadataLine(info: DocumentInfo | undefined): string {
  if (info === undefined) return '';
  return [info.date, sourceLabel(info.source), languageName(info.language)]
    .filter((x): x is string => x !== null && x !== '')
    .join(' · ');
}

/** A source short enough for a list: a URL by its host (`thanhnien.vn`), anything else as it is. */
export function sourceLabel(source: string | null): string | null {
  if (source === null) return null;
  const url = /^https?:\/\/(?:www\.)?([^/?#:]+)/i.exec(source);
  return url !== null ? url[1]!.toLowerCase() : source;
}

/** `3 segments`, `1 segment`, `2 of 3 segments`. */
export function segmentCount(shown: number, total: number, format: (n: number) => string = String): string {
  const noun = (n: number): string => (n === 1 ? 'segment' : 'segments');
  return shown === total
    ? `${format(total)} ${noun(total)}`
    : `${format(shown)} of ${format(total)} ${noun(total)}`;
}

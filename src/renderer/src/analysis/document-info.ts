import type { DocumentMetadata } from '../../../shared/corpus/document-metadata';
import type { MetadataOverride } from '../db/metadata-repo';
import { formatListDate } from '../../../shared/i18n/intl-format';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { currentLanguage, i18n } from '../i18n/i18n';

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
 * BCP 47 codes of the languages franc reports most in news corpora, so
 * Intl.DisplayNames can name them in the interface language (it does not
 * take franc's ISO 639-3 `ind` or `zlm`); other codes are shown as they are.
 */
const BCP47_OF: Record<string, string> = {
  ind: 'id',
  zlm: 'ms',
  zsm: 'ms',
  eng: 'en',
  vie: 'vi',
  cmn: 'zh',
  fra: 'fr',
  deu: 'de',
  spa: 'es',
  por: 'pt',
  nld: 'nl',
  jav: 'jv',
  sun: 'su',
  tha: 'th',
  jpn: 'ja',
  kor: 'ko',
  rus: 'ru',
  arb: 'ar',
};

const displayNames = new Map<string, Intl.DisplayNames>();

/** "Indonesian" / "Indonesia" for franc's `ind`, in the interface language. */
export function languageName(code: string | null, language: string = currentLanguage()): string | null {
  if (code === null) return null;
  // CLDR calls `tl` Filipino; franc's `tgl` is Tagalog itself, the same word in both languages.
  if (code === 'tgl') return 'Tagalog';
  const bcp47 = BCP47_OF[code];
  if (bcp47 === undefined) return code;
  // `Intl.DisplayNames.of` costs tens of microseconds: the document list asks for 10,000 names per render.
  const key = `${language} ${bcp47}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    let names = displayNames.get(language);
    if (!names) displayNames.set(language, (names = new Intl.DisplayNames([language], { type: 'language' })));
    languageNames.set(key, (name = names.of(bcp47) ?? code));
  }
  return name;
}

/** Names already looked up, by UI language and BCP 47 code. */
const languageNames = new Map<string, string>();

/** `2025-10-09 · VOVWORLD · Indonesian` (`9 Okt 2025 · VOVWORLD · Indonesia`), leaving out what is unknown; '' when nothing is. */
export function metadataLine(
  info: DocumentInfo | undefined,
  language: UiLanguage = currentLanguage(),
): string {
  if (info === undefined) return '';
  const date = info.date === null ? null : formatListDate(info.date, language);
  return [date, sourceLabel(info.source), languageName(info.language, language)]
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
  return shown === total
    ? i18n.t('analysis:segmentCount', { count: total, n: format(total) })
    : i18n.t('analysis:segmentCountOf', { count: total, shown: format(shown), n: format(total) });
}

/**
 * The detector's ISO 639-3 codes as BCP 47 language tags for `lang`: the
 * two-letter code where one exists (BCP 47 requires it, so `ind` is not a
 * valid tag but `id` is). A code not listed gives no `lang` rather than a
 * wrong one; the page's own language then applies.
 */
const BCP47: Record<string, string> = {
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
};

export function articleLang(detected: string | null | undefined): string | undefined {
  return detected ? BCP47[detected] : undefined;
}

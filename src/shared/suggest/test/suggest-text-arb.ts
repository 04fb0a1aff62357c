import fc from 'fast-check';

/*
 * Generated texts for the property tests that hold the suggestion scanners
 * to their plain references: the built-in codebook's cue words, sector
 * phrases and dispute words among plain words, with accents, a ligature, an
 * astral character and punctuation that trimming and snapping must handle,
 * so that matches are frequent and their edges hard.
 */

/** Words that the built-in patterns and generated patterns share. */
export const PATTERN_WORDS = [
  'akan',
  'sepakat',
  'kereta',
  'api',
  'Kereta-Api',
  'energi',
  'bersih',
  'will',
  'agreed',
  'to',
  'if',
  'sengketa',
  'Sengketanya',
  'protes',
  'Laut',
  'Timur',
  'Biển',
  'Đông',
  'people-to-people',
  'dan',
  'makanan',
  'Xi’s',
  'ﬁnal',
  '😀',
  'kerja',
  'sama',
  'digital',
  'jika',
  'siap',
  'membangun',
  'jalan',
];

export const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '\n', ' - ', '  ', '; ', ' (', ') ', '\u00a0'];

/** Texts of `minLength` to `maxLength` words, each followed by a separator. */
export function wordsText(
  words: readonly string[],
  separators: readonly string[],
  maxLength: number,
  minLength = 0,
): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...separators)), { minLength, maxLength })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));
}

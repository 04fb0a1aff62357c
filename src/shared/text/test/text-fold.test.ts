import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../offsets';
import { foldForSearch, foldWithMap } from '../text-fold';

/** The definition, in passes over the whole string: the fast path must give exactly this. */
function foldReference(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[đς]/g, (c) => (c === 'đ' ? 'd' : 'σ'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Text as news has it: mostly ASCII words, now and then an accent, a dash, a mark, a sigma or an emoji. */
const newsLike = fc
  .array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: fc.constantFrom('Kerja', 'sama', ' ', '  ', ', ', 'A', 'z9', '(13/7)', '\t', '-'),
      },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '—',
          '“',
          '”',
          'é',
          'e\u0301',
          '\u0323\u0302',
          'Việt',
          'ĐÀ',
          'ΟΔΟΣ',
          'Σ',
          'ﬁ',
          'Ｖ',
          '²',
          'İ',
          'ǅ',
          '😀',
          '𝐀',
          '\u00a0',
          'ß',
          'ẞ',
          'Ⅻ',
          '\u200b',
          '\ufeff',
          'ς',
          '\ud800',
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('foldForSearch', () => {
  it('gives exactly the whole-string folding, for short and long text alike', () => {
    fc.assert(
      fc.property(newsLike, fc.nat(80), (text, pad) => {
        // Runs far into a long line fold as they do alone.
        const long = `${'Hanoi '.repeat(pad)}${text}`;
        expect(foldForSearch(text)).toBe(foldReference(text));
        expect(foldForSearch(long)).toBe(foldReference(long));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops Vietnamese accents and case', () => {
    expect(foldForSearch('Việt Nam')).toBe('viet nam');
    expect(foldForSearch('VIỆT NAM')).toBe('viet nam');
    expect(foldForSearch('Nguyễn Phú Trọng')).toBe('nguyen phu trong');
    expect(foldForSearch('Thủ tướng Phạm Minh Chính')).toBe('thu tuong pham minh chinh');
  });

  it('folds đ and Đ, which have no decomposition, to d', () => {
    expect(foldForSearch('Đà Nẵng')).toBe('da nang');
    expect(foldForSearch('Đảng Cộng sản')).toBe('dang cong san');
  });

  it('gives the same result for decomposed (NFD) input', () => {
    expect(foldForSearch('Việt Nam'.normalize('NFD'))).toBe('viet nam');
  });

  it('turns every run of punctuation and whitespace into one space, none at the ends', () => {
    expect(foldForSearch('  Vietnam-Tiongkok  (13/7).\n')).toBe('vietnam tiongkok 13 7');
    expect(foldForSearch('kerja   sama')).toBe('kerja sama');
    expect(foldForSearch('“…”')).toBe('');
  });

  it('reaches plain letters through compatibility forms', () => {
    expect(foldForSearch('ﬁnal ＶＮ')).toBe('final vn');
    expect(foldForSearch('İstanbul')).toBe('istanbul');
  });
});

describe('foldWithMap', () => {
  const samples = [
    'Việt Nam',
    '  (VOVWORLD) - Hà Nội, 9/10: Đà Nẵng…',
    'Việt Nam'.normalize('NFD'),
    '😀 𝔸bc — ﬁnal ΟΔΟΣ İz ＶＮ ½ a\u0301',
    'Tổng Bí thư Tô Lâm gặp Thủ tướng Trung Quốc Lý Cường',
    '',
    '...',
  ];

  it('produces exactly what foldForSearch produces', () => {
    for (const s of samples) expect(foldWithMap(s).folded).toBe(foldForSearch(s));
  });

  it('maps folded ranges back to the original code points', () => {
    const text = 'Kunjungan ke Việt Nam 😀 và Đà Nẵng';
    const { folded, toOriginal, toOriginalEnd } = foldWithMap(text);
    const original = (part: string): string => {
      const i = folded.indexOf(part);
      return sliceCodePoints(text, toOriginal(i), toOriginalEnd(i + part.length));
    };
    expect(original('viet nam')).toBe('Việt Nam');
    expect(original('iet')).toBe('iệt');
    expect(original('va da nang')).toBe('và Đà Nẵng');
    expect(original('kunjungan')).toBe('Kunjungan');
  });

  it('keeps a trailing combining mark with the letter it belongs to', () => {
    const text = 'Vie\u0323\u0302t Nam'; // decomposed ệ
    const { folded, toOriginal, toOriginalEnd } = foldWithMap(text);
    expect(folded).toBe('viet nam');
    expect(sliceCodePoints(text, toOriginal(0), toOriginalEnd(3))).toBe('Vie\u0323\u0302');
  });

  it('maps the end of the folded text to the end of the original', () => {
    const { folded, toOriginal, toOriginalEnd } = foldWithMap('Ha Noi!!');
    expect(toOriginal(folded.length)).toBe(8);
    expect(toOriginalEnd(folded.length)).toBe(6);
  });
});

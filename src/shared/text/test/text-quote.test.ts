import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../offsets';
import { codePointLength } from '../text-normalize';
import { codePointIndex, describeSpan, holdsContent, snapToWords, trimSpan } from '../text-quote';

/** Code point offsets of `part` in `text` (first occurrence). */
function spanOf(text: string, part: string): { start: number; end: number } {
  const u = text.indexOf(part);
  const start = codePointLength(text.slice(0, u));
  return { start, end: start + codePointLength(part) };
}

describe('code point index', () => {
  it('converts by identity when there is no astral character', () => {
    const index = codePointIndex('Hà Nội');
    expect(index.length).toBe(6);
    expect(index.toUtf16(3)).toBe(3);
    expect(index.toCodePoint(6)).toBe(6);
    expect(index.toUtf16(99)).toBe(6);
  });

  it('agrees with walking the string, astral characters included', () => {
    const text = '😀a𝔸bc😀😀d\n𝔸';
    const index = codePointIndex(text);
    expect(index.length).toBe(codePointLength(text));
    for (let cp = 0; cp <= index.length; cp++) {
      const u = index.toUtf16(cp);
      expect(text.slice(0, u)).toBe(sliceCodePoints(text, 0, cp));
      expect(index.toCodePoint(u)).toBe(cp);
    }
    expect(index.toCodePoint(1)).toBe(1); // inside the first pair: counts the pair
  });
});

describe('describeSpan', () => {
  it('stores the quote and 32 code points of context each side', () => {
    const text = `${'a'.repeat(40)}QUOTE${'b'.repeat(40)}`;
    const { quote, prefix, suffix } = describeSpan(text, 40, 45);
    expect(quote).toBe('QUOTE');
    expect(prefix).toBe('a'.repeat(32));
    expect(suffix).toBe('b'.repeat(32));
  });

  it('clips context at the edges of the text', () => {
    expect(describeSpan('short text', 0, 5)).toEqual({ quote: 'short', prefix: '', suffix: ' text' });
  });

  it('counts context in code points, not UTF-16 units', () => {
    const text = `${'😀'.repeat(40)}Việt Nam${'𝔸'.repeat(40)}`;
    const { quote, prefix, suffix } = describeSpan(text, 40, 48);
    expect(quote).toBe('Việt Nam');
    expect(prefix).toBe('😀'.repeat(32));
    expect(suffix).toBe('𝔸'.repeat(32));
  });

  it('accepts a prebuilt index and refuses spans outside the text', () => {
    const index = codePointIndex('abc');
    expect(describeSpan(index, 1, 2).quote).toBe('b');
    expect(() => describeSpan(index, 2, 2)).toThrow(RangeError);
    expect(() => describeSpan(index, 1, 4)).toThrow(RangeError);
  });
});

describe('trimSpan', () => {
  it('drops surrounding whitespace, newlines and no-break spaces included', () => {
    const text = 'one \n\u00a0two three\t four';
    const { start, end } = trimSpan(text, 3, 17)!;
    expect(sliceCodePoints(text, start, end)).toBe('two three');
  });

  it('returns null when only whitespace is selected', () => {
    expect(trimSpan('a   b', 1, 4)).toBeNull();
    expect(trimSpan('a   b', 2, 2)).toBeNull();
  });

  it('keeps code point offsets right after astral characters', () => {
    const text = '😀😀  Trung Quốc  😀';
    const { start, end } = trimSpan(text, 2, 16)!;
    expect({ start, end }).toEqual({ start: 4, end: 14 });
    expect(sliceCodePoints(text, start, end)).toBe('Trung Quốc');
  });
});

describe('snapToWords', () => {
  const snapped = (text: string, part: string): string => {
    const { start, end } = spanOf(text, part);
    const s = snapToWords(text, start, end);
    return sliceCodePoints(text, s.start, s.end);
  };

  it('widens ends that fall inside words', () => {
    expect(snapped('the two sides agreed', 'wo sid')).toBe('two sides');
  });

  it('leaves ends already on a boundary alone', () => {
    expect(snapped('the two sides agreed', ' two ')).toBe(' two ');
    expect(snapped('the two sides agreed', 'two')).toBe('two');
  });

  it('treats Vietnamese and Indonesian letters with diacritics as letters', () => {
    const vi = 'Tổng Bí thư Nguyễn Phú Trọng tiếp Đại sứ';
    expect(snapped(vi, 'guyễn Ph')).toBe('Nguyễn Phú');
    expect(snapped(vi, 'ọng tiếp Đ')).toBe('Trọng tiếp Đại');
    const decomposed = 'ông Nguye\u0302\u0303n nói';
    expect(snapped(decomposed, 'guye')).toBe('Nguye\u0302\u0303n');
    expect(snapped('kerja sama ekonomi Indonesia–Tiongkok', 'onom')).toBe('ekonomi');
  });

  it('keeps apostrophes and hyphens inside words, not at their edges', () => {
    expect(snapped('Xi’s visit to Hà-Nội, today', 'i’')).toBe('Xi’s');
    expect(snapped('people-to-people exchange', 'to')).toBe('people-to-people');
    expect(snapped("the 'quoted' word", 'uot')).toBe('quoted');
    expect(snapped('Hà-Nội, today', 'Nộ')).toBe('Hà-Nội');
  });

  it('counts digits as word characters and works next to astral characters', () => {
    expect(snapped('in 2025, exports', '02')).toBe('2025');
    const text = '😀 Bắc Kinh 😀';
    const s = snapToWords(text, 3, 7);
    expect(sliceCodePoints(text, s.start, s.end)).toBe('Bắc Kinh');
    expect(s).toEqual({ start: 2, end: 10 });
  });
});

describe('holdsContent', () => {
  const text = 'Vietnam, “Tiongkok” — 2025 🇻🇳 sepakat.';
  const index = codePointIndex(text);
  const has = (part: string): boolean => {
    const { start, end } = spanOf(text, part);
    return holdsContent(index, start, end);
  };

  it('refuses spans of only spaces and punctuation', () => {
    expect(has(', “')).toBe(false);
    expect(has(' — ')).toBe(false);
    expect(has('.')).toBe(false);
    expect(holdsContent(index, 3, 3)).toBe(false);
  });

  it('keeps words, digits and symbols, with or without punctuation around them', () => {
    expect(has('“Tiongkok”')).toBe(true);
    expect(has('2025')).toBe(true);
    expect(has('🇻🇳')).toBe(true);
    expect(has(', “T')).toBe(true);
  });
});

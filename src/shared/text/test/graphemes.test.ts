import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGraphemeBoundary, snapToGraphemes } from '../graphemes';

describe('grapheme clusters', () => {
  const text = 'Bendera 🇻🇳 dan 👨‍👩‍👧 keluarga, e\u0301 akut';

  it('widens a span that would split a flag or a family emoji', () => {
    const flag = [...text].indexOf('🇻🇳'.slice(0, 2)); // first regional indicator, in code points
    expect(snapToGraphemes(text, flag, flag + 1)).toEqual({ start: flag, end: flag + 2 });
    const family = [...text].indexOf('👨');
    expect(snapToGraphemes(text, family + 1, family + 2)).toEqual({ start: family, end: family + 5 });
  });

  it('keeps a combining accent with its letter', () => {
    const e = [...text].indexOf('e', 30);
    expect(snapToGraphemes(text, e, e + 1)).toEqual({ start: e, end: e + 2 });
  });

  it('leaves spans on boundaries alone', () => {
    expect(snapToGraphemes(text, 0, 7)).toEqual({ start: 0, end: 7 });
    expect(isGraphemeBoundary(text, 0)).toBe(true);
    expect(isGraphemeBoundary(text, text.indexOf('🇻🇳') + 2)).toBe(false);
  });

  it('says what the segmenter says at every offset, on text mixing Latin, CR LF, marks and emoji', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const piece = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '\r',
      '\n',
      '\u00e9',
      '\u00ad',
      '\u02ff',
      '\u0301',
      '\u200d',
      '🇻',
      '🇳',
      '👨',
      '\u1100',
      '\u1161',
      '\u0915',
      '\u093f',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const s = pieces.join('');
        const boundaries = new Set([...segmenter.segment(s)].map((g) => g.index));
        for (let u = 1; u < s.length; u++) expect(isGraphemeBoundary(s, u)).toBe(boundaries.has(u));
      }),
    );
  });
});

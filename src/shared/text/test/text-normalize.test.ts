import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointLength, normalizeText, titleOf } from '../text-normalize';

describe('normalizeText', () => {
  it('strips one leading BOM only', () => {
    expect(normalizeText('\uFEFFhello')).toBe('hello');
    expect(normalizeText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeText('one\r\ntwo\rthree\nfour\r')).toBe('one\ntwo\nthree\nfour\n');
    expect(normalizeText('\r\r\n')).toBe('\n\n');
  });

  it('composes to NFC', () => {
    const decomposed = 'Vie\u0323\u0302t Nam';
    expect(normalizeText(decomposed)).toBe('Việt Nam');
    expect(normalizeText(decomposed)).toBe('Vi\u1EC7t Nam');
  });
});

describe('codePointLength', () => {
  it('counts astral characters as one code point', () => {
    expect('😀'.length).toBe(2);
    expect(codePointLength('😀')).toBe(1);
    expect(codePointLength('𝔸 and 😀!')).toBe(8);
    expect(codePointLength('')).toBe(0);
  });

  it('counts a lone surrogate as one', () => {
    expect(codePointLength('a\uD800b')).toBe(3);
    expect(codePointLength('\uDC00\uD800')).toBe(2);
  });

  it('counts composed Vietnamese letters once', () => {
    expect(codePointLength(normalizeText('Vie\u0323\u0302t'))).toBe(4);
  });
});

describe('titleOf', () => {
  it('is the first non-empty line, trimmed', () => {
    expect(titleOf('\n   \n  Headline here  \nbody', 'file.txt')).toBe('Headline here');
    expect(titleOf('Only line', 'file.txt')).toBe('Only line');
  });

  it('falls back when there is no text', () => {
    expect(titleOf('', 'file.txt')).toBe('file.txt');
    expect(titleOf('\n \t\n', 'file.txt')).toBe('file.txt');
  });
});

describe('codePointLength against the iterator', () => {
  it('counts what Array.from counts, for any string of code units (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (units, text) => {
        for (const s of [units, text, `${units}${text}`])
          expect(codePointLength(s)).toBe(Array.from(s).length);
      }),
    );
  });
});

describe('normalizeText line endings', () => {
  it('unifies CRLF and lone CR whether or not the text has any', () => {
    expect(normalizeText('a\nb')).toBe('a\nb');
    expect(normalizeText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

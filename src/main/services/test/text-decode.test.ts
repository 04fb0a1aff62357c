import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeText } from '../../../shared/text/text-normalize';
import { decodeText } from '../text-decode';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

function textOf(input: Uint8Array) {
  const decoded = decodeText(input);
  if (decoded.kind !== 'text') throw new Error(`expected text, got ${decoded.kind}`);
  return decoded;
}

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(textOf(Buffer.from('Hà Nội\n'))).toEqual({ kind: 'text', text: 'Hà Nội\n', encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const decoded = textOf(Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('Việt')]));
    expect(decoded).toEqual({ kind: 'text', text: 'Việt', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = textOf(Buffer.concat([bytes(0xff, 0xfe), utf16le('Hà Nội 😀\r\nx')]));
    expect(le).toEqual({ kind: 'text', text: 'Hà Nội 😀\nx', encoding: 'utf-16le' });
    const be = textOf(Buffer.concat([bytes(0xfe, 0xff), utf16be('Hà Nội 😀\r\nx')]));
    expect(be).toEqual({ kind: 'text', text: 'Hà Nội 😀\nx', encoding: 'utf-16be' });
  });

  it('recognises BOM-less UTF-16 of Latin text', () => {
    expect(textOf(utf16le('Plain English text\r\n'))).toMatchObject({
      text: 'Plain English text\n',
      encoding: 'utf-16le',
    });
    expect(textOf(utf16be('Plain English text'))).toMatchObject({
      text: 'Plain English text',
      encoding: 'utf-16be',
    });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    // “curly quotes” and é as a 1990s word processor saved them.
    const decoded = textOf(bytes(0x93, 0x48, 0x69, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9));
    expect(decoded).toEqual({ kind: 'text', text: '\u201cHi\u201d café', encoding: 'windows-1252' });
  });

  it('normalizes: CRLF and lone CR to LF, NFD to NFC', () => {
    expect(textOf(Buffer.from('a\r\nb\rc')).text).toBe('a\nb\nc');
    expect(textOf(Buffer.from('Vie\u0323\u0302t')).text).toBe('Việt');
  });

  it('calls files with NUL bytes binary', () => {
    expect(decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d))).toEqual({
      kind: 'binary',
    });
    expect(decodeText(Buffer.from('text\0more'))).toEqual({ kind: 'binary' });
  });

  it('does not mistake binary data with many NULs for UTF-16', () => {
    // Little-endian 32-bit integers: NULs on the odd side, but also control bytes.
    expect(decodeText(new Uint8Array(Uint32Array.from([1, 2, 3, 4, 5, 6]).buffer))).toEqual({
      kind: 'binary',
    });
    expect(decodeText(bytes(1, 0, 2, 0, 3, 0, 4, 0))).toEqual({ kind: 'binary' });
  });

  it('calls nothing but a BOM or whitespace empty', () => {
    expect(decodeText(bytes())).toEqual({ kind: 'empty', onlyWhitespace: false });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf))).toEqual({ kind: 'empty', onlyWhitespace: false });
    expect(decodeText(Buffer.from(' \r\n\t\n'))).toEqual({ kind: 'empty', onlyWhitespace: true });
  });
});

describe('UTF-8 or not, as the strict WHATWG decoder decides', () => {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strictly = (input: Uint8Array): string | null => {
    try {
      return strict.decode(input);
    } catch {
      return null;
    }
  };
  // Overlong forms, encoded surrogates, code points past U+10FFFF, truncated and stray continuation bytes.
  const tricky = [
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xed, 0x9f, 0xbf],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf4, 0x8f, 0xbf, 0xbf],
    [0x61, 0xe2, 0x82],
    [0x80, 0x61],
    [0xf0, 0x9f, 0x98, 0x80],
  ];

  it('decodes exactly the byte strings the strict decoder accepts, to the same text', () => {
    const sample = fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((b) => b.filter((x) => x !== 0)),
      fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(`x${s}`)),
      fc.constantFrom(...tricky).map((b) => Uint8Array.from([0x61, ...b])),
    );
    fc.assert(
      fc.property(sample, (input) => {
        const expected = strictly(input);
        const decoded = decodeText(input);
        // Byte order marks and UTF-16 guesses are decided before this choice.
        if (decoded.kind !== 'text' || !['utf-8', 'windows-1252'].includes(decoded.encoding)) return;
        expect(decoded.encoding).toBe(expected === null ? 'windows-1252' : 'utf-8');
        if (expected !== null) expect(decoded.text).toBe(normalizeText(expected));
      }),
      { numRuns: 2000 },
    );
  });
});

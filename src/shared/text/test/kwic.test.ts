import { describe, expect, it } from 'vitest';
import { codePointLength } from '../text-normalize';
import { kwic } from '../kwic';

/** Code point span of the first occurrence of `part`. */
function at(text: string, part: string): [number, number] {
  const u = text.indexOf(part);
  if (u === -1) throw new Error(`"${part}" not in text`);
  const start = codePointLength(text.slice(0, u));
  return [start, start + codePointLength(part)];
}

const PARAGRAPH =
  'Wang Yi sempat mengajukan usulan. Pertama, menonjolkan kepemimpinan kedua negara! Kedua, meningkatkan pertukaran strategis.';

describe('kwic', () => {
  it('shows the rest of the sentence on each side', () => {
    expect(kwic(PARAGRAPH, ...at(PARAGRAPH, 'kepemimpinan'))).toEqual({
      before: 'Pertama, menonjolkan ',
      match: 'kepemimpinan',
      after: ' kedua negara!',
    });
  });

  it('handles the very start and end of the text', () => {
    expect(kwic(PARAGRAPH, ...at(PARAGRAPH, 'Wang Yi'))).toEqual({
      before: '',
      match: 'Wang Yi',
      after: ' sempat mengajukan usulan.',
    });
    const end = codePointLength(PARAGRAPH);
    expect(kwic(PARAGRAPH, end - 'strategis.'.length, end)).toEqual({
      before: 'Kedua, meningkatkan pertukaran ',
      match: 'strategis.',
      after: '',
    });
    expect(kwic('kerja sama', 0, 10)).toEqual({ before: '', match: 'kerja sama', after: '' });
  });

  it('has no after when the quote ends its sentence, except closing quotes', () => {
    const text = 'Dia berkata, "Kami siap." Lalu pergi.';
    expect(kwic(text, ...at(text, 'Kami siap.')).after).toBe('"');
    expect(kwic(PARAGRAPH, ...at(PARAGRAPH, 'mengajukan usulan.')).after).toBe('');
  });

  it('does not end a sentence at a dot inside a token', () => {
    const text = 'Ilustrasi dari qdnd.vn menunjukkan pertemuan 3.5 jam.';
    expect(kwic(text, ...at(text, 'pertemuan'))).toEqual({
      before: 'Ilustrasi dari qdnd.vn menunjukkan ',
      match: 'pertemuan',
      after: ' 3.5 jam.',
    });
  });

  it('never crosses a line break: a line is a paragraph', () => {
    const text = 'Judul tanpa titik\nKerja sama kereta api diperkuat\nBaris berikut.';
    expect(kwic(text, ...at(text, 'kereta api'))).toEqual({
      before: 'Kerja sama ',
      match: 'kereta api',
      after: ' diperkuat',
    });
  });

  it('takes context from the first and last line of a quote spanning lines', () => {
    const text = 'Awal kalimat satu. Kerja sama\nkereta api baru. Akhir.';
    const [start] = at(text, 'sama');
    const [, end] = at(text, 'kereta');
    expect(kwic(text, start, end)).toEqual({ before: 'Kerja ', match: 'sama\nkereta', after: ' api baru.' });
  });

  it('has no after when the quote ends with the newline', () => {
    const text = 'Baris satu.\nBaris dua.';
    expect(kwic(text, 6, 12)).toEqual({ before: 'Baris ', match: 'satu.\n', after: '' });
  });

  it('keeps the sentence before a quote that starts on a newline', () => {
    const text = 'Baris satu\nBaris dua.';
    expect(kwic(text, 10, 16)).toEqual({ before: 'Baris satu', match: '\nBaris', after: ' dua.' });
  });

  it('clips long context at a word boundary and marks it with an ellipsis', () => {
    const long =
      'Kedua pihak sepakat untuk terus memperkuat hubungan kemitraan kerja sama strategis yang komprehensif dan membangun komunitas masa depan bersama yang bermakna strategis.';
    const result = kwic(long, ...at(long, 'kemitraan'), { maxContext: 20 });
    expect(result.before.startsWith('…')).toBe(true);
    expect(result.after.endsWith('…')).toBe(true);
    expect(codePointLength(result.before)).toBeLessThanOrEqual(21);
    expect(codePointLength(result.after)).toBeLessThanOrEqual(21);
    expect(result.before).toBe('…memperkuat hubungan ');
    expect(result.after).toBe(' kerja sama…');
  });

  it('counts code points, not UTF-16 units', () => {
    const text = '😀 Việt Nam 😀 bertemu Tiongkok.';
    expect(kwic(text, ...at(text, 'bertemu'))).toEqual({
      before: '😀 Việt Nam 😀 ',
      match: 'bertemu',
      after: ' Tiongkok.',
    });
  });

  it('rejects a span outside the text', () => {
    expect(() => kwic('abc', 2, 5)).toThrow(RangeError);
    expect(() => kwic('abc', 2, 1)).toThrow(RangeError);
  });
});

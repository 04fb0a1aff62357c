import { describe, expect, it } from 'vitest';
import { codePointLength } from '../text-normalize';
import { buildLineIndex, offsetToPos, posToOffset, sliceCodePoints } from '../offsets';

/**
 * The text a ProseMirror doc of sections of paragraphs holds between two
 * positions. Rebuilds the flat token stream: '[' ']' open and close a
 * section, '<' '>' a paragraph, code units inside.
 */
function pmTextBetween(text: string, from: number, to: number, sectionLines: number): string {
  const stream =
    text
      .split('\n')
      .map((line, i) => `${i % sectionLines === 0 ? (i === 0 ? '[' : '][') : ''}<${line}>`)
      .join('') + ']';
  return stream
    .slice(from, to)
    .replace(/>\]\[</g, '\n')
    .replace(/></g, '\n')
    .replace(/[<>[\]]/g, '');
}

describe('line index and offset mapping', () => {
  it('maps plain ASCII lines one to one inside a paragraph', () => {
    const index = buildLineIndex('ab\ncd');
    expect(index.lineCount).toBe(2);
    expect(index.chars).toBe(5);
    // One section: its open token is position 0, the first paragraph opens at 1.
    expect(offsetToPos(index, 0)).toBe(2);
    expect(offsetToPos(index, 2)).toBe(4); // the newline: end of first paragraph
    expect(offsetToPos(index, 3)).toBe(6); // 'c': second paragraph opens at 5
    expect(offsetToPos(index, 5)).toBe(8);
    expect(posToOffset(index, 8)).toBe(5);
    expect(index.docContentSize).toBe(10);
  });

  it('keeps empty lines as empty paragraphs in the mapping', () => {
    const text = 'a\n\n\nb';
    const index = buildLineIndex(text);
    expect(index.lineCount).toBe(4);
    expect(index.lineAt(4)).toBe(3);
    expect(offsetToPos(index, 4)).toBe(1 + 3 + 2 + 2 + 1); // section open; sizes a=3, empty=2, empty=2; then open token
    expect(posToOffset(index, offsetToPos(index, 4))).toBe(4);
  });

  it('counts astral characters as one code point but two positions', () => {
    const text = '😀x\n𝔸y😀';
    const index = buildLineIndex(text);
    expect(codePointLength(text)).toBe(6);
    expect(index.chars).toBe(6);
    expect(offsetToPos(index, 1)).toBe(4); // after the emoji
    expect(offsetToPos(index, 4)).toBe(index.paragraphPos(1) + 1 + 2);
    expect(posToOffset(index, index.paragraphPos(1) + 3)).toBe(4);
    expect(sliceCodePoints(text, 3, 5)).toBe('𝔸y');
  });

  for (const sectionLines of [1, 2, 3, 64]) {
    it(`round-trips every offset, and ranges cover the same text (sections of ${sectionLines})`, () => {
      const text = 'Việt Nam\n\n😀 Tiongkok 𝔸\r-free\nlast\n\nend';
      const index = buildLineIndex(text, sectionLines);
      for (let offset = 0; offset <= index.chars; offset++) {
        expect(posToOffset(index, offsetToPos(index, offset))).toBe(offset);
      }
      for (let start = 0; start <= index.chars; start++) {
        for (let end = start; end <= index.chars; end++) {
          const viaPm = pmTextBetween(text, offsetToPos(index, start), offsetToPos(index, end), sectionLines);
          // A range ending on a newline maps to the paragraph end, which drops that newline.
          const expected = sliceCodePoints(text, start, end).replace(/\n$/, '');
          expect(viaPm.replace(/\n$/, '')).toBe(expected);
        }
      }
    });
  }

  it('maps positions on paragraph and section boundaries to the next line start', () => {
    const index = buildLineIndex('ab\ncd', 64);
    expect(posToOffset(index, 5)).toBe(3); // between the two paragraphs
    expect(posToOffset(index, 0)).toBe(0);
    const split = buildLineIndex('ab\ncd', 1);
    // [<ab>][<cd>]: positions 5, 6 and 7 lie between "ab" and "cd".
    expect(posToOffset(split, 5)).toBe(3);
    expect(posToOffset(split, 6)).toBe(3);
    expect(posToOffset(split, 7)).toBe(3);
    expect(offsetToPos(split, 3)).toBe(8);
    expect(split.docContentSize).toBe(12);
  });

  it('rejects offsets and positions outside the text', () => {
    const index = buildLineIndex('abc');
    expect(() => offsetToPos(index, 4)).toThrow(/outside 0..3/);
    expect(() => offsetToPos(index, -1)).toThrow(RangeError);
    expect(() => offsetToPos(index, 1.5)).toThrow(RangeError);
    expect(() => posToOffset(index, 99)).toThrow(/outside/);
  });

  it('handles the empty text as one empty paragraph', () => {
    const index = buildLineIndex('');
    expect(index.lineCount).toBe(1);
    expect(index.chars).toBe(0);
    expect(offsetToPos(index, 0)).toBe(2);
    expect(posToOffset(index, 2)).toBe(0);
  });
});

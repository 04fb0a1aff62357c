import { describe, expect, it } from 'vitest';
import { stepWord, wordBounds } from '../word-steps';

describe("moving a span's ends by words", () => {
  const text = 'Kedua negara sepakat memperkuat kerja-sama.';
  const bounds = wordBounds(text);

  it('finds word starts and ends, keeping hyphenated words whole', () => {
    expect(bounds.starts).toEqual([0, 6, 13, 21, 32]);
    expect(bounds.ends).toEqual([5, 12, 20, 31, 42]);
  });

  it('moves the start back and forth by a word', () => {
    const span = { start: 13, end: 20 };
    expect(stepWord(bounds, span, 'start', -1)).toEqual({ start: 6, end: 20 });
    expect(stepWord(bounds, span, 'end', 1)).toEqual({ start: 13, end: 31 });
    expect(stepWord(bounds, span, 'end', -1)).toBeNull(); // would be empty
    expect(stepWord(bounds, { start: 0, end: 5 }, 'start', -1)).toBeNull();
  });
});

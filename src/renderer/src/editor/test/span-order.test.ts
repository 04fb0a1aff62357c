import { describe, expect, it } from 'vitest';
import type { HighlightSpan } from '../highlight-plugin';
import { inTextOrder, neighbour } from '../span-order';

const span = (id: string, start: number, end: number): HighlightSpan => ({
  id,
  tag: 'commitment',
  start,
  end,
});
// Out of order on purpose; b and c start together, c is longer.
const ordered = inTextOrder([span('d', 40, 45), span('c', 10, 30), span('a', 0, 5), span('b', 10, 12)]);

describe('neighbour (Tab and Shift+Tab in the article)', () => {
  it('orders by start, then end, then id', () => {
    expect(ordered.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('steps from the selected annotation while the caret is on it', () => {
    expect(neighbour(ordered, 'b', 11, 1)?.id).toBe('c');
    expect(neighbour(ordered, 'c', 10, -1)?.id).toBe('b');
    expect(neighbour(ordered, 'd', 45, 1)).toBeNull();
    expect(neighbour(ordered, 'a', 0, -1)).toBeNull();
  });

  it('steps from the caret when nothing is selected or the caret has left the selection', () => {
    expect(neighbour(ordered, null, 0, 1)?.id).toBe('a');
    expect(neighbour(ordered, null, 6, 1)?.id).toBe('b');
    expect(neighbour(ordered, 'a', 35, 1)?.id).toBe('d');
    expect(neighbour(ordered, null, 35, -1)?.id).toBe('c');
    expect(neighbour(ordered, null, 10, -1)?.id).toBe('a');
    expect(neighbour(ordered, null, 50, 1)).toBeNull();
    expect(neighbour([], null, 0, 1)).toBeNull();
  });

  it('finds the same neighbour as a walk over every span, on many random spans', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
    const spans = inTextOrder(
      Array.from({ length: 500 }, (_, i) => {
        const start = rand(5000);
        return span(`s${i}`, start, start + 1 + rand(40));
      }),
    );
    for (let k = 0; k < 300; k++) {
      const caret = rand(5100);
      const expected = spans.find((s) => s.start >= caret) ?? null;
      const before = [...spans].reverse().find((s) => s.start < caret) ?? null;
      expect(neighbour(spans, null, caret, 1)).toBe(expected);
      expect(neighbour(spans, null, caret, -1)).toBe(before);
    }
  });
});

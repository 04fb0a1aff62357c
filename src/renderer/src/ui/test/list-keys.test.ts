import { describe, expect, it } from 'vitest';
import { listKeyTarget } from '../list-keys';

describe('listKeyTarget', () => {
  it('moves one up or down and stops at the ends', () => {
    expect(listKeyTarget('ArrowDown', 3, 10)).toBe(4);
    expect(listKeyTarget('ArrowUp', 3, 10)).toBe(2);
    expect(listKeyTarget('ArrowDown', 9, 10)).toBe(9);
    expect(listKeyTarget('ArrowUp', 0, 10)).toBe(0);
  });

  it('jumps to the first and the last item', () => {
    expect(listKeyTarget('Home', 7, 10_000)).toBe(0);
    expect(listKeyTarget('End', 7, 10_000)).toBe(9_999);
  });

  it('ignores other keys and empty lists', () => {
    expect(listKeyTarget('Enter', 1, 10)).toBeNull();
    expect(listKeyTarget('a', 1, 10)).toBeNull();
    expect(listKeyTarget('ArrowDown', 0, 0)).toBeNull();
  });
});

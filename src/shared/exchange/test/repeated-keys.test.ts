import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachRepeatedKey } from '../repeated-keys';

/** What `forEachRepeatedKey` answers, by the Map it stands in for. */
function repeatsByMap(keys: readonly string[]): [number, number][] {
  const firstAt = new Map<string, number>();
  const repeats: [number, number][] = [];
  keys.forEach((key, i) => {
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, i);
    else repeats.push([i, first]);
  });
  return repeats;
}

function repeats(keys: readonly string[]): [number, number][] {
  const found: [number, number][] = [];
  forEachRepeatedKey(
    keys.length,
    (i) => keys[i]!,
    (i, first) => found.push([i, first]),
  );
  return found;
}

describe('forEachRepeatedKey', () => {
  it('names each repeat with the index of the first occurrence, in order', () => {
    expect(repeats([])).toEqual([]);
    expect(repeats(['a', 'b', 'a', 'c', 'b', 'a', ''])).toEqual([
      [2, 0],
      [4, 1],
      [5, 0],
    ]);
    expect(repeats(['', ''])).toEqual([[1, 0]]);
  });

  it('tells apart keys that share a slot, and ids far apart', () => {
    // 3,000 keys in a table of 8,192 slots: many share one and are compared, never confused.
    const ids = Array.from(
      { length: 3000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(repeats(ids)).toEqual([]);
    expect(repeats([...ids, ids[1234]!, ids[0]!])).toEqual([
      [3000, 1234],
      [3001, 0],
    ]);
  });

  it('answers as a Map would, for any list of keys', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀', '-'), maxLength: 4 }), {
          maxLength: 300,
        }),
        (keys) => {
          expect(repeats(keys)).toEqual(repeatsByMap(keys));
        },
      ),
    );
  });
});

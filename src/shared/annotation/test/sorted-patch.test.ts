import { describe, expect, it } from 'vitest';
import { insertionIndex, patchSorted } from '../sorted-patch';

interface Row {
  id: string;
  at: number;
}

const byAt = (a: Row, b: Row): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A small deterministic generator, so a failure names its seed and repeats. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('patchSorted', () => {
  it('removes, adds and moves rows to where a full sort puts them', () => {
    const list: Row[] = [
      { id: 'a', at: 1 },
      { id: 'b', at: 3 },
      { id: 'c', at: 5 },
    ];
    const changes = new Map<string, Row | null>([
      ['b', null],
      ['c', { id: 'c', at: 0 }],
      ['d', { id: 'd', at: 4 }],
      ['e', { id: 'e', at: 1 }],
    ]);
    expect(patchSorted(list, changes, byAt).map((r) => r.id)).toEqual(['c', 'a', 'e', 'd']);
    expect(list.map((r) => r.id)).toEqual(['a', 'b', 'c']); // the list given is left as it was
  });

  it('gives a new array even when nothing changed (a changed version must give a new value)', () => {
    const list: Row[] = [{ id: 'a', at: 1 }];
    const patched = patchSorted(list, new Map(), byAt);
    expect(patched).toEqual(list);
    expect(patched).not.toBe(list);
  });

  it('agrees with sorting again over many random batches of changes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const rows = new Map<string, Row>();
      for (let i = 0; i < 40; i++) rows.set(`r${i}`, { id: `r${i}`, at: Math.floor(next() * 20) });
      let list = [...rows.values()].sort(byAt);
      for (let batch = 0; batch < 5; batch++) {
        const changes = new Map<string, Row | null>();
        for (let k = Math.floor(next() * 6); k >= 0; k--) {
          const id = `r${Math.floor(next() * 50)}`;
          if (next() < 0.4) {
            rows.delete(id);
            changes.set(id, null);
          } else {
            const row = { id, at: Math.floor(next() * 20) };
            rows.set(id, row);
            changes.set(id, row);
          }
        }
        list = patchSorted(list, changes, byAt);
        expect(list, `seed ${seed}, batch ${batch}`).toEqual([...rows.values()].sort(byAt));
      }
    }
  });
});

describe('insertionIndex', () => {
  it('is the first place the row does not sort after', () => {
    const list = [1, 3, 3, 5];
    const compare = (a: number, b: number): number => a - b;
    expect([0, 1, 3, 4, 6].map((n) => insertionIndex(list, n, compare))).toEqual([0, 0, 1, 3, 4]);
    expect(insertionIndex([], 1, compare)).toBe(0);
  });
});

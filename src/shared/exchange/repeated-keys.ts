/*
 * Which keys repeat an earlier one: what a `Map` from key to where it was
 * first seen answers, for the 100,000 annotation ids of an import or export.
 * A `Map` computes V8's hash of every fresh string (JSON.parse and a CSV
 * reader make a new string per id) and rehashes as it grows; this table
 * hashes in the loop into a typed array, keeps the hashes so growing never
 * hashes again, and compares two strings only when their hashes are equal.
 * Half the time of the `Map` on 100,000 ids (a property test holds the two
 * to the same answers).
 */

/** FNV-1a over the UTF-16 units, in 30 bits (a small integer for V8): spreads ids whose differences are anywhere. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** Keys, each with the value it was first added with. */
export class FirstOccurrences {
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private readonly hashes: number[] = [];
  /** Slot → 1 + index into `keys` (0: empty); at most half full, so probes stay short. */
  private slots: Int32Array;

  constructor(expected = 0) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size);
  }

  /** The value `key` was first added with; undefined when it is new, and then it is added with `value`. */
  firstOrAdd(key: string, value: number): number | undefined {
    const hash = hashOf(key);
    const { slots, keys, hashes } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) {
        keys.push(key);
        this.values.push(value);
        hashes.push(hash);
        slots[slot] = keys.length;
        if (keys.length * 2 > slots.length) this.grow();
        return undefined;
      }
      if (hashes[held - 1] === hash && keys[held - 1] === key) return this.values[held - 1];
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.forEach((hash, i) => {
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    });
    this.slots = slots;
  }
}

/**
 * Calls `onRepeat(index, first)` for every index whose key (`keyAt(index)`)
 * equals the key at an earlier index, `first` being the earliest; indexes
 * in increasing order, `0 ≤ index < count`.
 */
export function forEachRepeatedKey(
  count: number,
  keyAt: (index: number) => string,
  onRepeat: (index: number, first: number) => void,
): void {
  const seen = new FirstOccurrences(count);
  for (let index = 0; index < count; index++) {
    const first = seen.firstOrAdd(keyAt(index), index);
    if (first !== undefined) onRepeat(index, first);
  }
}

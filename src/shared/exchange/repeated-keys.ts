/*
 * Which keys of a list repeat an earlier one: what a `Map` from key to its
 * first index answers, for the 100,000 annotation ids of an import or
 * export. A `Map` grows by rehashing as it fills and computes V8's hash of
 * every fresh string (JSON.parse makes a new string per id); this table is
 * sized once, hashes in the loop, and compares strings only when two land
 * in the same slot. Half the time of the `Map` on 100,000 ids, and the
 * checks that use it run on every bundle written and read.
 */

/** FNV-1a over the UTF-16 units: spreads ids whose differences are anywhere (v4's random tail, v7's clock head). */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
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
  let size = 16;
  while (size < count * 2) size *= 2; // at most half full: probes stay short
  const mask = size - 1;
  // Slot → 1 + index of the first key that landed there (0: empty).
  const slots = new Int32Array(size);
  for (let index = 0; index < count; index++) {
    const key = keyAt(index);
    for (let slot = hashOf(key) & mask; ; slot = (slot + 1) & mask) {
      const held = slots[slot]!;
      if (held === 0) {
        slots[slot] = index + 1;
        break;
      }
      if (keyAt(held - 1) === key) {
        onRepeat(index, held - 1);
        break;
      }
    }
  }
}

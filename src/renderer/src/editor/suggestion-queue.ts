/**
 * Items waiting to be drawn, in text order, taken a chunk at a time
 * outwards from a starting position (the top of what is on screen): first
 * forwards, down the screen, then alternately below and above what is drawn.
 *
 * Persistent, as editor state must be: `take` and `without` return new
 * queues sharing the list, its key index and (until it changes) the set
 * of keys taken out of turn; the drawn part is the index range [lo, hi).
 */
export class DrawQueue<T extends { key: string }> {
  private constructor(
    private readonly list: readonly T[],
    private readonly at: ReadonlyMap<string, number>,
    /** Keys taken out of turn or removed, outside [lo, hi). */
    private readonly gone: ReadonlySet<string>,
    private readonly lo: number,
    private readonly hi: number,
    /** False until the first chunk has chosen where to start. */
    private readonly started: boolean,
    readonly size: number,
  ) {}

  static empty<T extends { key: string }>(): DrawQueue<T> {
    return DrawQueue.of<T>([]);
  }

  /** `list` in text order; it is kept, not copied. */
  static of<T extends { key: string }>(list: readonly T[]): DrawQueue<T> {
    const at = new Map<string, number>();
    list.forEach((item, i) => at.set(item.key, i));
    return new DrawQueue(list, at, new Set(), 0, 0, false, list.length);
  }

  /** True when this queue is `other` with some of it taken (not a new list). */
  continues(other: DrawQueue<T>): boolean {
    return this.list === other.list;
  }

  /** The item of `key` while it waits. */
  get(key: string): T | undefined {
    const i = this.at.get(key);
    return i === undefined || !this.waiting(i) ? undefined : this.list[i];
  }

  /** This queue without `key`'s item (drawn out of turn, or no longer wanted). */
  without(key: string): DrawQueue<T> {
    const i = this.at.get(key);
    if (i === undefined || !this.waiting(i)) return this;
    const gone = new Set(this.gone).add(key);
    return new DrawQueue(this.list, this.at, gone, this.lo, this.hi, this.started, this.size - 1);
  }

  /**
   * Up to `count` waiting items, and the queue without them. The first take
   * starts at the first item whose position (`positionOf`) is at or after `near`.
   */
  take(count: number, positionOf: (item: T) => number, near: number): { taken: T[]; rest: DrawQueue<T> } {
    let lo = this.lo;
    let hi = this.hi;
    if (!this.started) lo = hi = this.firstAtOrAfter(positionOf, near);
    const taken: T[] = [];
    // A new queue fills the screen downwards first.
    let forward = true;
    const n = this.list.length;
    while (taken.length < count && (lo > 0 || hi < n)) {
      const i = (forward && hi < n) || lo === 0 ? hi++ : --lo;
      if (this.started) forward = !forward;
      const item = this.list[i]!;
      if (!this.gone.has(item.key)) taken.push(item);
    }
    const rest = new DrawQueue(this.list, this.at, this.gone, lo, hi, true, this.size - taken.length);
    return { taken, rest };
  }

  private waiting(i: number): boolean {
    return (i < this.lo || i >= this.hi || !this.started) && !this.gone.has(this.list[i]!.key);
  }

  private firstAtOrAfter(positionOf: (item: T) => number, near: number): number {
    let a = 0;
    let b = this.list.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (positionOf(this.list[m]!) < near) a = m + 1;
      else b = m;
    }
    return a;
  }
}

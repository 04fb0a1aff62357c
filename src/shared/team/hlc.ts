/*
 * Hybrid logical clock (Kulkarni et al., 2014): wall time in milliseconds, a
 * counter for events in the same millisecond (or while the wall clock lags
 * behind one already seen), and the device id to break the last tie. Every
 * device moves its clock past each stamp it reads, so a laptop whose clock is
 * hours ahead wins only until a colleague has seen its change once: the
 * colleague's next edit is stamped after it.
 *
 * Written as one string that sorts in clock order:
 * `2026-12-02T04:08:48.123Z-000000-<device id>`.
 */

export interface Hlc {
  /** Milliseconds since the epoch. */
  readonly wall: number;
  readonly counter: number;
  readonly device: string;
}

const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const HLC_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-(\d{6})-([A-Za-z0-9-]{1,64})$/;

export function formatHlc(clock: Hlc): string {
  return `${new Date(clock.wall).toISOString()}-${String(clock.counter).padStart(COUNTER_DIGITS, '0')}-${clock.device}`;
}

/** The clock of a stamp, or null when the text is not one. */
export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  const wall = Date.parse(match[1]!);
  if (!Number.isFinite(wall) || new Date(wall).toISOString() !== match[1]) return null;
  return { wall, counter: Number(match[2]), device: match[3]! };
}

export function isHlc(text: string): boolean {
  return parseHlc(text) !== null;
}

/** Stamps compare as strings: same-length ISO times, then zero-padded counters, then device ids. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The clock one device keeps: the last stamp it issued or saw. */
export interface HlcState {
  wall: number;
  counter: number;
}

export function initialHlcState(): HlcState {
  return { wall: 0, counter: 0 };
}

/** The next stamp for a local change, advancing `state`. */
export function tickHlc(state: HlcState, now: number, device: string): string {
  if (now > state.wall) {
    state.wall = now;
    state.counter = 0;
  } else {
    bump(state);
  }
  return formatHlc({ wall: state.wall, counter: state.counter, device });
}

/** Moves `state` past a stamp read from another journal (no-op for an unreadable stamp). */
export function observeHlc(state: HlcState, stamp: string): void {
  const seen = parseHlc(stamp);
  if (!seen) return;
  if (seen.wall > state.wall) {
    state.wall = seen.wall;
    state.counter = seen.counter;
  } else if (seen.wall === state.wall && seen.counter > state.counter) {
    state.counter = seen.counter;
  }
}

// A counter that runs out (a million edits in one millisecond, or a clock far
// behind for long) borrows the next millisecond rather than breaking order.
function bump(state: HlcState): void {
  if (state.counter < MAX_COUNTER) state.counter += 1;
  else {
    state.wall += 1;
    state.counter = 0;
  }
}

import { diffCleanupSemantic, diffMain, DIFF_DELETE, DIFF_EQUAL, DIFF_INSERT } from 'diff-match-patch-es';

/**
 * The edit between two versions of a text, as a position map: where an
 * offset of the old text is now, how much of an old span survived, and
 * which parts of the new text are new. Re-anchoring uses it to follow an
 * annotation through the edit itself instead of guessing from its quote.
 *
 * Positions are UTF-16 indices (the unit of the diff); callers convert.
 *
 * diff-match-patch (Google's, as the maintained ES port) rather than a
 * hand-written Myers diff: it trims the common prefix and suffix first (a
 * typo fix in a long article costs almost nothing), has a deadline for
 * texts that changed everywhere, and its semantic clean-up turns a
 * rewritten sentence into one deletion and one insertion instead of
 * keeping the scattered letters that happen to agree, so a rewritten span
 * does not look half-survived.
 */

interface Segment {
  op: -1 | 0 | 1;
  /** Start in the old text (for an insertion: where it goes). */
  oldStart: number;
  /** Start in the new text (for a deletion: where it was). */
  newStart: number;
  length: number;
}

export interface TextDiff {
  /** Where old index `at` is in the new text; inside a deletion: where the deletion was. */
  mapStart(at: number): number;
  /** Same for a span's (exclusive) end: inside a deletion, after what replaced it. */
  mapEnd(at: number): number;
  /** How many of old text[start, end) are kept (not deleted) in the new text. */
  kept(start: number, end: number): number;
  /** How many of new text[start, end) were inserted by the edit. */
  inserted(start: number, end: number): number;
}

/** Seconds the diff may take before it settles for a coarser (still correct) answer. */
const DIFF_TIMEOUT_S = 0.5;

export function diffTexts(oldText: string, newText: string): TextDiff {
  const diffs = diffMain(oldText, newText, { diffTimeout: DIFF_TIMEOUT_S });
  diffCleanupSemantic(diffs);
  const segments: Segment[] = [];
  let o = 0;
  let n = 0;
  for (const [op, chunk] of diffs) {
    const length = chunk.length;
    if (length === 0) continue;
    segments.push({ op: op as Segment['op'], oldStart: o, newStart: n, length });
    if (op !== DIFF_INSERT) o += length;
    if (op !== DIFF_DELETE) n += length;
  }
  const oldSide = segments.filter((s) => s.op !== DIFF_INSERT);
  const newSide = segments.filter((s) => s.op !== DIFF_DELETE);

  /** The old-side segment holding old index `at` (the last one for the text's end). */
  const oldSegmentAt = (at: number): number => {
    const k = lastAtOrBefore(oldSide, at, (s) => s.oldStart);
    return Math.max(0, k);
  };
  const map = (at: number, end: boolean): number => {
    if (oldSide.length === 0) return end ? n : 0;
    const k = oldSegmentAt(at);
    const s = oldSide[k]!;
    const offset = Math.min(at - s.oldStart, s.length);
    if (s.op === DIFF_EQUAL) return s.newStart + offset;
    // In a deletion: a start goes before what replaced it, an end after it.
    if (!end) return s.newStart;
    const next = segments[segments.indexOf(s) + 1];
    return next && next.op === DIFF_INSERT ? next.newStart + next.length : s.newStart;
  };
  const overlap = (side: Segment[], op: number, start: number, end: number, key: 'oldStart' | 'newStart') => {
    let total = 0;
    for (
      let k = Math.max(
        0,
        lastAtOrBefore(side, start, (s) => s[key]),
      );
      k < side.length;
      k++
    ) {
      const s = side[k]!;
      if (s[key] >= end) break;
      if (s.op !== op) continue;
      total += Math.max(0, Math.min(end, s[key] + s.length) - Math.max(start, s[key]));
    }
    return total;
  };
  return {
    mapStart: (at) => map(at, false),
    mapEnd: (at) => (at === 0 ? map(0, false) : map(at - 1, true) + (isEqualAt(at - 1) ? 1 : 0)),
    kept: (start, end) => overlap(oldSide, DIFF_EQUAL, start, end, 'oldStart'),
    inserted: (start, end) => overlap(newSide, DIFF_INSERT, start, end, 'newStart'),
  };

  function isEqualAt(at: number): boolean {
    return oldSide.length > 0 && oldSide[oldSegmentAt(at)]!.op === DIFF_EQUAL;
  }
}

/** Index of the last segment whose start is ≤ `at`, or -1. */
function lastAtOrBefore(side: readonly Segment[], at: number, start: (s: Segment) => number): number {
  let lo = 0;
  let hi = side.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(side[mid]!) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

import type { HighlightSpan } from './highlight-plugin';

/** Spans in text order (start, then end, then id), sorted in place. */
export function inTextOrder(spans: HighlightSpan[]): HighlightSpan[] {
  return spans.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

/**
 * The next (or previous) highlight in text order (`ordered`, see
 * inTextOrder): from the selected one while the caret is still on it (as
 * Tab leaves it), else from the caret, so Ctrl+Home then Tab starts at the
 * top. A binary search: Tab on a long article does not walk every span.
 */
export function neighbour(
  ordered: readonly HighlightSpan[],
  selectedId: string | null,
  caret: number,
  direction: 1 | -1,
): HighlightSpan | null {
  const at = selectedId === null ? -1 : ordered.findIndex((s) => s.id === selectedId);
  const selected = ordered[at];
  if (selected && caret >= selected.start && caret <= selected.end) return ordered[at + direction] ?? null;
  // The first span starting at or after the caret.
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ordered[mid]!.start < caret) lo = mid + 1;
    else hi = mid;
  }
  return direction === 1 ? (ordered[lo] ?? null) : (ordered[lo - 1] ?? null);
}

import { makeSuggestion, type Matcher } from '../../../shared/suggest/suggest';
import type { Suggestion } from '../../../shared/suggest/suggestion-types';
import type { CodePointIndex } from '../../../shared/text/text-quote';

/**
 * The open document's suggestion list kept current without matching the
 * document again: an accept or reject only takes spans out, a new learned
 * phrase only adds its own matches, and a source's new label (a count of
 * "you tagged this 4×") only renames its suggestions. The results equal
 * `suggestForText` run afresh (see the tests); anything these cannot
 * express (an annotation or rejection taken back, a source gone) is left
 * to a full match.
 */

/** What makes a matcher match what it does: not its label or attribute presets. */
export function matcherIdentity(m: Matcher): string {
  return `${m.source.key}\u0000${m.kind}\u0000${m.tag}\u0000${m.text}`;
}

export function spanKey(tag: string, start: number, end: number): string {
  return `${tag}\u0000${start}\u0000${end}`;
}

/**
 * Where the matchers of `before` (identities) all still are, in the same
 * order, within `after`: the indices of `after` that are new. Null when
 * some matcher went or moved, which only a full match can answer.
 */
export function insertedMatchers(before: readonly string[], after: readonly string[]): number[] | null {
  if (after.length < before.length) return null;
  const inserted: number[] = [];
  let j = 0;
  for (let i = 0; i < after.length; i++) {
    if (j < before.length && after[i] === before[j]) j++;
    else inserted.push(i);
  }
  return j === before.length ? inserted : null;
}

/** Text order, as `suggestForText` gives it: start, then end, then tag. */
export function inTextOrder(a: Suggestion, b: Suggestion): number {
  return a.start - b.start || a.end - b.end || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

/**
 * `list` with `added` (the new matchers' suggestions) merged in. A span
 * (tag, start, end) goes to the first of `matchers` that proposes it, as
 * in `suggestForText`: a new learned phrase takes over a pattern's spans.
 */
export function mergeSuggestions(
  list: readonly Suggestion[],
  added: readonly Suggestion[],
  matchers: readonly Matcher[],
): Suggestion[] {
  if (added.length === 0) return [...list];
  const rank = new Map(matchers.map((m, i) => [m.source.key, i]));
  const rankOf = (s: Suggestion): number => rank.get(s.source.key) ?? Number.MAX_SAFE_INTEGER;
  const bySpan = new Map<string, Suggestion>();
  for (const s of list) bySpan.set(spanKey(s.tag, s.start, s.end), s);
  const displaced = new Set<Suggestion>();
  const fresh: Suggestion[] = [];
  for (const s of added) {
    const span = spanKey(s.tag, s.start, s.end);
    const held = bySpan.get(span);
    if (held && rankOf(held) <= rankOf(s)) continue;
    if (held) displaced.add(held);
    bySpan.set(span, s);
    fresh.push(s);
  }
  fresh.sort(inTextOrder);
  const out: Suggestion[] = [];
  let j = 0;
  for (const s of list) {
    if (displaced.has(s)) continue;
    while (j < fresh.length && inTextOrder(fresh[j]!, s) < 0) out.push(fresh[j++]!);
    out.push(s);
  }
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}

/** `list` without what an annotation now covers (same tag and span) or the analyst rejected. */
export function withoutDecided(
  list: readonly Suggestion[],
  taken: ReadonlySet<string>,
  rejected: ReadonlySet<string>,
): Suggestion[] {
  return list.filter((s) => !rejected.has(s.key) && !taken.has(spanKey(s.tag, s.start, s.end)));
}

/**
 * `list` with each suggestion's source and attributes those of its matcher
 * in `matchers` now (same identity, new label or presets). Suggestions whose
 * matcher did not change are the same objects.
 */
export function relabel(
  list: readonly Suggestion[],
  matchers: readonly Matcher[],
  index: CodePointIndex,
): Suggestion[] {
  const bySource = new Map(matchers.map((m) => [m.source.key, m]));
  return list.map((s) => {
    const m = bySource.get(s.source.key);
    if (!m || (m.source === s.source && m.attributes === s.attributes)) return s;
    if (m.source.label === s.source.label && sameValues(m.attributes, s.attributes)) return s;
    return makeSuggestion(m, s.start, s.end, index, s.key);
  });
}

function sameValues(a: Matcher['attributes'], b: Matcher['attributes']): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** The items of a list of `total` to render, at most `size`, with `current` (an index or -1) among them. */
export function listWindow(total: number, current: number, size: number): { from: number; to: number } {
  if (total <= size) return { from: 0, to: total };
  if (current < size) return { from: 0, to: size };
  const from = Math.min(total - size, current - Math.floor(size / 2));
  return { from, to: from + size };
}

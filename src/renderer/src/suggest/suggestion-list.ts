import { makeSuggestion, type Matcher } from '../../../shared/suggest/suggest';
import { sameSourceWording, type Suggestion } from '../../../shared/suggest/suggestion-types';
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
 * A document's suggestions, and per tag and span (`spanKey`) the ones a
 * higher source's suggestion there left out, best first: what takes the
 * span should that one be rejected.
 */
export interface SuggestionList {
  list: readonly Suggestion[];
  shadows: ReadonlyMap<string, readonly Suggestion[]>;
}

/** The shadowed suggestions as `suggestForText` gives them (matcher order), by span. */
export function shadowsBySpan(shadowed: readonly Suggestion[]): Map<string, Suggestion[]> {
  const out = new Map<string, Suggestion[]>();
  for (const s of shadowed) {
    const span = spanKey(s.tag, s.start, s.end);
    const at = out.get(span);
    if (at) at.push(s);
    else out.set(span, [s]);
  }
  return out;
}

/**
 * `current` with the suggestions of new matchers merged in (`added`, and
 * `addedShadows`, what those shadowed among themselves). A span (tag,
 * start, end) goes to the first of `matchers` that proposes it, as in
 * `suggestForText`: a new learned phrase takes over a pattern's spans,
 * and the pattern's suggestions wait behind it.
 */
export function mergeSuggestions(
  current: SuggestionList,
  added: readonly Suggestion[],
  addedShadows: readonly Suggestion[],
  matchers: readonly Matcher[],
): SuggestionList {
  if (added.length === 0 && addedShadows.length === 0) return current;
  const rankOf = ranking(matchers);
  // Only the list's suggestions that start where a new one does can share its span.
  const starts = new Set<number>();
  for (const s of added) starts.add(s.start);
  const bySpan = new Map<string, Suggestion>();
  for (const s of current.list) if (starts.has(s.start)) bySpan.set(spanKey(s.tag, s.start, s.end), s);
  const shadows = new Map(current.shadows);
  const wait = (span: string, s: Suggestion): void => {
    const queue = [...(shadows.get(span) ?? [])];
    let i = queue.length;
    while (i > 0 && rankOf(queue[i - 1]!) > rankOf(s)) i--;
    queue.splice(i, 0, s);
    shadows.set(span, queue);
  };
  const displaced = new Set<Suggestion>();
  const fresh: Suggestion[] = [];
  for (const s of added) {
    const span = spanKey(s.tag, s.start, s.end);
    const held = bySpan.get(span);
    if (held && rankOf(held) <= rankOf(s)) {
      wait(span, s);
      continue;
    }
    if (held) {
      displaced.add(held);
      wait(span, held);
    }
    bySpan.set(span, s);
    fresh.push(s);
  }
  for (const s of addedShadows) wait(spanKey(s.tag, s.start, s.end), s);
  return { list: mergeInOrder(current.list, fresh, displaced), shadows };
}

/**
 * `current` without what the new decisions cover: an annotation's tag and
 * span (`taken`, `spanKey`s), a rejected suggestion's key. Where a rejected
 * suggestion had one waiting behind it (another source, same tag and span)
 * that one takes its place, as a fresh `suggestForText` would give it.
 * `rejectedNow` is every rejection so far (what waits may be rejected too).
 */
export function withoutDecided(
  current: SuggestionList,
  taken: ReadonlySet<string>,
  rejected: ReadonlySet<string>,
  rejectedNow: ReadonlySet<string> = rejected,
): SuggestionList {
  if (taken.size === 0 && rejected.size === 0) return current;
  // By start, so that the walk below builds no string for the suggestions nothing covers.
  const takenAt = new Set<number>();
  for (const span of taken) takenAt.add(Number(span.split('\u0000')[1]));
  let shadows: Map<string, readonly Suggestion[]> | null = null;
  const promoted: Suggestion[] = [];
  const list = current.list.filter((s) => {
    const covered = takenAt.has(s.start) && taken.has(spanKey(s.tag, s.start, s.end));
    if (!covered && !rejected.has(s.key)) return true;
    const span = spanKey(s.tag, s.start, s.end);
    const waiting = current.shadows.get(span);
    if (!waiting) return false;
    shadows ??= new Map(current.shadows);
    const left = covered ? [] : waiting.filter((w) => !rejectedNow.has(w.key));
    if (left.length > 0) promoted.push(left[0]!);
    if (left.length > 1) shadows.set(span, left.slice(1));
    else shadows.delete(span);
    return false;
  });
  if (!shadows && list.length === current.list.length) return current;
  return { list: mergeInOrder(list, promoted, new Set()), shadows: shadows ?? current.shadows };
}

/** What is in `now` and not in `before`. */
export function added(now: ReadonlySet<string>, before: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const x of now) if (!before.has(x)) out.add(x);
  return out;
}

/** `list` (text order) without `leave`, with `add` (text order) merged in. */
function mergeInOrder(
  list: readonly Suggestion[],
  add: readonly Suggestion[],
  leave: ReadonlySet<Suggestion>,
): Suggestion[] {
  const sorted = [...add].sort(inTextOrder);
  const out: Suggestion[] = [];
  let j = 0;
  for (const s of list) {
    if (leave.has(s)) continue;
    while (j < sorted.length && inTextOrder(sorted[j]!, s) < 0) out.push(sorted[j++]!);
    out.push(s);
  }
  while (j < sorted.length) out.push(sorted[j++]!);
  return out;
}

function ranking(matchers: readonly Matcher[]): (s: Suggestion) => number {
  const rank = new Map(matchers.map((m, i) => [m.source.key, i]));
  return (s) => rank.get(s.source.key) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * `current` with each suggestion's source and attributes those of its
 * matcher in `after` (same identity as in `before`, a new label or new
 * presets). Compared matcher by matcher: when none changed, `current`
 * itself; otherwise only the suggestions of the changed ones are new objects.
 */
export function relabel(
  current: SuggestionList,
  before: readonly Matcher[],
  after: readonly Matcher[],
  index: CodePointIndex,
): SuggestionList {
  const was = new Map(before.map((m) => [m.source.key, m]));
  const changed = new Map<string, Matcher>();
  for (const m of after) {
    const old = was.get(m.source.key);
    if (old && (!sameSourceWording(old.source, m.source) || !sameValues(old.attributes, m.attributes)))
      changed.set(m.source.key, m);
  }
  if (changed.size === 0) return current;
  const renamed = (s: Suggestion): Suggestion => {
    const m = changed.get(s.source.key);
    return m ? makeSuggestion(m, s.start, s.end, index, s.key) : s;
  };
  const shadows = new Map<string, readonly Suggestion[]>();
  for (const [span, waiting] of current.shadows) shadows.set(span, waiting.map(renamed));
  return { list: current.list.map(renamed), shadows };
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

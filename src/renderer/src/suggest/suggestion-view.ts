/**
 * What the analyst sees of the open document's suggestions between two
 * lists: the ones taken away at their keypress (their write has not
 * committed yet) and the current one. A small store rather than React
 * state of the workspace: an accept or reject then renders only what shows
 * suggestions (the article's layer takes one outline away, the panel its
 * one row), not the workspace around them, and the keypress is painted
 * within its frame.
 */
export interface SuggestionViewState {
  /** Suggestion keys taken away at their keypress, until the list itself leaves them out. */
  readonly hidden: ReadonlySet<string>;
  /** The current suggestion's key, as last chosen (`currentOf` tells whether it is still shown). */
  readonly current: string | null;
}

/** The part of the store its readers use (`useSyncExternalStore`). */
export interface SuggestionViewSource {
  get(): SuggestionViewState;
  subscribe(listener: () => void): () => void;
}

const NOTHING: SuggestionViewState = { hidden: new Set(), current: null };

export class SuggestionView implements SuggestionViewSource {
  private state = NOTHING;
  private readonly listeners = new Set<() => void>();

  readonly get = (): SuggestionViewState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  setCurrent(key: string | null): void {
    if (key !== this.state.current) this.set({ ...this.state, current: key });
  }

  /** Takes these away now and makes `current` the current one: one change, one render of each reader. */
  hide(keys: readonly string[], current: string | null = this.state.current): void {
    const hidden = new Set(this.state.hidden);
    for (const k of keys) hidden.add(k);
    this.set({ hidden, current });
  }

  /** Shows these again (their write failed). */
  unhide(keys: readonly string[]): void {
    if (!keys.some((k) => this.state.hidden.has(k))) return;
    const hidden = new Set(this.state.hidden);
    for (const k of keys) hidden.delete(k);
    this.set({ ...this.state, hidden });
  }

  /** Forgets the hidden keys `list` no longer has: the list itself leaves them out now. */
  settle(list: readonly { key: string }[]): void {
    if (this.state.hidden.size === 0) return;
    const left = new Set<string>();
    for (const s of list) if (this.state.hidden.has(s.key)) left.add(s.key);
    if (left.size !== this.state.hidden.size) this.set({ ...this.state, hidden: left });
  }

  /** Another document: nothing hidden, nothing current. */
  clear(): void {
    if (this.state !== NOTHING) this.set(NOTHING);
  }

  private set(next: SuggestionViewState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A store that never changes, for a reader given none. */
export const NO_VIEW: SuggestionViewSource = { get: () => NOTHING, subscribe: () => () => {} };

/** `list` without what `hidden` takes away (`list` itself when nothing is). */
export function shownOf<T extends { key: string }>(
  list: readonly T[],
  hidden: ReadonlySet<string>,
): readonly T[] {
  return hidden.size === 0 ? list : list.filter((s) => !hidden.has(s.key));
}

/** `current` when `shown` has it, else null. */
export function currentOf(shown: readonly { key: string }[], current: string | null): string | null {
  return current !== null && shown.some((s) => s.key === current) ? current : null;
}

import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { offsetToPos, posToOffset, type LineIndex } from '../../../shared/text/offsets';
import { DrawQueue } from './suggestion-queue';

/** What the suggestion layer draws of a suggestion. */
export interface SuggestionMark {
  key: string;
  tag: string;
  start: number;
  end: number;
  /** For screen readers: "suggestion: Cooperation area, pattern: kereta api". */
  label: string;
}

export type SuggestionAction =
  /**
   * These are the suggestions now (in text order). Compared with what is drawn: outlines that
   * are still right stay, the others go, and the new ones are queued and drawn chunk by chunk.
   */
  | { type: 'reset'; marks: readonly SuggestionMark[]; index: LineIndex }
  /** Takes these suggestions away (accepted or rejected), touching no other. */
  | { type: 'remove'; keys: readonly string[] }
  | { type: 'current'; key: string | null }
  /**
   * The part of the text (code point offsets) the analyst can see, with a margin: outlines are
   * drawn there only (and the current one wherever it is); those beyond it go.
   */
  | { type: 'window'; from: number; to: number }
  /** Draws up to `size` queued outlines, nearest `near` (a document position) first. */
  | { type: 'draw'; size: number; near: number };

interface SuggestionState {
  set: DecorationSet;
  /** What is drawn, by suggestion key. */
  byKey: ReadonlyMap<string, Decoration>;
  /** Every suggestion (text order) and, of those, the ones since taken away. */
  all: MarkList;
  /** What is to be drawn (offsets); null until the view has said what is on screen. */
  window: { from: number; to: number } | null;
  /** What of the window is still to draw. */
  queue: DrawQueue<SuggestionMark>;
  index: LineIndex | null;
  current: string | null;
}

/** The layer's suggestions: the last list given, less what was removed since. */
interface MarkList {
  marks: readonly SuggestionMark[];
  byKey: ReadonlyMap<string, SuggestionMark>;
  gone: ReadonlySet<string>;
}

const NO_MARKS: MarkList = { marks: [], byKey: new Map(), gone: new Set() };

export const suggestionKey = new PluginKey<SuggestionState>('tanda-suggestions');

/** User Timing mark set when the queue has been drawn to its end (the bench waits for it). */
export const DRAWN_MARK = 'tanda:suggestions-drawn';

/**
 * Suggestions are drawn by their own plugin, never mixed with the
 * annotations' highlights: a dashed outline and no fill (`.sg` in the
 * stylesheet: a shape, not a colour, tells them apart) and an
 * `aria-description` for screen readers. Accepting or rejecting one removes only its own
 * decoration (transaction metadata), as the highlight plugin does.
 *
 * A long article has about 12,000 suggestions: drawn in one transaction they
 * hold the page for a quarter of a second. So a new list only queues its
 * outlines, and the plugin's view draws them a chunk per frame, starting
 * where the analyst is looking, with chunks sized to stay well inside a frame.
 */
export function suggestionPlugin(): Plugin<SuggestionState> {
  return new Plugin<SuggestionState>({
    key: suggestionKey,
    state: {
      init: () => ({
        set: DecorationSet.empty,
        byKey: new Map(),
        all: NO_MARKS,
        window: null,
        queue: DrawQueue.empty(),
        index: null,
        current: null,
      }),
      apply(tr, state) {
        const meta = tr.getMeta(suggestionKey) as SuggestionAction | readonly SuggestionAction[] | undefined;
        let next = state;
        if (tr.docChanged) next = { ...next, set: next.set.map(tr.mapping, tr.doc) };
        if (meta === undefined) return next;
        for (const action of Array.isArray(meta) ? meta : [meta]) next = applyAction(next, action, tr);
        return next;
      },
    },
    view: (view) => new ChunkedDrawing(view),
    props: {
      decorations: (state) => suggestionKey.getState(state)?.set,
    },
  });
}

/** True when the layer holds suggestions of the text `index` stands for (a new editor state holds none). */
export function suggestionsOf(state: EditorState, index: LineIndex): boolean {
  return suggestionKey.getState(state)?.index === index;
}

/**
 * The keys of `before`'s marks that `after` no longer has, when `after` is
 * `before` with some taken out (the same objects, in the same order): what
 * an accept or reject changes, told without a map of thousands of keys.
 * Null when `after` has anything else (a `reset` then diffs it).
 */
export function removedMarks(
  before: readonly SuggestionMark[],
  after: readonly SuggestionMark[],
): string[] | null {
  if (after.length > before.length) return null;
  const gone: string[] = [];
  let j = 0;
  for (const mark of before) {
    if (j < after.length && after[j] === mark) j++;
    else gone.push(mark.key);
  }
  return j === after.length ? gone : null;
}

/** The suggestions still waiting to be drawn. */
export function queuedSuggestions(state: EditorState): number {
  return suggestionKey.getState(state)?.queue.size ?? 0;
}

function applyAction(state: SuggestionState, action: SuggestionAction, tr: Transaction): SuggestionState {
  switch (action.type) {
    case 'reset':
      return reset(state, action.marks, action.index, tr);
    case 'remove': {
      let byKey: Map<string, Decoration> | null = null;
      const stale: Decoration[] = [];
      let queue = state.queue;
      const gone = new Set(state.all.gone);
      for (const key of action.keys) {
        queue = queue.without(key);
        if (state.all.byKey.has(key)) gone.add(key);
        const drawn = (byKey ?? state.byKey).get(key);
        if (!drawn) continue;
        byKey ??= new Map(state.byKey);
        byKey.delete(key);
        stale.push(drawn);
      }
      const all = gone.size === state.all.gone.size ? state.all : { ...state.all, gone };
      if (!byKey) return { ...state, queue, all };
      return { ...state, set: state.set.remove(stale), byKey, queue, all };
    }
    case 'current':
      return setCurrent(state, action.key, tr);
    case 'window':
      return setWindow(state, { from: action.from, to: action.to });
    case 'draw': {
      if (!state.index || state.queue.size === 0) return state;
      const { taken, rest } = state.queue.take(
        action.size,
        (m) => offsetToPos(state.index!, m.start),
        action.near,
      );
      const byKey = new Map(state.byKey);
      const fresh: Decoration[] = [];
      for (const mark of taken) {
        const d = decorationFor(mark, state.index, mark.key === state.current);
        if (!d) continue;
        byKey.set(mark.key, d);
        fresh.push(d);
      }
      return { ...state, set: state.set.add(tr.doc, fresh), byKey, queue: rest };
    }
  }
}

function reset(
  state: SuggestionState,
  marks: readonly SuggestionMark[],
  index: LineIndex,
  tr: Transaction,
): SuggestionState {
  const sameText = state.index === index;
  const all: MarkList = { marks, byKey: new Map(marks.map((m) => [m.key, m])), gone: new Set() };
  // A window given before the first list (the view says what is on screen) holds for it.
  const window = sameText || state.index === null ? state.window : null;
  const byKey = new Map<string, Decoration>();
  const stale: Decoration[] = [];
  if (sameText)
    for (const [key, d] of state.byKey) {
      const mark = all.byKey.get(key);
      if (mark && sameMark(d.spec.mark as SuggestionMark, mark)) byKey.set(key, d);
      else stale.push(d);
    }
  const set = !sameText ? DecorationSet.empty : stale.length ? state.set.remove(stale) : state.set;
  const next: SuggestionState = { ...state, set, byKey, all, window, index, queue: DrawQueue.empty() };
  const filled = window ? { ...next, queue: DrawQueue.of(undrawn(next, window)) } : next;
  // The current one is drawn at once: its outline is what the analyst is looking at.
  return state.current ? drawNow(filled, state.current, tr) : filled;
}

/** Draws only inside `window` (and the current one): what goes out of it is taken away. */
function setWindow(state: SuggestionState, window: { from: number; to: number }): SuggestionState {
  const stale: Decoration[] = [];
  const byKey = new Map<string, Decoration>();
  for (const [key, d] of state.byKey) {
    const mark = d.spec.mark as SuggestionMark;
    if (key === state.current || (mark.end > window.from && mark.start < window.to)) byKey.set(key, d);
    else stale.push(d);
  }
  const next: SuggestionState = {
    ...state,
    window,
    byKey: stale.length ? byKey : state.byKey,
    set: stale.length ? state.set.remove(stale) : state.set,
  };
  return { ...next, queue: DrawQueue.of(undrawn(next, window)) };
}

/** The suggestions inside `window` that are neither drawn nor taken away, in text order. */
function undrawn(state: SuggestionState, window: { from: number; to: number }): SuggestionMark[] {
  const { marks, gone } = state.all;
  // Marks are in text order, by start: the first that could reach into the window, then on.
  let a = 0;
  let b = marks.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (marks[m]!.start < window.from - MAX_SPAN) a = m + 1;
    else b = m;
  }
  const out: SuggestionMark[] = [];
  for (let i = a; i < marks.length && marks[i]!.start < window.to; i++) {
    const mark = marks[i]!;
    if (mark.end > window.from && !state.byKey.has(mark.key) && !gone.has(mark.key)) out.push(mark);
  }
  return out;
}

/** Longest suggestion looked back for when a window starts (a span longer than this that starts before it is drawn once scrolled to). */
const MAX_SPAN = 2000;

function setCurrent(state: SuggestionState, key: string | null, tr: Transaction): SuggestionState {
  if (key === state.current || !state.index) return { ...state, current: key };
  let next: SuggestionState = { ...state, current: key };
  for (const [k, selected] of [
    [state.current, false],
    [key, true],
  ] as const) {
    const old = k ? next.byKey.get(k) : undefined;
    if (!k || !old) continue;
    const fresh = decorationFor(old.spec.mark as SuggestionMark, state.index, selected);
    const byKey = new Map(next.byKey);
    if (fresh) byKey.set(k, fresh);
    else byKey.delete(k);
    next = { ...next, set: next.set.remove([old]).add(tr.doc, fresh ? [fresh] : []), byKey };
  }
  return key ? drawNow(next, key, tr) : next;
}

/** Draws the queued suggestion `key` now, out of its turn. */
function drawNow(state: SuggestionState, key: string, tr: Transaction): SuggestionState {
  const mark = state.all.byKey.get(key);
  if (!mark || !state.index || state.byKey.has(key) || state.all.gone.has(key)) return state;
  const d = decorationFor(mark, state.index, key === state.current);
  const queue = state.queue.without(key);
  if (!d) return { ...state, queue };
  return {
    ...state,
    set: state.set.add(tr.doc, [d]),
    byKey: new Map(state.byKey).set(key, d),
    queue,
  };
}

function sameMark(a: SuggestionMark, b: SuggestionMark): boolean {
  return a.start === b.start && a.end === b.end && a.tag === b.tag && a.label === b.label;
}

function decorationFor(mark: SuggestionMark, index: LineIndex, current: boolean): Decoration | null {
  const from = offsetToPos(index, mark.start);
  const to = offsetToPos(index, mark.end);
  if (to <= from) return null;
  return Decoration.inline(
    from,
    to,
    {
      nodeName: 'span',
      class: current ? 'sg sg-current' : 'sg',
      'data-suggestion-key': mark.key,
      'data-tag': mark.tag,
      // No text of its own inside the article (copying and find stay as they were).
      'aria-description': `${current ? 'current ' : ''}suggestion: ${mark.label}`,
    },
    { mark, inclusiveStart: false, inclusiveEnd: false },
  );
}

/** Time one chunk may take to draw, leaving the rest of the frame to style, layout and paint. */
const CHUNK_BUDGET_MS = 12;
const FIRST_CHUNK = 400;
const MIN_CHUNK = 50;
const MAX_CHUNK = 5000;

/**
 * Keeps the window on what is on screen and draws it a chunk per frame
 * (a list of up to WHOLE_TEXT_UP_TO suggestions has the whole text for its window).
 * The window reaches a screenful of text above and below the visible part,
 * and moves once the visible part comes within half a screenful of its
 * edge, so scrolling draws a few hundred outlines now and then, never the
 * whole article. Each chunk's size follows how long the last one took.
 */
class ChunkedDrawing {
  private frame = 0;
  private size = FIRST_CHUNK;
  private queue: DrawQueue<SuggestionMark> | null = null;
  private readonly onScroll = (): void => this.schedule();

  constructor(private readonly view: EditorView) {
    if (typeof document !== 'undefined')
      document.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    this.update();
  }

  update(): void {
    const state = suggestionKey.getState(this.view.state);
    if (!state || state.queue === this.queue) {
      if (state && state.window === null && state.all.marks.length > 0) this.schedule();
      return;
    }
    const emptied = this.queue !== null && this.queue.size > 0 && state.queue.size === 0;
    this.queue = state.queue;
    if (emptied && typeof performance.mark === 'function')
      performance.mark(DRAWN_MARK, {
        detail: { count: state.byKey.size, total: state.all.marks.length - state.all.gone.size },
      });
    this.schedule();
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestFrame(() => this.step());
  }

  private step(): void {
    this.frame = 0;
    const state = suggestionKey.getState(this.view.state);
    if (!state?.index || state.all.marks.length === 0) return;
    const wanted = windowFor(this.view, state);
    if (wanted) this.send({ type: 'window', ...wanted });
    if (queuedSuggestions(this.view.state) === 0) return;
    const began = performance.now();
    this.send({ type: 'draw', size: this.size, near: visibleStart(this.view) });
    const took = Math.max(1, performance.now() - began);
    this.size = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (this.size * CHUNK_BUDGET_MS) / took)));
  }

  private send(action: SuggestionAction): void {
    this.view.dispatch(this.view.state.tr.setMeta(suggestionKey, action).setMeta('addToHistory', false));
  }

  destroy(): void {
    if (typeof document !== 'undefined')
      document.removeEventListener('scroll', this.onScroll, { capture: true });
    cancelFrame(this.frame);
    this.frame = 0;
  }
}

/**
 * A new window when the visible text (offsets) comes near the edge of
 * `current`'s, null while `current` still holds it. Without layout (a
 * test's DOM) the window is the whole text.
 */
function windowFor(view: EditorView, state: SuggestionState): { from: number; to: number } | null {
  const { index, window: current } = state;
  if (!index) return null;
  // A list that draws in a frame or two is drawn whole: every outline in the DOM for a screen reader.
  if (state.all.marks.length <= WHOLE_TEXT_UP_TO)
    return current && current.from === 0 && current.to >= index.chars ? null : { from: 0, to: index.chars };
  const seen = visibleOffsets(view, index);
  if (!seen) return current ? null : { from: 0, to: index.chars };
  const margin = Math.max(seen.to - seen.from, MIN_MARGIN);
  if (current && current.from <= Math.max(0, seen.from - margin / 2) && current.to >= seen.to + margin / 2)
    return null;
  return { from: Math.max(0, seen.from - margin), to: Math.min(index.chars, seen.to + margin) };
}

/** Lists up to this long are drawn whole (a chunk or two); longer ones only on and near the screen. */
const WHOLE_TEXT_UP_TO = 1500;

/** Code points of margin above and below at the least (a few paragraphs). */
const MIN_MARGIN = 4000;

/** The code point offsets at the top and bottom of what is visible of the article; null without layout. */
function visibleOffsets(view: EditorView, index: LineIndex): { from: number; to: number } | null {
  if (typeof view.dom.getBoundingClientRect !== 'function') return null;
  const box = view.dom.getBoundingClientRect();
  if (box.height === 0) return null;
  const height = globalThis.innerHeight ?? 0;
  const top = Math.max(box.top, 0) + 2;
  const bottom = Math.min(box.bottom, height) - 2;
  if (bottom <= top) return { from: 0, to: 0 };
  try {
    const left = box.left + Math.min(box.width / 2, 40);
    const a = view.posAtCoords({ left, top })?.pos;
    const b = view.posAtCoords({ left: box.right - 2, top: bottom })?.pos;
    if (a === undefined) return null;
    const from = posToOffset(index, a);
    const to = b === undefined ? from + MIN_MARGIN : posToOffset(index, b);
    return { from: Math.min(from, to), to: Math.max(from, to) };
  } catch {
    return null;
  }
}

/** The document position at the top of the article's visible part (0 when it cannot tell). */
function visibleStart(view: EditorView): number {
  if (typeof view.dom.getBoundingClientRect !== 'function') return 0;
  const box = view.dom.getBoundingClientRect();
  const top = Math.max(box.top, 0) + 4;
  if (top >= (globalThis.innerHeight ?? 0)) return 0;
  try {
    return view.posAtCoords({ left: box.left + Math.min(box.width / 2, 40), top })?.pos ?? 0;
  } catch {
    return 0; // no layout (a test's DOM)
  }
}

function requestFrame(callback: () => void): number {
  return typeof requestAnimationFrame === 'function'
    ? requestAnimationFrame(callback)
    : (setTimeout(callback, 0) as unknown as number);
}

function cancelFrame(id: number): void {
  if (id === 0) return;
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(id);
  else clearTimeout(id);
}

/**
 * One transaction for one action, or for several in order: an accept's outline taken away and the next
 * one made current are one view update (each update compares the whole article's decorations).
 */
export function dispatchSuggestions(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  action: SuggestionAction | readonly SuggestionAction[],
): void {
  if (Array.isArray(action) && action.length === 0) return;
  view.dispatch(view.state.tr.setMeta(suggestionKey, action).setMeta('addToHistory', false));
}

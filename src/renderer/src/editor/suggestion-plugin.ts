import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { offsetToPos, type LineIndex } from '../../../shared/text/offsets';
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
  /** Draws up to `size` queued outlines, nearest `near` (a document position) first. */
  | { type: 'draw'; size: number; near: number };

interface SuggestionState {
  set: DecorationSet;
  /** What is drawn, by suggestion key. */
  byKey: ReadonlyMap<string, Decoration>;
  /** What is still to draw. */
  queue: DrawQueue<SuggestionMark>;
  index: LineIndex | null;
  current: string | null;
}

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
        queue: DrawQueue.empty(),
        index: null,
        current: null,
      }),
      apply(tr, state) {
        const action = tr.getMeta(suggestionKey) as SuggestionAction | undefined;
        let next = state;
        if (tr.docChanged) next = { ...next, set: next.set.map(tr.mapping, tr.doc) };
        return action ? applyAction(next, action, tr) : next;
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
      for (const key of action.keys) {
        queue = queue.without(key);
        const drawn = (byKey ?? state.byKey).get(key);
        if (!drawn) continue;
        byKey ??= new Map(state.byKey);
        byKey.delete(key);
        stale.push(drawn);
      }
      if (!byKey) return queue === state.queue ? state : { ...state, queue };
      return { ...state, set: state.set.remove(stale), byKey, queue };
    }
    case 'current':
      return setCurrent(state, action.key, tr);
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
  const byKey = new Map<string, Decoration>();
  const waiting: SuggestionMark[] = [];
  for (const mark of marks) {
    const drawn = sameText ? state.byKey.get(mark.key) : undefined;
    if (drawn && sameMark(drawn.spec.mark as SuggestionMark, mark)) byKey.set(mark.key, drawn);
    else waiting.push(mark);
  }
  let set = sameText ? state.set : DecorationSet.empty;
  if (sameText) {
    const stale: Decoration[] = [];
    for (const [key, d] of state.byKey) if (byKey.get(key) !== d) stale.push(d);
    if (stale.length) set = set.remove(stale);
  }
  const next: SuggestionState = { ...state, set, byKey, queue: DrawQueue.of(waiting), index };
  // The current one is drawn at once: its outline is what the analyst is looking at.
  return state.current ? drawNow(next, state.current, tr) : next;
}

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
  const mark = state.queue.get(key);
  if (!mark || !state.index) return state;
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
 * Draws the queue a chunk per animation frame. Each chunk's size follows how
 * long the last one took (a slow machine draws fewer per frame), and the
 * first chunk of a new queue starts at the top of the visible part of the
 * article, so what is on screen is outlined in the frame the list arrives.
 */
class ChunkedDrawing {
  private frame = 0;
  private size = FIRST_CHUNK;
  private near: number | null = null;
  private queue: DrawQueue<SuggestionMark> | null = null;

  constructor(private readonly view: EditorView) {
    this.update();
  }

  update(): void {
    const state = suggestionKey.getState(this.view.state);
    if (!state || state.queue === this.queue) return;
    const fresh = this.queue === null || !state.queue.continues(this.queue);
    this.queue = state.queue;
    if (fresh) this.near = null;
    if (state.queue.size === 0) {
      if (fresh) return;
      cancelFrame(this.frame);
      this.frame = 0;
      if (typeof performance.mark === 'function')
        performance.mark(DRAWN_MARK, { detail: { count: state.byKey.size } });
      return;
    }
    if (this.frame === 0) this.frame = requestFrame(() => this.draw());
  }

  private draw(): void {
    this.frame = 0;
    if (queuedSuggestions(this.view.state) === 0) return;
    this.near ??= visibleStart(this.view);
    const began = performance.now();
    this.view.dispatch(
      this.view.state.tr
        .setMeta(suggestionKey, { type: 'draw', size: this.size, near: this.near } satisfies SuggestionAction)
        .setMeta('addToHistory', false),
    );
    const took = Math.max(1, performance.now() - began);
    this.size = Math.round(Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, (this.size * CHUNK_BUDGET_MS) / took)));
  }

  destroy(): void {
    cancelFrame(this.frame);
    this.frame = 0;
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

export function dispatchSuggestions(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  action: SuggestionAction,
): void {
  view.dispatch(view.state.tr.setMeta(suggestionKey, action).setMeta('addToHistory', false));
}

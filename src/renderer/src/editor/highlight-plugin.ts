import { Map as PersistentMap } from 'immutable';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { offsetToPos, type LineIndex } from '../../../shared/text/offsets';

/** What the highlight layer needs to know of an annotation. */
export interface HighlightSpan {
  id: string;
  tag: string;
  start: number;
  end: number;
  /** Shown but not editable (another annotator's, or a retired tag). */
  readOnly?: boolean;
  /** Drawn before its annotation's save completed. */
  pending?: boolean;
}

/** What changed in the spans to draw: applied to the highlight layer as it comes. */
export interface SpanDelta {
  add: HighlightSpan[];
  remove: string[];
}

/** The spans to draw, read whole with a new text and followed by deltas afterwards. */
export interface SpanSource {
  current(): HighlightSpan[];
  subscribe(listener: (delta: SpanDelta) => void): () => void;
}

export type HighlightAction =
  | { type: 'reset'; spans: HighlightSpan[]; index: LineIndex }
  /** Adds or replaces the given spans and removes the given ids, in one step. */
  | { type: 'update'; add: HighlightSpan[]; remove: string[] }
  | { type: 'select'; id: string | null };

interface HighlightState {
  set: DecorationSet;
  /**
   * Decorations per annotation id, so removing one never scans the set. A
   * persistent map: each state keeps its own, and a tag changes a few
   * entries of 10,000 instead of copying all of them (1 ms a keystroke).
   */
  byId: PersistentMap<string, Decoration[]>;
  index: LineIndex | null;
  selected: string | null;
}

export const highlightKey = new PluginKey<HighlightState>('tanda-highlights');

/**
 * All annotation highlights are owned here. Changes arrive as transaction
 * metadata and touch only the decorations of the annotations they name:
 * adding one highlight to an article with thousands never rebuilds the set.
 */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({ set: DecorationSet.empty, byId: PersistentMap(), index: null, selected: null }),
      apply(tr, state) {
        const action = tr.getMeta(highlightKey) as HighlightAction | undefined;
        let next = state;
        if (tr.docChanged) next = { ...next, set: next.set.map(tr.mapping, tr.doc) };
        if (!action) return next;
        return applyAction(next, action, tr);
      },
    },
    props: {
      decorations: (state) => highlightKey.getState(state)?.set,
    },
  });
}

function applyAction(state: HighlightState, action: HighlightAction, tr: Transaction): HighlightState {
  switch (action.type) {
    case 'reset': {
      const all: Decoration[] = [];
      const byId = PersistentMap<string, Decoration[]>().withMutations((map) => {
        for (const span of action.spans) {
          const decorations = decorationsFor(span, action.index, span.id === state.selected);
          map.set(span.id, decorations);
          all.push(...decorations);
        }
      });
      return { set: DecorationSet.create(tr.doc, all), byId, index: action.index, selected: state.selected };
    }
    case 'update': {
      if (!state.index) return state;
      const index = state.index;
      const stale: Decoration[] = [];
      const fresh: Decoration[] = [];
      const byId = state.byId.withMutations((map) => {
        for (const id of [...action.remove, ...action.add.map((span) => span.id)]) {
          const old = map.get(id);
          if (old) stale.push(...old);
          map.delete(id);
        }
        for (const span of action.add) {
          const decorations = decorationsFor(span, index, span.id === state.selected);
          map.set(span.id, decorations);
          fresh.push(...decorations);
        }
      });
      // DecorationSet.remove nulls out entries of the array it is given: it gets its own.
      let set = stale.length ? state.set.remove(stale) : state.set;
      if (fresh.length) set = set.add(tr.doc, fresh);
      return { ...state, set, byId };
    }
    case 'select': {
      if (action.id === state.selected || !state.index) return { ...state, selected: action.id };
      const next: HighlightState = { ...state, selected: action.id };
      const affected = [state.selected, action.id]
        .map((id) => (id ? next.byId.get(id)?.[0]?.spec.span : undefined))
        .filter((span): span is HighlightSpan => span !== undefined);
      return applyAction(next, { type: 'update', add: affected, remove: [] }, tr);
    }
  }
}

function decorationsFor(span: HighlightSpan, index: LineIndex, selected: boolean): Decoration[] {
  const from = offsetToPos(index, span.start);
  const to = offsetToPos(index, span.end);
  if (to <= from) return [];
  const classes = ['hl', `hl-${cssIdent(span.tag)}`];
  if (selected) classes.push('hl-selected');
  if (span.readOnly) classes.push('hl-readonly');
  if (span.pending) classes.push('hl-pending');
  // nodeName gives every annotation its own nested element, so overlapping
  // highlights stack (blended backgrounds) instead of merging into one span.
  return [
    Decoration.inline(
      from,
      to,
      { nodeName: 'span', class: classes.join(' '), 'data-annotation-id': span.id, 'data-tag': span.tag },
      { span, inclusiveStart: false, inclusiveEnd: false },
    ),
  ];
}

function cssIdent(tag: string): string {
  return tag.replace(/[^a-zA-Z0-9_-]/g, '_');
}

export function dispatchHighlights(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  action: HighlightAction,
): void {
  view.dispatch(view.state.tr.setMeta(highlightKey, action).setMeta('addToHistory', false));
}

/** Ids of the annotations under a DOM node, innermost first. */
export function annotationIdsAt(node: Node | null, root: HTMLElement): string[] {
  const ids: string[] = [];
  for (
    let el = node instanceof Element ? node : node?.parentElement;
    el && el !== root;
    el = el.parentElement
  ) {
    const id = el.getAttribute('data-annotation-id');
    if (id) ids.push(id);
  }
  return ids;
}

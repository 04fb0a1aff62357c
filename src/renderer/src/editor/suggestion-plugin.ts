import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { offsetToPos, type LineIndex } from '../../../shared/text/offsets';

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
  | { type: 'reset'; marks: SuggestionMark[]; index: LineIndex }
  /** Takes these suggestions away (accepted or rejected), touching no other. */
  | { type: 'remove'; keys: string[] }
  | { type: 'current'; key: string | null };

interface SuggestionState {
  set: DecorationSet;
  byKey: Map<string, Decoration[]>;
  index: LineIndex | null;
  current: string | null;
}

export const suggestionKey = new PluginKey<SuggestionState>('tanda-suggestions');

/**
 * Suggestions are drawn by their own plugin, never mixed with the
 * annotations' highlights: a dashed outline and no fill (`.sg` in the
 * stylesheet: a shape, not a colour, tells them apart) and an
 * `aria-description` for screen readers. Accepting or rejecting one removes only its own
 * decorations (transaction metadata), as the highlight plugin does.
 */
export function suggestionPlugin(): Plugin<SuggestionState> {
  return new Plugin<SuggestionState>({
    key: suggestionKey,
    state: {
      init: () => ({ set: DecorationSet.empty, byKey: new Map(), index: null, current: null }),
      apply(tr, state) {
        const action = tr.getMeta(suggestionKey) as SuggestionAction | undefined;
        let next = state;
        if (tr.docChanged) next = { ...next, set: next.set.map(tr.mapping, tr.doc) };
        return action ? applyAction(next, action, tr) : next;
      },
    },
    props: {
      decorations: (state) => suggestionKey.getState(state)?.set,
    },
  });
}

function applyAction(state: SuggestionState, action: SuggestionAction, tr: Transaction): SuggestionState {
  switch (action.type) {
    case 'reset': {
      const byKey = new Map<string, Decoration[]>();
      for (const mark of action.marks)
        byKey.set(mark.key, decorationsFor(mark, action.index, mark.key === state.current));
      return {
        set: DecorationSet.create(tr.doc, [...byKey.values()].flat()),
        byKey,
        index: action.index,
        current: state.current,
      };
    }
    case 'remove': {
      const byKey = new Map(state.byKey);
      const stale: Decoration[] = [];
      for (const key of action.keys) {
        stale.push(...(byKey.get(key) ?? []));
        byKey.delete(key);
      }
      return stale.length ? { ...state, set: state.set.remove(stale), byKey } : state;
    }
    case 'current': {
      if (action.key === state.current || !state.index) return { ...state, current: action.key };
      const byKey = new Map(state.byKey);
      let set = state.set;
      for (const [key, selected] of [
        [state.current, false],
        [action.key, true],
      ] as const) {
        const old = key ? byKey.get(key) : undefined;
        if (!key || !old || old.length === 0) continue;
        const mark = old[0]!.spec.mark as SuggestionMark;
        const fresh = decorationsFor(mark, state.index, selected);
        // remove and add both null out entries of the arrays they are given: they get copies.
        set = set.remove([...old]).add(tr.doc, [...fresh]);
        byKey.set(key, fresh);
      }
      return { ...state, set, byKey, current: action.key };
    }
  }
}

function decorationsFor(mark: SuggestionMark, index: LineIndex, current: boolean): Decoration[] {
  const from = offsetToPos(index, mark.start);
  const to = offsetToPos(index, mark.end);
  if (to <= from) return [];
  return [
    Decoration.inline(
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
    ),
  ];
}

export function dispatchSuggestions(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  action: SuggestionAction,
): void {
  view.dispatch(view.state.tr.setMeta(suggestionKey, action).setMeta('addToHistory', false));
}

import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** A match of Find in article, in ProseMirror positions. */
export interface FindMatch {
  from: number;
  to: number;
}

interface FindState {
  matches: FindMatch[];
  current: number;
  set: DecorationSet;
}

export const findKey = new PluginKey<FindState>('tanda-find');

/**
 * Find-in-article matches: a plugin of their own, so they never touch the
 * annotation highlights (which stay owned by highlight-plugin). Each match
 * is its own nested element, like a highlight, so the two can overlap.
 */
export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => ({ matches: [], current: -1, set: DecorationSet.empty }),
      apply(tr, state) {
        const next = tr.getMeta(findKey) as { matches: FindMatch[]; current: number } | undefined;
        if (!next) return tr.docChanged ? { ...state, set: state.set.map(tr.mapping, tr.doc) } : state;
        return { ...next, set: DecorationSet.create(tr.doc, decorate(next.matches, next.current)) };
      },
    },
    props: { decorations: (state) => findKey.getState(state)?.set },
  });
}

function decorate(matches: FindMatch[], current: number): Decoration[] {
  return matches.map((m, i) =>
    Decoration.inline(m.from, m.to, {
      nodeName: 'span',
      class: i === current ? 'find-match find-current' : 'find-match',
    }),
  );
}

export function setFindMatches(
  view: { state: EditorState; dispatch: (tr: Transaction) => void },
  matches: FindMatch[],
  current: number,
): void {
  view.dispatch(view.state.tr.setMeta(findKey, { matches, current }));
}

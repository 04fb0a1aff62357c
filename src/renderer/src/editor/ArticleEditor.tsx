import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { DocumentStructure } from '../../../shared/corpus/document-structure';
import { buildLineIndex, offsetToPos, posToOffset, type LineIndex } from '../../../shared/text/offsets';
import { afterFrame, afterNextPaint } from './after-paint';
import { articleDocFromText } from './article-doc';
import { readOnlyPlugin } from './read-only';
import { structurePlugin } from './structure-plugin';
import {
  annotationIdsAt,
  dispatchHighlights,
  highlightKey,
  highlightPlugin,
  type HighlightSpan,
  type SpanSource,
} from './highlight-plugin';
import { findPlugin, setFindMatches } from './find-plugin';
import { sectionView, sectionWindowPlugin, showSectionsAt } from './section-window';
import {
  dispatchSuggestions,
  removedMarks,
  suggestionPlugin,
  suggestionsOf,
  type SuggestionAction,
  type SuggestionMark,
} from './suggestion-plugin';
import { SelectionToolbar, type ToolbarTag } from './SelectionToolbar';
import { inTextOrder, neighbour } from './span-order';
import { useUiLanguage } from '../i18n/i18n';
import { NO_VIEW, shownOf, type SuggestionViewSource } from '../suggest/suggestion-view';
import { revealInView } from './reveal-in-view';

const NO_MARKS: readonly SuggestionMark[] = [];

/** A range to bring into view once; a new `nonce` asks again for the same range. */
export interface RevealRange {
  start: number;
  end: number;
  nonce: number;
  /** Select the text (ready to tag); otherwise the caret goes to the start. */
  select: boolean;
}

export interface ArticleEditorHandle {
  /** Scrolls a highlight into view and flashes it. */
  reveal(id: string): void;
  focus(): void;
}

interface Props {
  /** Headings and pages of the text (see document-structure.ts), drawn as decorations. */
  structure?: DocumentStructure;
  /** Changing the key (document path + sha256) loads a new text. */
  docKey: string;
  text: string;
  /** The highlights to show: read whole with a new text, then followed change by change. */
  spans: SpanSource;
  selectedId: string | null;
  /** Active tags, in codebook order, for the toolbar. */
  tags: ToolbarTag[];
  /** Every tag's shortcut key (lower case), retired ones too, so a key that cannot act can say why. */
  tagKeys: ReadonlyMap<string, string>;
  /**
   * The analyst asked to tag `range` (the selection as shown, null when there
   * is none). True when a tag was started: its owner draws it at once.
   */
  onTag(tagId: string, range: { start: number; end: number } | null): boolean;
  /** `keyboard` when Tab or Shift+Tab moved to it (it is announced). */
  onSelectAnnotation(id: string | null, how?: 'keyboard'): void;
  /** Delete (or Backspace) with an annotation selected. */
  onDeleteSelected(): void;
  /** Enter with an annotation selected: its form takes the focus. */
  onOpenSelected(): void;
  /** The caret or the selection was moved with the keyboard (arrows, Home, End, Page keys). */
  onCaretMove?: (() => void) | undefined;
  /** False until the document's annotations are loaded; the text waits for them. */
  ready: boolean;
  onUndo(): void;
  onRedo(): void;
  /** The text's language, for screen readers. */
  lang?: string | undefined;
  /** Names the annotations under the pointer, innermost first. */
  describe(ids: string[]): string;
  /** Scroll this code point range into view, and select it or put the caret there (e.g. a search hit). */
  revealRange?: RevealRange | undefined;
  /** Find-in-article matches (code point spans) and the current one, or undefined when find is closed. */
  findMatches?: { matches: { start: number; end: number }[]; current: number } | undefined;
  /** Suggestions to draw (their own plugin), less what `suggestionView` hides; it also names the current one. */
  suggestions?: readonly SuggestionMark[] | undefined;
  suggestionView?: SuggestionViewSource | undefined;
  /** A key pressed with no text selected; true when it acted on suggestions. */
  onSuggestionKey?: ((key: string) => boolean) | undefined;
}

interface Tooltip {
  text: string;
  x: number;
  y: number;
}

/** Hosts one ProseMirror view for the life of the component; texts are swapped into it. */
export const ArticleEditor = forwardRef<ArticleEditorHandle, Props>(function ArticleEditor(props, ref) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const index = useMemo(() => buildLineIndex(props.text), [props.text]);
  const indexRef = useRef<LineIndex>(index);
  indexRef.current = index;
  const [selection, setSelection] = useState<{
    start: number;
    end: number;
    top: number;
    left: number;
  } | null>(null);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  /** Keyboard caret moves so far: work that lands later must not undo one. */
  const caretMoves = useRef(0);
  /** True while a tag key's highlight is drawn: ProseMirror writes no selection then (see `tagRange`). */
  const holdSelection = useRef(false);
  /** The drawn spans in text order, for Tab: sorted once after each change, not at every keypress. */
  const orderedRef = useRef<HighlightSpan[] | null>(null);
  const { t } = useUiLanguage('editor');
  const articleLabel = t('articleText');
  const labelRef = useRef(articleLabel);
  labelRef.current = articleLabel;

  useEffect(() => {
    const host = hostRef.current!;
    const view: EditorView = new EditorView(host, {
      state: EditorState.create({ doc: articleDocFromText('') }),
      // A function, so a change of interface language reaches the label (see the effect below).
      attributes: () => ({
        'aria-label': labelRef.current,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-readonly': 'true',
        spellcheck: 'false',
        class: 'article-text',
      }),
      dispatchTransaction(tr) {
        // A transaction that does not set the selection (a save's highlights landing, say) keeps the one
        // the analyst sees: ProseMirror's own may not have read the last caret move yet, and writing it
        // back to the page would take the caret back.
        const held = holdSelection.current && !tr.selectionSet;
        if (!held && !tr.selectionSet && !tr.docChanged) adoptShownSelection(view, tr);
        const next = view.state.apply(tr);
        if (held) updateWithoutSelectionWrite(view, next);
        else view.updateState(next);
        if (tr.selectionSet || tr.docChanged) setSelection(selectionBox(view, host, indexRef.current));
      },
      handleKeyDown: (v, event) => handleKey(v, event),
      nodeViews: { section: sectionView(() => host.clientWidth) },
      // ProseMirror calls this only for a click without a drag, before it moves the caret.
      handleClick(v, _pos, event) {
        if (event.shiftKey) return false;
        const ids = annotationIdsAt(event.target as Node, v.dom as HTMLElement);
        propsRef.current.onSelectAnnotation(ids[0] ?? null);
        return false;
      },
      handleDOMEvents: {
        mousemove(v, event) {
          const ids = annotationIdsAt(event.target as Node, v.dom as HTMLElement);
          if (ids.length === 0) setTooltip(null);
          else {
            const box = host.getBoundingClientRect();
            setTooltip({
              text: propsRef.current.describe(ids),
              x: event.clientX - box.left,
              y: event.clientY - box.top,
            });
          }
          return false;
        },
        mouseleave() {
          setTooltip(null);
          return false;
        },
        blur() {
          // Keep the toolbar while focus moves into it (its buttons are clickable).
          setTimeout(() => {
            if (!host.contains(document.activeElement)) setSelection(null);
          }, 0);
          return false;
        },
        focus(v) {
          setSelection(selectionBox(v, host, indexRef.current));
          return false;
        },
      },
    });
    viewRef.current = view;
    hideEditableFromReact(view.dom);

    function handleKey(v: EditorView, event: KeyboardEvent): boolean {
      const p = propsRef.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (CARET_KEYS.has(event.key)) {
        caretMoves.current++;
        p.onCaretMove?.();
        return false; // the browser moves the caret
      }
      if (mod && !event.altKey && (key === 'z' || key === 'y')) {
        if (key === 'y' || event.shiftKey) p.onRedo();
        else p.onUndo();
        return true;
      }
      if (mod || event.altKey) return false;
      // The selection the analyst sees: ProseMirror's own can lag a fast keyboard by a selectionchange.
      const range = shownSelection(v, indexRef.current);
      if (!range && p.onSuggestionKey?.(event.key)) return true;
      const tagId = p.tagKeys.get(key);
      if (tagId !== undefined) {
        tagRange(v, tagId, range, true);
        return true;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        if (p.selectedId) p.onDeleteSelected();
        return true;
      }
      if (event.key === 'Enter' && p.selectedId && !event.shiftKey) {
        p.onOpenSelected();
        return true;
      }
      if (event.key === 'Escape') {
        p.onSelectAnnotation(null);
        return false;
      }
      if (event.key === 'Tab') {
        orderedRef.current ??= inTextOrder(p.spans.current());
        const next = neighbour(
          orderedRef.current,
          p.selectedId,
          caretOffset(v, indexRef.current),
          event.shiftKey ? -1 : 1,
        );
        if (!next) return false; // let focus leave the article
        p.onSelectAnnotation(next.id, 'keyboard');
        placeCaret(v, indexRef.current, next.start);
        return true;
      }
      return false;
    }

    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, []);

  /**
   * The owner draws the new highlight in this keystroke's frame (through
   * `spans`). The caret moves to the end of the span after the paint, so the
   * selection write costs the frame nothing.
   *
   * From a key, ProseMirror does not even write the selection back after the
   * draw: the highlight rewrites the text node the selection is in, and a
   * selection write then makes Chrome lay the paragraph out inside the
   * keystroke (2–4 ms of a long article's tag, more than half its handler).
   * For that frame the page's selection is what the rewrite left of it (the
   * start of the span); right after the paint the caret goes to the end,
   * unless the analyst has put the selection anywhere else meanwhile.
   */
  function tagRange(
    view: EditorView,
    tagId: string,
    range: { start: number; end: number } | null,
    fromKey = false,
  ): void {
    holdSelection.current = fromKey;
    let tagging: boolean;
    try {
      tagging = propsRef.current.onTag(tagId, range);
    } finally {
      holdSelection.current = false;
    }
    if (!tagging) return;
    const tagged = view.state.selection;
    const moves = caretMoves.current;
    if (fromKey) {
      const left = selectionPoints(view);
      afterFrame(() => {
        if (
          viewRef.current === view &&
          caretMoves.current === moves &&
          samePoints(selectionPoints(view), left)
        )
          placeCaretAt(view, tagged.to);
      });
      return;
    }
    void afterNextPaint().then(() => {
      // Unless the analyst has selected something else or moved the caret meanwhile (ProseMirror may not
      // have read a keyboard move yet).
      if (viewRef.current === view && view.state.selection.eq(tagged) && caretMoves.current === moves)
        placeCaretAt(view, tagged.to);
    });
  }

  // A new text: text and highlights are rendered in one pass, once the
  // annotations are known (two passes cost a long article a second render).
  useEffect(() => {
    if (!props.ready) return;
    const view = viewRef.current!;
    let state = EditorState.create({
      doc: articleDocFromText(props.text),
      plugins: [
        readOnlyPlugin(),
        highlightPlugin(),
        findPlugin(),
        structurePlugin(props.structure, index),
        suggestionPlugin(),
        sectionWindowPlugin(() => hostRef.current?.clientWidth ?? 0),
      ],
    });
    state = state.apply(state.tr.setMeta(highlightKey, { type: 'select', id: props.selectedId }));
    const source = props.spans;
    state = state.apply(state.tr.setMeta(highlightKey, { type: 'reset', spans: source.current(), index }));
    view.updateState(state);
    orderedRef.current = null;
    setSelection(null);
    hostRef.current?.closest('.article-pane')?.scrollTo({ top: 0 });
    // Later changes: only the highlights that changed are touched, in the frame they are made.
    return source.subscribe((delta) => {
      orderedRef.current = null;
      if (viewRef.current === view) dispatchHighlights(view, { type: 'update', ...delta });
    });
  }, [props.docKey, props.ready, props.spans]); // eslint-disable-line react-hooks/exhaustive-deps -- a text is drawn once per document (and span source); later changes arrive through the subscription

  useEffect(() => {
    dispatchHighlights(viewRef.current!, { type: 'select', id: props.selectedId });
  }, [props.selectedId]);

  // ProseMirror reads the attributes again when its props are set.
  useEffect(() => viewRef.current?.setProps({}), [articleLabel]);

  // Suggestions: taking some away touches only theirs; a new or changed mark (by identity) is drawn by the
  // plugin's diff, which keeps every outline still right.
  // A decision or a step changes only `suggestionView`, read here by a subscription rather than by
  // React: the plugin takes the outline away (or moves the current one) inside the keypress's handler,
  // and this component does not render (its render and effects were most of a decision's frame).
  const suggestionView = props.suggestionView ?? NO_VIEW;
  const allMarks = props.suggestions ?? NO_MARKS;
  const markKeys = useMemo(() => new Set(allMarks.map((m) => m.key)), [allMarks]);
  const shownSuggestions = useRef<{
    all: readonly SuggestionMark[];
    hidden: ReadonlySet<string>;
    shown: readonly SuggestionMark[];
    /** The current suggestion last given to the plugin (and scrolled to). */
    current: string | null;
  }>({ all: NO_MARKS, hidden: new Set(), shown: NO_MARKS, current: null });
  const syncSuggestions = useRef<() => void>(() => undefined);
  syncSuggestions.current = () => {
    if (!props.ready) return;
    const view = viewRef.current;
    if (!view || view.isDestroyed) return;
    const seen = suggestionView.get();
    const decided = seen.hidden.size > shownSuggestions.current.hidden.size;
    const actions = suggestionLayerActions(view, seen.hidden);
    const chosen = seen.current;
    const current = chosen !== null && markKeys.has(chosen) && !seen.hidden.has(chosen) ? chosen : null;
    const moved = current !== shownSuggestions.current.current;
    if (moved) {
      shownSuggestions.current.current = current;
      actions.push({ type: 'current', key: current });
    }
    dispatchSuggestions(view, actions);
    if (!moved || !current) return;
    // After an accept or reject, the key's frame shows the decision, and the scroll to the next one
    // comes in the frame after: read in the key's handler, the layout was forced there, and a scroll
    // made the decision's frame paint a whole new view.
    if (!decided) revealSuggestion(view, current);
    else
      afterFrame(() => {
        if (shownSuggestions.current.current === current) revealSuggestion(view, current);
      });
  };
  const revealSuggestion = (view: EditorView, key: string): void => {
    if (view.isDestroyed) return;
    // Its section drawn in full first, so its outline is there to scroll to.
    const mark = allMarks.find((m) => m.key === key);
    const shownIndex = indexRef.current;
    if (mark && mark.end <= shownIndex.chars) showSectionsAt(view, [offsetToPos(shownIndex, mark.start)]);
    const el = view.dom.querySelector(`[data-suggestion-key="${CSS.escape(key)}"]`);
    if (el) revealInView(el);
  };
  /** What the layer needs to show what `hidden` leaves of the list. */
  const suggestionLayerActions = (view: EditorView, hidden: ReadonlySet<string>): SuggestionAction[] => {
    const last = shownSuggestions.current;
    const index = indexRef.current;
    // A keypress only hid some (the same list, nothing shown again): take away just theirs, walking no list.
    if (last.all === allMarks && suggestionsOf(view.state, index) && hidden.size >= last.hidden.size) {
      if (hidden === last.hidden) return [];
      const gone = [...hidden].filter((k) => !last.hidden.has(k));
      if (gone.length + last.hidden.size === hidden.size) {
        shownSuggestions.current = { ...last, hidden };
        return gone.length ? [{ type: 'remove', keys: gone }] : [];
      }
    }
    const marks = shownOf(allMarks, hidden);
    const gone = suggestionsOf(view.state, index) ? removedMarks(last.shown, marks) : null;
    shownSuggestions.current = { ...last, all: allMarks, hidden, shown: marks };
    if (gone === null) return [{ type: 'reset', marks, index }];
    return gone.length ? [{ type: 'remove', keys: gone }] : [];
  };
  useEffect(() => syncSuggestions.current(), [allMarks, props.ready, props.docKey]);
  useEffect(() => suggestionView.subscribe(() => syncSuggestions.current()), [suggestionView]);

  // After the text effect above, so a range given with a new text lands in that text.
  const reveal = props.revealRange;
  useEffect(() => {
    const view = viewRef.current!;
    if (!props.ready || !reveal || reveal.end > index.chars || reveal.start > reveal.end) return;
    const from = offsetToPos(index, reveal.start);
    const to = reveal.select ? offsetToPos(index, reveal.end) : from;
    view.focus();
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, from, to)));
    const { node } = view.domAtPos(from);
    const at = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
    at?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  }, [reveal?.nonce, props.ready]); // eslint-disable-line react-hooks/exhaustive-deps -- a reveal is acted on once, when a new one (nonce) arrives

  // Find in article: matches drawn by their own plugin; the current one is selected, ready to tag.
  const find = props.findMatches;
  useEffect(() => {
    if (!props.ready) return;
    const view = viewRef.current!;
    const spans = (find?.matches ?? []).filter((m) => m.end <= index.chars);
    const positions = spans.map((m) => ({
      from: offsetToPos(index, m.start),
      to: offsetToPos(index, m.end),
    }));
    const current = find && find.current >= 0 && find.current < positions.length ? find.current : -1;
    setFindMatches(view, positions, current);
    const at = positions[current];
    if (!at) return;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at.from, at.to)));
    const { node } = view.domAtPos(at.from);
    (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.scrollIntoView({
      block: 'center',
      behavior: 'instant' as ScrollBehavior,
    });
  }, [find, index, props.ready]);

  useImperativeHandle(ref, () => ({
    reveal(id) {
      const view = viewRef.current!;
      const at = highlightKey.getState(view.state)?.byId.get(id)?.[0];
      if (at) showSectionsAt(view, [at.from, at.to]);
      const el = view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
      if (!el) return;
      el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      for (const part of view.dom.querySelectorAll(`[data-annotation-id="${CSS.escape(id)}"]`)) {
        part.animate(
          [{ outlineColor: 'var(--accent)', outlineWidth: '3px' }, { outlineColor: 'transparent' }],
          {
            duration: 900,
            easing: 'ease-out',
          },
        );
      }
    },
    focus() {
      viewRef.current?.focus();
    },
  }));

  return (
    <div ref={hostRef} className="article-host" lang={props.lang}>
      {selection && (
        <SelectionToolbar
          tags={props.tags}
          top={selection.top}
          left={selection.left}
          onTag={(tagId) => {
            const view = viewRef.current!;
            tagRange(view, tagId, selection);
            view.focus();
          }}
        />
      )}
      {tooltip && (
        <div role="tooltip" className="hl-tooltip" style={{ top: tooltip.y + 18, left: tooltip.x + 8 }}>
          {tooltip.text}
        </div>
      )}
    </div>
  );
});

function selectedOffsets(view: EditorView, index: LineIndex): { start: number; end: number } | null {
  const { from, to, empty } = view.state.selection;
  if (empty) return null;
  const start = posToOffset(index, from);
  const end = posToOffset(index, to);
  return end > start ? { start, end } : null;
}

/**
 * The selection as the browser shows it now (see caretOffset); ProseMirror's
 * own when the browser's is not in the text. Null when nothing is selected.
 */
function shownSelection(view: EditorView, index: LineIndex): { start: number; end: number } | null {
  const selection = view.dom.ownerDocument.getSelection();
  const inside = (node: Node | null): node is Node => !!node && view.dom.contains(node);
  if (selection && inside(selection.anchorNode) && inside(selection.focusNode)) {
    try {
      const a = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
      const b = view.posAtDOM(selection.focusNode, selection.focusOffset);
      const clamp = (pos: number): number => Math.max(0, Math.min(pos, index.docContentSize));
      const start = posToOffset(index, clamp(Math.min(a, b)));
      const end = posToOffset(index, clamp(Math.max(a, b)));
      return end > start ? { start, end } : null;
    } catch {
      // A node ProseMirror does not own: use its own idea of the selection.
    }
  }
  return selectedOffsets(view, index);
}

/**
 * The caret as the browser has it now: a keypress can arrive before
 * ProseMirror has read the selectionchange of the previous one.
 */
function caretOffset(view: EditorView, index: LineIndex): number {
  const selection = view.dom.ownerDocument.getSelection();
  let pos = view.state.selection.from;
  if (selection?.focusNode && view.dom.contains(selection.focusNode)) {
    try {
      pos = view.posAtDOM(selection.focusNode, selection.focusOffset);
    } catch {
      // A node ProseMirror does not own: keep its own idea of the caret.
    }
  }
  return posToOffset(index, Math.max(0, Math.min(pos, index.docContentSize)));
}

/** Keys with which the browser moves the caret or the selection in the text. */
const CARET_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

/** Puts the browser's selection, when it is in the text and differs, into `tr`. */
function adoptShownSelection(view: EditorView, tr: Transaction): void {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return;
  if (!view.dom.contains(selection.anchorNode) || !view.dom.contains(selection.focusNode)) return;
  try {
    const anchor = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(selection.focusNode, selection.focusOffset);
    const { selection: current, doc } = tr;
    if (current.anchor === anchor && current.head === head) return;
    const size = doc.content.size;
    if (anchor < 0 || head < 0 || anchor > size || head > size) return;
    tr.setSelection(TextSelection.between(doc.resolve(anchor), doc.resolve(head)));
  } catch {
    // A node ProseMirror does not own: keep its own idea of the selection.
  }
}

/**
 * Where the page's selection is, as document positions (anchor, focus); null when it is not in the
 * article. Positions, not DOM nodes: a later render (the saved tag's highlight) replaces the text
 * nodes under a selection the analyst has not moved.
 */
function selectionPoints(view: EditorView): readonly [number, number] | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.anchorNode || !selection.focusNode) return null;
  try {
    return [
      view.posAtDOM(selection.anchorNode, selection.anchorOffset),
      view.posAtDOM(selection.focusNode, selection.focusOffset),
    ];
  } catch {
    return null; // outside the article
  }
}

function samePoints(a: readonly [number, number] | null, b: readonly [number, number] | null): boolean {
  return a !== null && b !== null && a[0] === b[0] && a[1] === b[1];
}

/**
 * Updates the view without writing its selection to the page: ProseMirror
 * writes it whenever it has focus, and here it must not (its own selection
 * stays as it was until the caret is placed).
 */
function updateWithoutSelectionWrite(view: EditorView, state: EditorState): void {
  view.hasFocus = () => false;
  try {
    view.updateState(state);
  } finally {
    Reflect.deleteProperty(view, 'hasFocus'); // the prototype's again
  }
}

/** After tagging, the caret goes to the end of the span, so the toolbar gets out of the way. */
function placeCaretAt(view: EditorView, pos: number): void {
  const { doc } = view.state;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(doc, Math.min(pos, doc.content.size))));
}

function placeCaret(view: EditorView, index: LineIndex, offset: number): void {
  const pos = offsetToPos(index, offset);
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)).scrollIntoView();
  view.dispatch(tr);
}

/** Where the toolbar goes: above the start of a non-empty selection, in the host's coordinates. */
function selectionBox(
  view: EditorView,
  host: HTMLElement,
  index: LineIndex,
): { start: number; end: number; top: number; left: number } | null {
  const range = selectedOffsets(view, index);
  if (!range || !view.hasFocus()) return null;
  const coords = view.coordsAtPos(view.state.selection.from);
  const box = host.getBoundingClientRect();
  return { ...range, top: coords.top - box.top, left: Math.max(0, coords.left - box.left) };
}

/**
 * Before every commit, React saves the selection of the focused element if
 * it "has selection capabilities" (its `contentEditable` property reads
 * 'true') by walking all of that element's DOM text to turn the selection
 * into character offsets, then puts it back after the commit. Tanda's
 * selection is ProseMirror's, which React never renders into, so that walk
 * is wasted, and on a 1,000,000-character article it took 70–100 ms from
 * every keypress that rendered anything (accepting a suggestion, say).
 * Only the property React reads is hidden; the `contenteditable`
 * attribute, which makes the caret and the selection work, stays, and
 * ProseMirror only asks whether the property is 'false'. A workaround for
 * React's choice, kept here where the editor element is made;
 * e2e/article-editor-react.spec.ts fails if it goes (React's walk reads
 * every node of the article).
 */
function hideEditableFromReact(dom: HTMLElement): void {
  Object.defineProperty(dom, 'contentEditable', { configurable: true, get: () => 'inherit' });
}

import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { buildLineIndex, offsetToPos, posToOffset, type LineIndex } from '../../../shared/text/offsets';
import { afterNextPaint } from './after-paint';
import { articleDocFromText } from './article-doc';
import { readOnlyPlugin } from './read-only';
import {
  annotationIdsAt,
  dispatchHighlights,
  highlightKey,
  highlightPlugin,
  type HighlightSpan,
} from './highlight-plugin';
import { findPlugin, setFindMatches } from './find-plugin';
import { dispatchSuggestions, suggestionPlugin, type SuggestionMark } from './suggestion-plugin';
import { SelectionToolbar, type ToolbarTag } from './SelectionToolbar';

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
  /** Takes back a highlight drawn before its annotation was saved (the save failed). */
  dropPending(id: string): void;
  /** Draws again a highlight taken away at once by a delete that then failed. */
  restore(id: string): void;
  focus(): void;
}

interface Props {
  /** Changing the key (document path + sha256) loads a new text. */
  docKey: string;
  text: string;
  /** Highlights to show, any order. */
  spans: HighlightSpan[];
  selectedId: string | null;
  /** Active tags, in codebook order, for the toolbar and the shortcut keys. */
  tags: ToolbarTag[];
  /** Cleans a selection up (trim, snap to words) into the span to tag; null when nothing is left. */
  prepareSpan(start: number, end: number): { start: number; end: number } | null;
  /**
   * Tag a prepared span. The highlight is already drawn (marked pending) under
   * `id`; it becomes a saved highlight when `spans` brings that id back.
   */
  onTag(tagId: string, start: number, end: number, id: string): void;
  onSelectAnnotation(id: string | null): void;
  /** Deletes the selected annotation if it may; true when a delete was started (its highlight goes at once). */
  onDeleteSelected(): boolean;
  /** False until the document's annotations are loaded; the text waits for them. */
  ready: boolean;
  onUndo(): void;
  onRedo(): void;
  /** Names the annotations under the pointer, innermost first. */
  describe(ids: string[]): string;
  /** Scroll this code point range into view, and select it or put the caret there (e.g. a search hit). */
  revealRange?: RevealRange | undefined;
  /** Find-in-article matches (code point spans) and the current one, or undefined when find is closed. */
  findMatches?: { matches: { start: number; end: number }[]; current: number } | undefined;
  /** Suggestions to draw (their own plugin) and the current one. */
  suggestions?: SuggestionMark[] | undefined;
  currentSuggestion?: string | null | undefined;
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
  const shownRef = useRef(new Map<string, HighlightSpan>());
  const propsRef = useRef(props);
  propsRef.current = props;
  const index = useMemo(() => buildLineIndex(props.text), [props.docKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const indexRef = useRef<LineIndex>(index);
  indexRef.current = index;
  const [selection, setSelection] = useState<{
    start: number;
    end: number;
    top: number;
    left: number;
  } | null>(null);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);

  useEffect(() => {
    const host = hostRef.current!;
    const view: EditorView = new EditorView(host, {
      state: EditorState.create({ doc: articleDocFromText('') }),
      attributes: {
        'aria-label': 'Article text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-readonly': 'true',
        spellcheck: 'false',
        class: 'article-text',
      },
      dispatchTransaction(tr) {
        view.updateState(view.state.apply(tr));
        if (tr.selectionSet || tr.docChanged) setSelection(selectionBox(view, host, indexRef.current));
      },
      handleKeyDown: (v, event) => handleKey(v, event),
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
        blur(v) {
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

    function handleKey(v: EditorView, event: KeyboardEvent): boolean {
      const p = propsRef.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.altKey && (key === 'z' || key === 'y')) {
        if (key === 'y' || event.shiftKey) p.onRedo();
        else p.onUndo();
        return true;
      }
      if (mod || event.altKey) return false;
      const range = selectedOffsets(v, indexRef.current);
      if (!range && p.onSuggestionKey?.(event.key)) return true;
      const tag = p.tags.find((t) => t.shortcut !== null && t.shortcut.toLowerCase() === key);
      if (tag && range) {
        tagRange(v, tag.id, range);
        return true;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        const id = p.selectedId;
        if (id && p.onDeleteSelected() && shownRef.current.has(id)) {
          // Gone from the page in this frame; `restore` puts it back if the delete fails.
          shownRef.current.delete(id);
          dispatchHighlights(v, { type: 'update', add: [], remove: [id] });
        }
        return true;
      }
      if (event.key === 'Escape') {
        p.onSelectAnnotation(null);
        return false;
      }
      if (event.key === 'Tab') {
        const next = neighbour(
          p.spans,
          p.selectedId,
          caretOffset(v, indexRef.current),
          event.shiftKey ? -1 : 1,
        );
        if (!next) return false; // let focus leave the article
        p.onSelectAnnotation(next.id);
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
   * Draws the new highlight at once, in this keystroke's frame, marked
   * pending; it loses the mark when the saved record comes back through
   * `spans` (`onTag` saves it once that frame is painted). The caret moves
   * after the paint too, so the selection write costs the frame nothing.
   */
  function tagRange(view: EditorView, tagId: string, range: { start: number; end: number }): void {
    const p = propsRef.current;
    const span = p.prepareSpan(range.start, range.end);
    if (!span) return;
    const id = crypto.randomUUID();
    const pending: HighlightSpan = { id, tag: tagId, start: span.start, end: span.end, pending: true };
    shownRef.current.set(id, pending);
    dispatchHighlights(view, { type: 'update', add: [pending], remove: [] });
    p.onTag(tagId, span.start, span.end, id);
    const tagged = view.state.selection;
    void afterNextPaint().then(() => {
      // Unless the analyst has selected something else meanwhile.
      if (viewRef.current === view && view.state.selection.eq(tagged)) collapseSelection(view);
    });
  }

  // A new text: text and highlights are rendered in one pass, once the
  // annotations are known (two passes cost a long article a second render).
  useEffect(() => {
    if (!props.ready) return;
    const view = viewRef.current!;
    let state = EditorState.create({
      doc: articleDocFromText(props.text),
      plugins: [readOnlyPlugin(), highlightPlugin(), findPlugin(), suggestionPlugin()],
    });
    state = state.apply(state.tr.setMeta(highlightKey, { type: 'select', id: props.selectedId }));
    state = state.apply(state.tr.setMeta(highlightKey, { type: 'reset', spans: props.spans, index }));
    view.updateState(state);
    shownRef.current = new Map(props.spans.map((s) => [s.id, s]));
    setSelection(null);
    hostRef.current?.closest('.article-pane')?.scrollTo({ top: 0 });
  }, [props.docKey, props.ready]); // eslint-disable-line react-hooks/exhaustive-deps

  // Later changes: only the highlights that changed are touched.
  useEffect(() => {
    if (!props.ready) return;
    const view = viewRef.current!;
    const shown = shownRef.current;
    const next = new Map(props.spans.map((s) => [s.id, s]));
    const add = props.spans.filter((s) => !sameSpan(shown.get(s.id), s));
    // A pending highlight stays until its saved record arrives (or dropPending takes it back).
    const remove = [...shown.keys()].filter((id) => !next.has(id) && !shown.get(id)!.pending);
    for (const [id, span] of shown) if (span.pending && !next.has(id)) next.set(id, span);
    shownRef.current = next;
    if (add.length || remove.length) dispatchHighlights(view, { type: 'update', add, remove });
  }, [props.spans]);

  useEffect(() => {
    dispatchHighlights(viewRef.current!, { type: 'select', id: props.selectedId });
  }, [props.selectedId]);

  // Suggestions: taking some away touches only theirs; anything new redraws the layer.
  const shownSuggestions = useRef(new Set<string>());
  useEffect(() => {
    if (!props.ready) return;
    const view = viewRef.current!;
    const marks = props.suggestions ?? [];
    const next = new Set(marks.map((m) => m.key));
    const old = shownSuggestions.current;
    shownSuggestions.current = next;
    if (marks.some((m) => !old.has(m.key))) dispatchSuggestions(view, { type: 'reset', marks, index });
    else {
      const gone = [...old].filter((k) => !next.has(k));
      if (gone.length) dispatchSuggestions(view, { type: 'remove', keys: gone });
    }
  }, [props.suggestions, props.ready, props.docKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const view = viewRef.current!;
    dispatchSuggestions(view, { type: 'current', key: props.currentSuggestion ?? null });
    if (!props.currentSuggestion) return;
    const el = view.dom.querySelector(`[data-suggestion-key="${CSS.escape(props.currentSuggestion)}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  }, [props.currentSuggestion, props.ready]);

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
  }, [reveal?.nonce, props.ready]); // eslint-disable-line react-hooks/exhaustive-deps

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
  }, [find, index, props.ready]); // eslint-disable-line react-hooks/exhaustive-deps

  useImperativeHandle(ref, () => ({
    restore(id) {
      const view = viewRef.current;
      const span = propsRef.current.spans.find((s) => s.id === id);
      if (!view || !span || shownRef.current.has(id)) return;
      shownRef.current.set(id, span);
      dispatchHighlights(view, { type: 'update', add: [span], remove: [] });
    },
    dropPending(id) {
      const view = viewRef.current;
      if (!view || !shownRef.current.get(id)?.pending) return;
      shownRef.current.delete(id);
      dispatchHighlights(view, { type: 'update', add: [], remove: [id] });
    },
    reveal(id) {
      const view = viewRef.current!;
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
    <div ref={hostRef} className="article-host">
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

function sameSpan(a: HighlightSpan | undefined, b: HighlightSpan): boolean {
  return (
    !!a &&
    a.tag === b.tag &&
    a.start === b.start &&
    a.end === b.end &&
    a.readOnly === b.readOnly &&
    !a.pending === !b.pending
  );
}

function selectedOffsets(view: EditorView, index: LineIndex): { start: number; end: number } | null {
  const { from, to, empty } = view.state.selection;
  if (empty) return null;
  const start = posToOffset(index, from);
  const end = posToOffset(index, to);
  return end > start ? { start, end } : null;
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

/** After tagging, the caret goes to the end of the span, so the toolbar gets out of the way. */
function collapseSelection(view: EditorView): void {
  const { to } = view.state.selection;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, to)));
}

function placeCaret(view: EditorView, index: LineIndex, offset: number): void {
  const pos = offsetToPos(index, offset);
  const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)).scrollIntoView();
  view.dispatch(tr);
}

/**
 * The next (or previous) highlight in document order: from the selected one
 * while the caret is still on it (as Tab leaves it), else from the caret, so
 * Ctrl+Home then Tab starts at the top.
 */
function neighbour(
  spans: HighlightSpan[],
  selectedId: string | null,
  caret: number,
  direction: 1 | -1,
): HighlightSpan | null {
  const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  const at = ordered.findIndex((s) => s.id === selectedId && caret >= s.start && caret <= s.end);
  if (at >= 0) return ordered[at + direction] ?? null;
  if (direction === 1) return ordered.find((s) => s.start >= caret) ?? null;
  return [...ordered].reverse().find((s) => s.start < caret) ?? null;
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

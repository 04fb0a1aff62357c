import type { Node as PmNode } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection, type EditorState } from 'prosemirror-state';
import {
  Decoration,
  DecorationSet,
  type DecorationSource,
  type EditorView,
  type NodeView,
  type NodeViewConstructor,
} from 'prosemirror-view';
import { scrollingAncestor } from './reveal-in-view';
import { estimateSectionHeight } from './section-height';
import { pageMarker, type StructureSpec } from './structure-plugin';

/**
 * Which sections of the article ProseMirror draws in full. The others are
 * plain paragraphs of the same text (same layout, readable by a screen
 * reader and by the browser's find) without highlights, suggestions or find
 * marks: a million-character article opens at the cost of its first screens,
 * not of its 7,000 paragraphs and 10,000 highlights. A section is drawn in
 * full once it comes within a screen of the visible part, when the selection
 * reaches into it, or when a caller is about to show something in it; it
 * stays so (scrolling back never redraws).
 */
interface WindowState {
  /** One node decoration per section drawn in full, so the node view knows (its spec is SHOWN). */
  set: DecorationSet;
  /** The start positions of those sections. */
  shown: ReadonlySet<number>;
}

interface WindowAction {
  /** Start positions of sections to draw in full. */
  show: readonly number[];
}

export const sectionWindowKey = new PluginKey<WindowState>('tanda-section-window');

const SHOWN = { tandaSectionShown: true } as const;

/** How far below the top the sections drawn at open reach: the first screens of any window. */
const OPEN_SCREENS = 3;

export function sectionWindowPlugin(width: () => number): Plugin<WindowState> {
  return new Plugin<WindowState>({
    key: sectionWindowKey,
    state: {
      init: (_, state) =>
        withShown(
          { set: DecorationSet.empty, shown: new Set() },
          state.doc,
          openingSections(state.doc, width()),
        ),
      apply(tr, value) {
        let next = value;
        if (tr.docChanged)
          next = {
            set: next.set.map(tr.mapping, tr.doc),
            shown: new Set(next.set.find().map((d) => d.from)),
          };
        const action = tr.getMeta(sectionWindowKey) as WindowAction | undefined;
        return action ? withShown(next, tr.doc, action.show) : next;
      },
    },
    // A selection reaching into a section draws it first, so the caret, the DOM selection and anything
    // scrolled to (a find match, a revealed range) land on the real text.
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.selectionSet)) return null;
      const missing = missingSections(state, [state.selection.from, state.selection.to]);
      return missing.length
        ? state.tr.setMeta(sectionWindowKey, { show: missing }).setMeta('addToHistory', false)
        : null;
    },
    props: { decorations: (state) => sectionWindowKey.getState(state)?.set },
  });
}

function withShown(value: WindowState, doc: PmNode, starts: readonly number[]): WindowState {
  const fresh = starts.filter((start) => !value.shown.has(start));
  if (fresh.length === 0) return value;
  const decorations: Decoration[] = [];
  const shown = new Set(value.shown);
  for (const start of fresh) {
    const node = doc.nodeAt(start);
    if (!node || node.type.name !== 'section') continue;
    shown.add(start);
    decorations.push(Decoration.node(start, start + node.nodeSize, {}, SHOWN));
  }
  return decorations.length ? { set: value.set.add(doc, decorations), shown } : value;
}

/** The sections from the top whose estimated height reaches a few screens down. */
function openingSections(doc: PmNode, widthPx: number): number[] {
  const reach = OPEN_SCREENS * (globalThis.innerHeight || 800);
  const starts: number[] = [];
  let height = 0;
  doc.forEach((section, offset) => {
    if (height > reach) return;
    starts.push(offset);
    const lengths: number[] = [];
    section.forEach((paragraph) => lengths.push(paragraph.content.size));
    height += estimateSectionHeight(lengths, widthPx || 700);
  });
  return starts;
}

/** The start of the section holding `pos` (a position between sections counts for the one after it). */
function sectionStart(doc: PmNode, pos: number): number | null {
  if (doc.childCount === 0) return null;
  const at = Math.max(0, Math.min(pos, doc.content.size));
  const $pos = doc.resolve(at);
  if ($pos.depth >= 1) return $pos.before(1);
  return at < doc.content.size ? at : doc.content.size - doc.lastChild!.nodeSize;
}

function missingSections(state: EditorState, positions: readonly number[]): number[] {
  const value = sectionWindowKey.getState(state);
  if (!value) return [];
  const missing = new Set<number>();
  for (const pos of positions) {
    const start = sectionStart(state.doc, pos);
    if (start !== null && !value.shown.has(start)) missing.add(start);
  }
  return [...missing];
}

/**
 * Draws in full the sections holding these positions, now (in this call), so
 * that what the caller then looks up in the DOM (a highlight to scroll to,
 * a suggestion's outline) is there.
 */
export function showSectionsAt(view: EditorView, positions: readonly number[]): void {
  const missing = missingSections(view.state, positions);
  if (missing.length)
    view.dispatch(view.state.tr.setMeta(sectionWindowKey, { show: missing }).setMeta('addToHistory', false));
}

const isShown = (decorations: readonly Decoration[]): boolean =>
  decorations.some((d) => (d.spec as Partial<typeof SHOWN>).tandaSectionShown === true);

/**
 * Sections drawn with their estimated height as the intrinsic size (set
 * through CSSOM, which the strict CSP allows, a style attribute it refuses),
 * in full or as plain paragraphs (see the plugin above). Without the plugin
 * in the state (the editor's first, empty state; a test's) every section is
 * drawn in full.
 */
export function sectionView(width: () => number): NodeViewConstructor {
  return (node, view, getPos, decorations, inner) => {
    const dom = document.createElement('div');
    dom.className = 'article-section';
    const lengths: number[] = [];
    node.forEach((paragraph) => lengths.push(paragraph.content.size));
    dom.style.containIntrinsicSize = `auto ${estimateSectionHeight(lengths, width())}px`;
    const windowed = sectionWindowKey.getState(view.state) !== undefined;
    if (!windowed || isShown(decorations)) {
      // Once in full, always in full: a view of the same section is kept whatever its decorations.
      const full: NodeView = { dom, contentDOM: dom, update: (next) => next.type === node.type };
      return full;
    }
    fillPlainText(dom, node, inner);
    const stopWatching = watchSection(view, dom, getPos, () => drawn);
    let drawn = node;
    const plain: NodeView = {
      dom,
      // False makes ProseMirror build the section again, now in full.
      update(next, nextDecorations) {
        if (isShown(nextDecorations) || next.type !== node.type) return false;
        if (next !== drawn && !next.eq(drawn)) return false;
        drawn = next;
        return true;
      },
      ignoreMutation: () => true,
      destroy: stopWatching,
    };
    return plain;
  };
}

/** The section's paragraphs as ProseMirror would draw them, less the decorations of text. */
function fillPlainText(dom: HTMLElement, section: PmNode, inner: DecorationSource): void {
  const headings = new Map<number, number>();
  const pages = new Map<number, number>();
  inner.forEachSet((set) => {
    for (const decoration of set.find(undefined, undefined, (spec) => 'structure' in spec)) {
      const spec = (decoration.spec as StructureSpec).structure;
      if (spec.kind === 'heading') headings.set(decoration.from, spec.level);
      else pages.set(decoration.from, spec.page);
    }
  });
  const fragment = document.createDocumentFragment();
  section.forEach((paragraph, offset) => {
    const p = document.createElement('p');
    const level = headings.get(offset);
    if (level !== undefined) {
      p.className = `article-heading article-heading-${level}`;
      p.setAttribute('role', 'heading');
      p.setAttribute('aria-level', String(level));
    }
    const page = pages.get(offset + 1);
    if (page !== undefined) p.append(pageMarker(page));
    if (paragraph.content.size > 0) p.append(paragraph.textContent);
    else p.append(document.createElement('br'));
    fragment.append(p);
  });
  dom.append(fragment);
}

/** One observer per view: sections coming within a screen of the visible part are drawn in full. */
const watchers = new WeakMap<EditorView, SectionWatcher>();

interface PlainSection {
  getPos: () => number | undefined;
  node: () => PmNode;
}

function watchSection(
  view: EditorView,
  dom: HTMLElement,
  getPos: () => number | undefined,
  node: () => PmNode,
): () => void {
  if (typeof IntersectionObserver !== 'function') return () => undefined;
  let watcher = watchers.get(view);
  if (!watcher) {
    watcher = new SectionWatcher(view);
    watchers.set(view, watcher);
  }
  return watcher.watch(dom, { getPos, node });
}

class SectionWatcher {
  private observer: IntersectionObserver | null = null;
  private readonly plain = new Map<Element, PlainSection>();
  // Before ProseMirror's own listener (on the document): a selection made in plain text is turned
  // into positions while that text is still there, and its sections are drawn in full with it.
  private readonly onSelectionChange = (): void => this.takeSelection();

  constructor(private readonly view: EditorView) {
    window.addEventListener('selectionchange', this.onSelectionChange, true);
  }

  watch(dom: HTMLElement, section: PlainSection): () => void {
    this.plain.set(dom, section);
    this.ensureObserver().observe(dom);
    return () => {
      this.plain.delete(dom);
      this.observer?.unobserve(dom);
      if (this.plain.size === 0) this.stop();
    };
  }

  private stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    window.removeEventListener('selectionchange', this.onSelectionChange, true);
    watchers.delete(this.view);
  }

  /**
   * A DOM selection with an end in plain text (a selection made by script, or by a drag faster than
   * the sections are drawn): ProseMirror would read that end as the section's edge, so the selection
   * is set here, at the exact positions, with the sections drawn in full.
   */
  private takeSelection(): void {
    if (this.view.isDestroyed) return;
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return;
    const anchor = this.plainPos(selection.anchorNode, selection.anchorOffset);
    const head = this.plainPos(selection.focusNode, selection.focusOffset);
    if (anchor === null && head === null) return;
    const state = this.view.state;
    if (!this.view.dom.contains(selection.anchorNode) || !this.view.dom.contains(selection.focusNode)) return;
    const anchorPos = anchor ?? this.view.posAtDOM(selection.anchorNode, selection.anchorOffset);
    const headPos = head ?? this.view.posAtDOM(selection.focusNode, selection.focusOffset);
    const missing = missingSections(state, [anchorPos, headPos]);
    const tr = state.tr.setMeta(sectionWindowKey, { show: missing }).setMeta('addToHistory', false);
    this.view.dispatch(
      tr.setSelection(TextSelection.between(tr.doc.resolve(anchorPos), tr.doc.resolve(headPos))),
    );
  }

  /** The document position of a DOM point inside a section drawn as plain text; null elsewhere. */
  private plainPos(node: Node, offset: number): number | null {
    const element = node instanceof Element ? node : node.parentElement;
    const sectionDom = element?.closest('.article-section');
    const section = sectionDom ? this.plain.get(sectionDom) : undefined;
    const start = section?.getPos();
    if (!sectionDom || !section || start === undefined) return null;
    const doc = section.node();
    const paragraphs = [...sectionDom.children];
    // A point between paragraphs (in the section itself) is the start of the one after it.
    const p = node === sectionDom ? paragraphs[offset] : paragraphs.find((child) => child.contains(node));
    const index = p ? paragraphs.indexOf(p) : doc.childCount - 1;
    let pos = start + 1;
    for (let i = 0; i < index; i++) pos += doc.child(i).nodeSize;
    const paragraph = doc.child(index);
    if (node === sectionDom) return pos + (p ? 1 : paragraph.nodeSize - 1);
    if (node.nodeType === Node.TEXT_NODE) return pos + 1 + Math.min(offset, paragraph.content.size);
    // The paragraph element itself (or its page marker): its start, or its end past its text.
    const text = p?.lastChild;
    const atEnd =
      node === p && text !== null && text !== undefined && offset >= [...p.childNodes].indexOf(text) + 1;
    return pos + 1 + (atEnd ? paragraph.content.size : 0);
  }

  private ensureObserver(): IntersectionObserver {
    // The article scrolls inside its pane: the margin must grow that pane's box, not the window's.
    this.observer ??= new IntersectionObserver((entries) => this.onChange(entries), {
      root: scrollingAncestor(this.view.dom),
      rootMargin: '100% 0px',
    });
    return this.observer;
  }

  private onChange(entries: IntersectionObserverEntry[]): void {
    if (this.view.isDestroyed) return;
    const starts: number[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const pos = this.plain.get(entry.target)?.getPos();
      if (pos !== undefined) starts.push(pos);
    }
    if (starts.length) showSectionsAt(this.view, starts);
  }
}

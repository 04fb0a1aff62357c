import type { Node as PmNode } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { pageStarts, type DocumentStructure } from '../../../shared/corpus/document-structure';
import type { LineIndex } from '../../../shared/text/offsets';

/**
 * Headings shown as headings and a page marker ("p. 3") where each PDF page
 * begins, from the document's structure sidecar. Decorations only: the doc
 * stays one paragraph per line of the text, so no offset moves. The marker's
 * label is drawn by CSS from an attribute, not written as text, so it cannot
 * be selected, copied or counted as part of the article. The article never
 * changes, so the set is built once per document.
 */

export const structureKey = new PluginKey<DecorationSet>('article-structure');

/** What each decoration stands for, so a section drawn as plain text (section-window.ts) can draw it too. */
export interface StructureSpec {
  structure: { kind: 'heading'; level: number } | { kind: 'page'; page: number };
}

export function structurePlugin(structure: DocumentStructure | undefined, index: LineIndex): Plugin {
  return new Plugin<DecorationSet>({
    key: structureKey,
    state: {
      init: (_, state) => structureDecorations(state.doc, structure, index),
      apply: (tr, set) => set.map(tr.mapping, tr.doc),
    },
    props: { decorations: (state) => structureKey.getState(state) },
  });
}

export function structureDecorations(
  doc: PmNode,
  structure: DocumentStructure | undefined,
  index: LineIndex,
): DecorationSet {
  if (!structure) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const paragraph of structure.paragraphs) {
    if (paragraph.kind !== 'heading' || paragraph.end > index.chars) continue;
    const level = paragraph.level ?? 1;
    for (let line = index.lineAt(paragraph.start); line <= index.lineAt(paragraph.end); line++) {
      const from = index.paragraphPos(line);
      const node = doc.resolve(from).nodeAfter;
      if (!node) continue;
      decorations.push(
        Decoration.node(
          from,
          from + node.nodeSize,
          {
            class: `article-heading article-heading-${level}`,
            role: 'heading',
            'aria-level': String(level),
          },
          { structure: { kind: 'heading', level } } satisfies StructureSpec,
        ),
      );
    }
  }
  const pages = pageStarts(structure);
  // A marker on the first page only when the text has several, and "p. 1" would tell something.
  for (const { offset, page } of pages.length > 1 || pages[0]?.page !== 1 ? pages : []) {
    if (offset > index.chars) continue;
    const pos = index.paragraphPos(index.lineAt(offset)) + 1;
    decorations.push(
      Decoration.widget(pos, () => pageMarker(page), {
        side: -1,
        ignoreSelection: true,
        key: `page-${page}`,
        structure: { kind: 'page', page } satisfies StructureSpec['structure'],
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

export function pageMarker(page: number): HTMLElement {
  const marker = document.createElement('span');
  marker.className = 'page-marker';
  marker.contentEditable = 'false';
  marker.setAttribute('role', 'separator');
  marker.setAttribute('aria-label', `Page ${page}`);
  marker.dataset.label = `p. ${page}`;
  return marker;
}

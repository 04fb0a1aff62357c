import type { Block } from './extraction';

/**
 * A DOM tree (built by linkedom in Node; no script runs, nothing is
 * fetched) → paragraphs. Shared by HTML pages and by DOCX, whose converter
 * (mammoth) gives HTML. The walk is iterative, so a deeply nested page cannot
 * overflow the stack.
 */

/** The few DOM members the walk needs; linkedom's nodes have them. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;
const FRAGMENT = 11;

/** Never text: code, styling, embedded objects, forms. */
const DROPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'MATH',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'SELECT',
  'BUTTON',
  'HEAD',
]);

/** Elements that end the paragraph before them and start a new one. */
const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'UL',
  'BR',
]);

export interface HtmlBlockOptions {
  /** Drop elements whose `id` or `href` matches (mammoth's footnote back-links). */
  dropLink?: (href: string) => boolean;
}

/** Paragraphs of `root`'s subtree, in document order. */
export function htmlBlocks(root: DomNode, options: HtmlBlockOptions = {}): Block[] {
  const blocks: Block[] = [];
  let inline = '';
  const flush = (): void => {
    if (inline.trim() !== '') blocks.push({ text: inline, kind: 'body' });
    inline = '';
  };

  // An explicit stack: each entry is a node to visit or a marker to close a block.
  const stack: (DomNode | 'end-block')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'end-block') {
      flush();
      continue;
    }
    if (node.nodeType === TEXT) {
      inline += node.textContent ?? '';
      continue;
    }
    if (node.nodeType === DOCUMENT || node.nodeType === FRAGMENT) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name)) continue;
    if (name === 'A' && options.dropLink?.(node.getAttribute?.('href') ?? '')) continue;

    const heading = /^H([1-6])$/.exec(name);
    if (heading) {
      flush();
      blocks.push({ text: node.textContent ?? '', kind: 'heading', level: Number(heading[1]) });
      continue;
    }
    if (name === 'TR') {
      flush();
      blocks.push({ text: tableRow(node), kind: 'body' });
      continue;
    }
    if (name === 'PRE') {
      flush();
      blocks.push({ text: node.textContent ?? '', kind: 'body', preformatted: true });
      continue;
    }
    if (name === 'TD' || name === 'TH') {
      // A cell outside a row (broken markup): its own paragraph.
      flush();
      stack.push('end-block');
    } else if (BLOCKS.has(name)) {
      flush();
      stack.push('end-block');
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  flush();
  return blocks;
}

/** A table row is one paragraph: its cells' text, separated by tabs. */
function tableRow(row: DomNode): string {
  const cells: string[] = [];
  const children = row.childNodes;
  for (let i = 0; i < children.length; i++) {
    const cell = children[i]!;
    if (cell.nodeType !== ELEMENT) continue;
    const name = cell.nodeName.toUpperCase();
    if (name === 'TD' || name === 'TH') cells.push(cellText(cell).replace(/\t/g, ' '));
  }
  return cells.join('\t');
}

/** A cell's text with its own paragraphs joined by spaces: a row stays one line. */
function cellText(cell: DomNode): string {
  return htmlBlocks(cell)
    .map((b) => b.text)
    .join(' ');
}

/** How deeply elements nest, counted without recursion; stops counting past `limit`. */
export function nestingDepth(root: DomNode, limit: number): number {
  let deepest = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      if (children[i]!.nodeType === ELEMENT) stack.push([children[i]!, depth + 1]);
    }
  }
  return deepest;
}

// @ts-nocheck — a page for the browser, bundled by vite (bench/peer/build.ts); bench/ is type-checked without the DOM.
/*
 * The second peer: the naive ProseMirror baseline of ../shared/PERF-BASELINE.md.
 * One <p> per line of the article in one flat document, every annotation an
 * inline decoration, and the whole DecorationSet built again from the full
 * list on every change — what a first ProseMirror annotator would write.
 * Same data, window and timing as the other peer (peer-page.js) and as
 * tanda-probe.js: performance.now() from the start of the work (or the
 * keydown) to a MessageChannel message posted from the requestAnimationFrame
 * after the change is in the DOM, i.e. after that frame's paint.
 */
import { Schema } from 'prosemirror-model';
import { EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';

const KEYS = { 1: 'commitment', 2: 'dispute', 3: 'cooperation_area' };

const schema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: { content: 'text*', toDOM: () => ['p', 0] },
    text: {},
  },
});

const container = document.getElementById('content');
/** @type {{ lines: string[], annotations: { id: string, tag: string, start: number, end: number }[] }} */
let data;
let view = null;
/** Every annotation as positions: the list the decorations are rebuilt from. */
let spans = [];
let pending = null;
let counter = 0;
const key = new PluginKey('naive-highlights');

const ready = fetch('./data/peer.json')
  .then((response) => response.json())
  .then((json) => {
    data = json;
  });

/** The annotations' UTF-16 offsets (into the lines joined without breaks) as document positions. */
function toPositions() {
  const starts = [];
  const positions = [];
  let offset = 0;
  let pos = 0;
  for (const line of data.lines) {
    starts.push(offset);
    positions.push(pos);
    offset += line.length;
    pos += line.length + 2;
  }
  const paragraphAt = (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return data.annotations.map((a) => {
    const p = paragraphAt(a.start);
    const from = positions[p] + 1 + (a.start - starts[p]);
    return { id: a.id, tag: a.tag, from, to: from + (a.end - a.start) };
  });
}

/** The naive part: a new decoration for every annotation, and a new set, on every change. */
function buildSet(doc) {
  return DecorationSet.create(
    doc,
    spans.map((s) =>
      Decoration.inline(s.from, s.to, { nodeName: 'span', class: `hl hl-${s.tag}`, 'data-id': s.id }),
    ),
  );
}

const highlights = new Plugin({
  key,
  state: {
    init: (_, state) => buildSet(state.doc),
    apply: (tr, set) => (tr.getMeta(key) ? buildSet(tr.doc) : set.map(tr.mapping, tr.doc)),
  },
  props: { decorations: (state) => key.getState(state) },
});

function afterPaint(callback) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback(performance.now());
  };
  channel.port2.postMessage(null);
}

function inView(rect) {
  return rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
}

document.addEventListener('keydown', (event) => {
  const tag = KEYS[event.key];
  const selection = document.getSelection();
  if (!tag || !view || !selection || selection.isCollapsed) return;
  const a = view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  const b = view.posAtDOM(selection.focusNode, selection.focusOffset);
  spans.push({ id: `bench-${++counter}`, tag, from: Math.min(a, b), to: Math.max(a, b) });
  view.dispatch(view.state.tr.setMeta(key, true));
  selection.removeAllRanges();
});

window.__peer = {
  ready: () => ready.then(() => data.annotations.length),

  /** Open: from the start of the work to the painted frame with the last paragraph and every highlight drawn. */
  async open() {
    await ready;
    const t0 = performance.now();
    spans = toPositions();
    const doc = schema.node(
      'doc',
      null,
      data.lines.map((line) => schema.node('paragraph', null, line ? [schema.text(line)] : [])),
    );
    view = new EditorView(container, {
      state: EditorState.create({ doc, plugins: [highlights] }),
      editable: () => false,
    });
    const last = data.lines[data.lines.length - 1];
    const drawn = container.querySelectorAll('[data-id]');
    const ps = container.getElementsByTagName('p');
    if (ps[ps.length - 1].textContent !== last) throw new Error('baseline: the last paragraph is not drawn');
    const t1 = await new Promise((resolve) => requestAnimationFrame(() => afterPaint(resolve)));
    const ids = new Set([...drawn].map((el) => el.getAttribute('data-id')));
    return { ms: t1 - t0, drawn: drawn.length, loaded: spans.length, placed: ids.size };
  },

  /** Two or three unannotated words around paragraph i of n, selected. */
  selectFresh(i, n) {
    const ps = container.getElementsByTagName('p');
    const k = Math.min(ps.length - 1, Math.floor(((i + 0.5) / n) * ps.length));
    ps[k].scrollIntoView({ block: 'center' });
    const words = /(?<=^|\s)[\p{L}\p{M}]{2,}(?: [\p{L}\p{M}]{2,}){1,2}(?=$|[\s.,;:!?”])/u;
    for (let j = k; j < ps.length; j++) {
      const p = ps[j];
      if (!inView(p.getBoundingClientRect())) continue;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('[data-id]')) continue;
        const match = words.exec(node.data);
        if (!match) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        return match[0];
      }
    }
    throw new Error(`no unannotated words in view around paragraph ${k}`);
  },

  /** From the keydown of `key` to the painted frame with the new annotation's highlight drawn. */
  armAdd(key) {
    pending = new Promise((resolve, reject) => {
      let t0 = null;
      const onKey = (event) => {
        if (event.key === key && t0 === null) t0 = performance.now();
      };
      const expected = `bench-${counter + 1}`;
      const observer = new MutationObserver(() => {
        if (t0 === null || !container.querySelector(`[data-id="${expected}"]`)) return;
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        clearTimeout(timer);
        const start = t0;
        requestAnimationFrame(() => afterPaint((t1) => resolve({ ms: t1 - start, id: expected })));
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('baseline add: no highlight within 30 s'));
      }, 30_000);
      window.addEventListener('keydown', onKey, true);
      observer.observe(container, { childList: true, subtree: true });
    });
    pending.catch(() => {});
  },

  result: () => pending,

  quiet: (quietMs = 300) => new Promise((resolve) => setTimeout(resolve, quietMs)),

  settle: (quietMs = 150) =>
    new Promise((resolve) => requestAnimationFrame(() => afterPaint(() => setTimeout(resolve, quietMs)))),
};

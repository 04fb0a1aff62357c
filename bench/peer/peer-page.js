// @ts-nocheck — a page for the browser, bundled by vite (bench/peer/build.ts); bench/ is type-checked without the DOM.
/*
 * The peer side by side: @recogito/text-annotator showing the same article
 * (one <p> per line, as Tanda) with the same annotations, in the same
 * Chromium, timed the same way as tanda-probe.js: performance.now() from the
 * start of the work (or the keydown) to a MessageChannel message posted from
 * the requestAnimationFrame after the highlights appear, i.e. after paint.
 *
 * The peer is used the way its documentation shows (createTextAnnotator, the
 * W3C adapter, setAnnotations) and, for adding, through the path its own
 * selection handler takes: the selector (with its DOM Range) is computed when
 * the selection is made, and the keypress only adds it to the store. That is
 * the peer at its fastest; Tanda computes its offsets at the keypress.
 */
import { createTextAnnotator, rangeToSelector, W3CTextFormat } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';

const COLOURS = { commitment: '#2f7ed8', dispute: '#d64545', cooperation_area: '#2b8a3e' };
const KEYS = { 1: 'commitment', 2: 'dispute', 3: 'cooperation_area' };
const USER = { id: 'bench', name: 'Bench' };

const container = document.getElementById('content');
/** @type {{ lines: string[], annotations: { id: string, tag: string, quote: string, start: number, end: number }[] }} */
let data;
let anno = null;
/** Per paragraph: UTF-16 offset of its start in the container's text, and the [start, end) ranges annotated in it. */
let paragraphStarts = [];
let taken = [];
let pendingSelection = null;
let pending = null;
let counter = 0;

const ready = fetch('./data/peer.json')
  .then((response) => response.json())
  .then((json) => {
    data = json;
    let offset = 0;
    for (const line of data.lines) {
      paragraphStarts.push(offset);
      taken.push([]);
      offset += line.length;
    }
    for (const a of data.annotations) {
      const p = paragraphAt(a.start);
      taken[p].push([a.start - paragraphStarts[p], a.end - paragraphStarts[p]]);
    }
  });

function paragraphAt(offset) {
  let lo = 0;
  let hi = paragraphStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function tagOf(annotation) {
  return annotation.bodies?.find((b) => b.purpose === 'tagging')?.value;
}

function w3c(a) {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: a.id,
    type: 'Annotation',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: a.tag }],
    target: {
      source: 'article',
      selector: [
        { type: 'TextQuoteSelector', exact: a.quote },
        { type: 'TextPositionSelector', start: a.start, end: a.end },
      ],
    },
  };
}

function afterPaint(callback) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    callback(performance.now());
  };
  channel.port2.postMessage(null);
}

function layer() {
  return container.querySelector('.r6o-span-highlight-layer');
}

function paragraphs() {
  return container.querySelectorAll(':scope > p');
}

function inView(rect) {
  return rect.height > 0 && rect.bottom > 0 && rect.top < innerHeight;
}

// The keypress that tags: adds the selection's annotation as the peer's selection handler would on commit.
document.addEventListener('keydown', (event) => {
  const tag = KEYS[event.key];
  if (!tag || !pendingSelection || !anno) return;
  const { selector } = pendingSelection;
  pendingSelection = null;
  const id = `bench-${++counter}`;
  const created = new Date();
  anno.state.store.addAnnotation({
    id,
    bodies: [{ id: `${id}-tag`, annotation: id, purpose: 'tagging', value: tag, created, creator: USER }],
    target: { annotation: id, selector: [selector], created, creator: USER },
  });
  document.getSelection()?.removeAllRanges();
});

window.__peer = {
  ready: () => ready.then(() => data.annotations.length),

  /**
   * Open: from the start of the work (the paragraphs into the page, the
   * annotator created, the annotations set) to the painted frame with the
   * first highlights drawn. setAnnotations is called as documented, with its
   * default `replace`: the store keeps the annotations as given, and the
   * peer locates each one's range in the text when it indexes their
   * positions (faster than `replace: false`, which locates them first).
   */
  async open() {
    await ready;
    const t0 = performance.now();
    const fragment = document.createDocumentFragment();
    for (const line of data.lines) {
      const p = document.createElement('p');
      p.textContent = line;
      fragment.append(p);
    }
    container.append(fragment);
    anno = createTextAnnotator(container, {
      adapter: W3CTextFormat('article'),
      user: USER,
      style: (annotation) => ({ fill: COLOURS[tagOf(annotation)] ?? '#888888', fillOpacity: 0.22 }),
    });
    const drawn = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (layer().childElementCount === 0) return;
        observer.disconnect();
        requestAnimationFrame(() => afterPaint(resolve));
      });
      observer.observe(layer(), { childList: true });
    });
    anno.setAnnotations(data.annotations.map(w3c));
    const t1 = await drawn;
    const all = anno.state.store.all();
    return {
      ms: t1 - t0,
      drawn: layer().childElementCount,
      loaded: all.length,
      // Placed: the peer knows where it is on screen (it has rects in the peer's spatial index).
      placed: all.filter((a) => anno.state.store.getAnnotationRects(a.id).length > 0).length,
    };
  },

  /** Two or three unannotated words around paragraph i of n, selected; their selector computed as the peer does on selectionchange. */
  selectFresh(i, n) {
    const ps = paragraphs();
    const k = Math.min(ps.length - 1, Math.floor(((i + 0.5) / n) * ps.length));
    ps[k].scrollIntoView({ block: 'center' });
    const words = /(?<=^|\s)[\p{L}\p{M}]{2,}(?: [\p{L}\p{M}]{2,}){1,2}(?=$|[\s.,;:!?”])/gu;
    for (let j = k; j < ps.length; j++) {
      const p = ps[j];
      const node = p.firstChild;
      if (!(node instanceof Text) || !inView(p.getBoundingClientRect())) continue;
      for (const match of node.data.matchAll(words)) {
        const start = match.index;
        const end = start + match[0].length;
        if (taken[j].some(([a, b]) => start < b && end > a)) continue;
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        const selection = document.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        pendingSelection = { selector: rangeToSelector(range, container) };
        taken[j].push([start, end]);
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
      const observer = new MutationObserver((records) => {
        if (t0 === null) return;
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node instanceof HTMLElement && node.dataset.annotation === expected) {
              observer.disconnect();
              window.removeEventListener('keydown', onKey, true);
              clearTimeout(timer);
              const start = t0;
              requestAnimationFrame(() => afterPaint((t1) => resolve({ ms: t1 - start, id: expected })));
              return;
            }
          }
        }
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('peer add: no highlight within 30 s'));
      }, 30_000);
      window.addEventListener('keydown', onKey, true);
      observer.observe(layer(), { childList: true });
    });
    pending.catch(() => {});
  },

  result: () => pending,

  /** Resolves once the page has not changed for `quietMs` (the peer redraws on a debounce). */
  quiet: (quietMs = 300, maxMs = 20_000) =>
    new Promise((resolve) => {
      const started = performance.now();
      let timer = setTimeout(done, quietMs);
      const observer = new MutationObserver(() => {
        clearTimeout(timer);
        timer = setTimeout(done, Math.max(0, Math.min(quietMs, maxMs - (performance.now() - started))));
      });
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      function done() {
        observer.disconnect();
        resolve(performance.now() - started);
      }
    }),

  settle: (quietMs = 150) =>
    new Promise((resolve) => requestAnimationFrame(() => afterPaint(() => setTimeout(resolve, quietMs)))),
};

// @ts-check
/*
 * Timing hooks for the long-article scenario, installed in Tanda's page with
 * page.addInitScript and called by name (bench/scenarios/long-article.ts).
 *
 * Every figure is a performance.now() difference taken inside the page: from
 * the input event, seen by a capturing listener on window (so before any of
 * the app's handlers), to a MessageChannel message posted from the
 * requestAnimationFrame that follows the change, which runs once the frame
 * showing the change has been painted. Timing to the rAF alone would stop
 * before paint.
 *
 * Plain JavaScript because it only runs in the page, and bench/ is type
 * checked against Node's library, without the DOM.
 */
(() => {
  const HIGHLIGHT = '[data-annotation-id]';
  const ID = 'data-annotation-id';

  /** @returns {HTMLElement} */
  function textbox() {
    const el = document.querySelector('[role="textbox"][aria-label="Article text"]');
    if (!(el instanceof HTMLElement)) throw new Error('no "Article text" textbox in the page');
    return el;
  }

  /** Call from a requestAnimationFrame callback: `callback(now)` runs after that frame is painted. */
  function afterPaint(/** @type {(now: number) => void} */ callback) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback(performance.now());
    };
    channel.port2.postMessage(null);
  }

  /**
   * Scrolls `el` to the middle of the view and waits for two frames in a row in which the article
   * did not change: it draws a section in full once the section comes near the screen (a frame to
   * see it, one to draw it), and an analyst cannot select text in the frame it scrolled into view.
   * @param {Element | undefined} el
   */
  async function scrollNear(el) {
    el?.scrollIntoView({ block: 'center' });
    let changed = true;
    const observer = new MutationObserver(() => (changed = true));
    observer.observe(textbox(), { childList: true, subtree: true });
    for (let quiet = 0, frames = 0; quiet < 2 && frames < 120; frames++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      quiet = changed ? 0 : quiet + 1;
      changed = false;
    }
    observer.disconnect();
  }

  /** @param {Element} el */
  function scrollerOf(el) {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const overflow = getComputedStyle(e).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && e.scrollHeight > e.clientHeight) return e;
    }
    return document.documentElement;
  }

  /** The part of the window the article is visible in. */
  function viewRect(/** @type {Element} */ el) {
    const scroller = scrollerOf(el);
    const r =
      scroller === document.documentElement
        ? new DOMRect(0, 0, innerWidth, innerHeight)
        : scroller.getBoundingClientRect();
    return { top: Math.max(0, r.top), bottom: Math.min(innerHeight, r.bottom), left: r.left, right: r.right };
  }

  function inView(/** @type {DOMRect} */ r, /** @type {{top: number, bottom: number}} */ view) {
    return r.height > 0 && r.bottom > view.top && r.top < view.bottom;
  }

  /** Ids of annotations that appear in these mutation records and are not in `before`. */
  function newId(/** @type {MutationRecord[]} */ records, /** @type {Set<string | null>} */ before) {
    for (const record of records) {
      if (record.type === 'attributes') {
        const id = /** @type {Element} */ (record.target).getAttribute(ID);
        if (id && !before.has(id)) return id;
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const own = node.getAttribute(ID);
        if (own && !before.has(own)) return own;
        for (const el of node.querySelectorAll(HIGHLIGHT)) {
          const id = el.getAttribute(ID);
          if (id && !before.has(id)) return id;
        }
      }
    }
    return null;
  }

  /** @type {Promise<unknown> | null} */
  let pending = null;

  /**
   * @param {string} what
   * @param {(resolve: (value: unknown) => void, reject: (error: Error) => void, done: (cleanup: () => void) => void) => void} body
   */
  function arm(what, body, timeoutMs = 60_000) {
    pending = new Promise((resolve, reject) => {
      /** @type {() => void} */
      let cleanup = () => {};
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what}: nothing happened within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      body(
        (value) => {
          clearTimeout(timer);
          cleanup();
          resolve(value);
        },
        reject,
        (c) => (cleanup = c),
      );
    });
    // Reported when the caller asks for the result; keep it from being "unhandled" meanwhile.
    pending.catch(() => {});
  }

  const bench = {
    /** The outcome of the last armed measurement. */
    result: () => pending,

    /** Resolves after `frames` painted frames and a short quiet spell, so the next measurement starts idle. */
    settle: (frames = 2, quietMs = 100) =>
      new Promise((resolve) => {
        let left = frames;
        const frame = () =>
          --left > 0 ? requestAnimationFrame(frame) : afterPaint(() => setTimeout(resolve, quietMs));
        requestAnimationFrame(frame);
      }),

    /**
     * Resolves once the page has not changed for `quietMs` (no DOM mutation
     * anywhere), so work the app finishes after a measurement (saving,
     * re-reading, moving the caret) cannot land in the next one.
     */
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

    /**
     * Open: from the click on a document in the "Documents" navigation to
     * the painted frame where the article's last paragraph (the last <p>,
     * however the editor groups them) is in the text and `expected`
     * highlight elements are in it. Should that never happen (a view that
     * draws only the highlights or paragraphs near the viewport), the end is
     * the last frame in which either changed, once highlights are drawn and
     * nothing has changed for 60 frames.
     */
    armOpen(/** @type {string} */ lastLine, /** @type {number} */ expected) {
      arm(
        'open',
        (resolve, _reject, done) => {
          let stop = false;
          const onClick = (/** @type {Event} */ event) => {
            const target = event.target;
            if (!(target instanceof Element) || !target.closest('nav[aria-label="Documents"]')) return;
            window.removeEventListener('click', onClick, true);
            const t0 = performance.now();
            /** @type {string | null} */
            let last = null;
            let lastChangePainted = t0;
            let same = 0;
            const frame = () => {
              if (stop) return;
              const tb = document.querySelector('[role="textbox"][aria-label="Article text"]');
              const paragraphs = tb ? tb.getElementsByTagName('p') : null;
              const textDone = !!paragraphs && paragraphs[paragraphs.length - 1]?.textContent === lastLine;
              const count = tb ? tb.querySelectorAll(HIGHLIGHT).length : 0;
              if (textDone && count >= expected) {
                afterPaint((t1) => resolve({ ms: t1 - t0, highlights: count, ended: 'complete' }));
                return;
              }
              const state = `${textDone}:${count}`;
              if (state !== last) {
                last = state;
                same = 0;
                afterPaint((t1) => (lastChangePainted = t1));
              } else if (count > 0 && ++same >= 60) {
                resolve({ ms: lastChangePainted - t0, highlights: count, ended: 'stable' });
                return;
              }
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          };
          window.addEventListener('click', onClick, true);
          done(() => {
            stop = true;
            window.removeEventListener('click', onClick, true);
          });
        },
        180_000,
      );
    },

    /**
     * Tag: from the keydown of `key` to the painted frame with a highlight
     * element of a new annotation id. Also the phases, in ms: `handler`
     * (keydown → the highlight in the DOM), `toFrame` (→ the next
     * requestAnimationFrame), `render` (→ after that frame's paint), and
     * `frameStart`, the frame's own timestamp relative to the keydown.
     *
     * The frame callback is asked for at the keydown, before the app's own:
     * the message that marks the paint is then posted ahead of whatever the
     * app defers to after the paint (the caret's move to the span's end).
     * Asked for once the highlight was seen, it came after that work, the
     * selectionchange it causes and a second frame, and the slowest tags
     * measured those (a trace: 18.8 ms for a highlight painted in 9.8).
     * Input events still go before a message (the key's keyup, the
     * selectionchange of the text node the highlight rewrote), and a frame
     * they cause: the slowest tags' `render` is mostly theirs.
     */
    armAdd(/** @type {string} */ key) {
      const tb = textbox();
      const before = new Set([...tb.querySelectorAll(HIGHLIGHT)].map((el) => el.getAttribute(ID)));
      arm('tag', (resolve, _reject, done) => {
        /** @type {number | null} */
        let t0 = null;
        /** @type {{ id: string, changed: number } | null} */
        let seen = null;
        let frameMissed = false;
        /** In the frame that renders the highlight: after its paint, the figure. */
        const measure = (/** @type {number} */ frame) => {
          const { id, changed } = /** @type {{ id: string, changed: number }} */ (seen);
          const start = /** @type {number} */ (t0);
          const rendering = performance.now();
          afterPaint((t1) =>
            resolve({
              ms: t1 - start,
              id,
              phases: {
                handler: changed - start,
                toFrame: rendering - changed,
                frameStart: frame - start,
                render: t1 - rendering,
              },
            }),
          );
        };
        const onKey = (/** @type {KeyboardEvent} */ event) => {
          if (event.key !== key || t0 !== null) return;
          t0 = performance.now();
          requestAnimationFrame((frame) => {
            // The highlight came later than this frame: measure the frame after it.
            if (seen === null) frameMissed = true;
            else measure(frame);
          });
        };
        const observer = new MutationObserver((records) => {
          if (t0 === null) return;
          const id = newId(records, before);
          if (id === null) return;
          seen = { id, changed: performance.now() };
          observer.disconnect();
          if (frameMissed) requestAnimationFrame(measure);
        });
        window.addEventListener('keydown', onKey, true);
        observer.observe(tb, { childList: true, subtree: true, attributes: true, attributeFilter: [ID] });
        done(() => {
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
        });
      });
    },

    /** Delete (or undo of a tag, `keys` ['z']): from the keydown to the painted frame without any element of annotation `id`. */
    armDelete(/** @type {string} */ id, /** @type {string[]} */ keys = ['Delete', 'Backspace']) {
      const tb = textbox();
      const selector = `[${ID}="${CSS.escape(id)}"]`;
      arm('delete', (resolve, _reject, done) => {
        /** @type {number | null} */
        let t0 = null;
        const onKey = (/** @type {KeyboardEvent} */ event) => {
          if (keys.includes(event.key) && t0 === null) t0 = performance.now();
        };
        const observer = new MutationObserver(() => {
          if (t0 === null || tb.querySelector(selector)) return;
          const start = t0;
          observer.disconnect();
          requestAnimationFrame(() => afterPaint((t1) => resolve({ ms: t1 - start })));
        });
        window.addEventListener('keydown', onKey, true);
        observer.observe(tb, { childList: true, subtree: true, attributes: true, attributeFilter: [ID] });
        done(() => {
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
        });
      });
    },

    /**
     * A keyboard action that selects another annotation (Tab, Shift+Tab):
     * from the keydown of `key` to the painted frame in which a highlight
     * other than the one selected before carries the selected style. The
     * start is the event's own timestamp (when the browser received the
     * input), so time the key waited behind earlier work, as after a
     * Delete, is counted.
     */
    armSelectNext(/** @type {string} */ key) {
      const tb = textbox();
      const before = tb.querySelector('.hl-selected')?.getAttribute(ID) ?? null;
      arm('select next', (resolve, _reject, done) => {
        /** @type {number | null} */
        let t0 = null;
        const onKey = (/** @type {KeyboardEvent} */ event) => {
          if (event.key === key && t0 === null) t0 = Math.min(event.timeStamp, performance.now());
        };
        const observer = new MutationObserver(() => {
          if (t0 === null) return;
          const el = tb.querySelector('.hl-selected');
          const id = el?.getAttribute(ID) ?? null;
          if (!id || id === before) return;
          const start = t0;
          observer.disconnect();
          requestAnimationFrame(() => afterPaint((t1) => resolve({ ms: t1 - start, id })));
        });
        window.addEventListener('keydown', onKey, true);
        observer.observe(tb, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: ['class'],
        });
        done(() => {
          observer.disconnect();
          window.removeEventListener('keydown', onKey, true);
        });
      });
    },

    /**
     * Enter on a selected annotation: from the keydown to the painted frame
     * in which the focus is inside the "Selected annotation" form.
     */
    armOpenForm() {
      const inForm = () =>
        !!document.activeElement?.closest(
          'section[aria-label="Annotations"] form[aria-label="Selected annotation"]',
        );
      arm('enter to the form', (resolve, _reject, done) => {
        /** @type {number | null} */
        let t0 = null;
        const onKey = (/** @type {KeyboardEvent} */ event) => {
          if (event.key === 'Enter' && t0 === null) t0 = Math.min(event.timeStamp, performance.now());
        };
        const onFocus = () => {
          if (t0 === null || !inForm()) return;
          const start = t0;
          window.removeEventListener('focusin', onFocus, true);
          requestAnimationFrame(() => afterPaint((t1) => resolve({ ms: t1 - start })));
        };
        window.addEventListener('keydown', onKey, true);
        window.addEventListener('focusin', onFocus, true);
        done(() => {
          window.removeEventListener('keydown', onKey, true);
          window.removeEventListener('focusin', onFocus, true);
        });
      });
    },

    /**
     * Undo or redo of a step of many annotations (Ctrl+Z, Ctrl+Shift+Z):
     * `ms` from the keydown of `key` to the painted frame in which every
     * one of `ids` is gone (`gone`) or drawn (otherwise); `doneMs` to the
     * frame after the app announced the step ("Undid …", "Redid …"), i.e.
     * once it is written and the panels show it.
     */
    armMany(/** @type {string} */ key, /** @type {string[]} */ ids, /** @type {boolean} */ gone) {
      const tb = textbox();
      const live = /** @type {HTMLElement} */ (
        document.querySelector('section[aria-label="Article"] [aria-live="polite"]')
      );
      const word = gone ? 'Undid' : 'Redid';
      arm(
        gone ? 'undo many' : 'redo many',
        (resolve, _reject, done) => {
          /** @type {number | null} */
          let t0 = null;
          /** @type {number | null} */
          let painted = null;
          /** @type {number | null} */
          let announced = null;
          const onKey = (/** @type {KeyboardEvent} */ event) => {
            if (event.key.toLowerCase() === key && t0 === null)
              t0 = Math.min(event.timeStamp, performance.now());
          };
          const drawnCount = () => {
            const drawn = new Set([...tb.querySelectorAll(HIGHLIGHT)].map((el) => el.getAttribute(ID)));
            return ids.filter((id) => drawn.has(id)).length;
          };
          const finish = () => {
            if (painted !== null && announced !== null && t0 !== null)
              resolve({ ms: painted - t0, doneMs: Math.max(painted, announced) - t0 });
          };
          const observer = new MutationObserver(() => {
            if (t0 === null || painted !== null) return;
            const n = drawnCount();
            if (gone ? n !== 0 : n !== ids.length) return;
            requestAnimationFrame(() =>
              afterPaint((t1) => {
                painted = t1;
                finish();
              }),
            );
          });
          const announcer = new MutationObserver(() => {
            if (t0 === null || announced !== null || !live.textContent?.startsWith(word)) return;
            requestAnimationFrame(() =>
              afterPaint((t1) => {
                announced = t1;
                finish();
              }),
            );
          });
          window.addEventListener('keydown', onKey, true);
          observer.observe(tb, { childList: true, subtree: true, attributes: true, attributeFilter: [ID] });
          announcer.observe(live, { childList: true, subtree: true, characterData: true });
          done(() => {
            observer.disconnect();
            announcer.disconnect();
            window.removeEventListener('keydown', onKey, true);
          });
        },
        120_000,
      );
    },

    /** What the page holds as selection and focus: for an error message when the toolbar never came. */
    selectionState() {
      const selection = window.getSelection();
      const active = document.activeElement;
      return {
        selected: selection ? selection.toString().slice(0, 80) : null,
        ranges: selection?.rangeCount ?? 0,
        inArticle: !!selection?.anchorNode && textbox().contains(selection.anchorNode),
        active: active ? `${active.tagName} ${active.getAttribute('aria-label') ?? ''}` : null,
        toolbar: !!document.querySelector('[role="toolbar"]'),
      };
    },

    /** Ids of every annotation drawn in the article. */
    drawnIds() {
      return [...new Set([...textbox().querySelectorAll(HIGHLIGHT)].map((el) => el.getAttribute(ID)))];
    },

    /**
     * Jump: from the click on an entry of the "Annotations" list to the
     * painted frame where a highlight that started animating after the
     * click (the flash) is inside the article's visible area.
     */
    armJump() {
      const older = new Set(document.getAnimations());
      arm('jump', (resolve, _reject, done) => {
        let stop = false;
        const onClick = (/** @type {Event} */ event) => {
          const target = event.target;
          if (!(target instanceof Element) || !target.closest('section[aria-label="Annotations"] ol')) return;
          window.removeEventListener('click', onClick, true);
          const t0 = performance.now();
          const frame = () => {
            if (stop) return;
            const tb = textbox();
            const view = viewRect(tb);
            for (const animation of document.getAnimations()) {
              if (older.has(animation)) continue;
              const el = animation.effect instanceof KeyframeEffect ? animation.effect.target : null;
              if (
                !el ||
                !el.matches(HIGHLIGHT) ||
                !tb.contains(el) ||
                !inView(el.getBoundingClientRect(), view)
              )
                continue;
              afterPaint((t1) => resolve({ ms: t1 - t0, id: el.getAttribute(ID) }));
              return;
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        };
        window.addEventListener('click', onClick, true);
        done(() => {
          stop = true;
          window.removeEventListener('click', onClick, true);
        });
      });
    },

    /**
     * Scrolls paragraph `i` of `n` evenly spread ones to the middle of the
     * view and selects, as a drag would, two or three whole words there that
     * no highlight covers yet. Returns them.
     */
    async selectFresh(/** @type {number} */ i, /** @type {number} */ n) {
      const tb = textbox();
      const paragraphs = tb.getElementsByTagName('p');
      const k = Math.min(paragraphs.length - 1, Math.floor(((i + 0.5) / n) * paragraphs.length));
      await scrollNear(paragraphs[k]);
      const view = viewRect(tb);
      const words = /(?<=^|\s)[\p{L}\p{M}]{2,}(?: [\p{L}\p{M}]{2,}){1,2}(?=$|[\s.,;:!?”])/u;
      for (let j = k; j < paragraphs.length; j++) {
        const p = paragraphs[j];
        if (!p || !inView(p.getBoundingClientRect(), view)) continue;
        // Suggestions (their own outlined spans) may wrap the text: any text node outside a highlight will do.
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!(node instanceof Text) || node.parentElement?.closest(HIGHLIGHT)) continue;
          const match = words.exec(node.data);
          if (!match) continue;
          tb.focus({ preventScroll: true });
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const selection = /** @type {Selection} */ (window.getSelection());
          selection.removeAllRanges();
          selection.addRange(range);
          return match[0];
        }
      }
      throw new Error(`no unannotated words in view around paragraph ${k}`);
    },

    /**
     * Scrolls paragraph `i` of `n` to the middle of the view and finds a
     * highlight there with no other highlight inside it (the `skip`+1-th
     * such): its id, quote and a point inside it to click.
     */
    async pickHighlight(/** @type {number} */ i, /** @type {number} */ n, skip = 0) {
      let skipped = 0;
      const tb = textbox();
      const paragraphs = tb.getElementsByTagName('p');
      const k = Math.min(paragraphs.length - 1, Math.floor(((i + 0.5) / n) * paragraphs.length));
      await scrollNear(paragraphs[k]);
      const view = viewRect(tb);
      for (let j = k; j < paragraphs.length; j++) {
        const p = paragraphs[j];
        if (!p || !inView(p.getBoundingClientRect(), view)) continue;
        // Highlights may sit inside other decorations (a suggestion's outline), which also cut one
        // highlight into pieces: take a piece with no highlight inside it, and the quote from all pieces.
        for (const el of p.querySelectorAll(`[${ID}]`)) {
          const id = el.getAttribute(ID);
          if (!id || el.querySelector(HIGHLIGHT)) continue;
          const pieces = [...tb.querySelectorAll(`[${ID}="${CSS.escape(id)}"]`)];
          if (pieces.some((piece) => piece.querySelector(HIGHLIGHT))) continue;
          const rect = el.getClientRects()[0];
          if (!rect || !inView(rect, view)) continue;
          const quote = pieces.map((piece) => piece.textContent).join('');
          if (skipped++ < skip) continue;
          return { id, quote, x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      throw new Error(`no highlight without another inside it in view around paragraph ${k}`);
    },

    /** What the app last said (live regions, alerts) and where the focus is: for a key whose figure never came. */
    said() {
      const spoken = [...document.querySelectorAll('[aria-live], [role="alert"]')]
        .map((e) => e.textContent?.trim())
        .filter(Boolean)
        .join(' | ');
      const e = document.activeElement;
      const section = e?.closest('section[aria-label]')?.getAttribute('aria-label') ?? 'no section';
      const focus = e ? `${e.tagName} ${e.getAttribute('aria-label') ?? ''} in ${section}` : 'none';
      return `${spoken || '(nothing)'} (focus: ${focus})`;
    },

    /** The quote in the "Selected annotation" form, or null when none is selected. */
    selectedQuote() {
      const quote = document.querySelector(
        'section[aria-label="Annotations"] form[aria-label="Selected annotation"] blockquote',
      );
      return quote ? quote.textContent : null;
    },

    /** Distinct annotation ids and elements drawn in the article. */
    highlightCounts() {
      const elements = textbox().querySelectorAll(HIGHLIGHT);
      return { elements: elements.length, ids: new Set([...elements].map((el) => el.getAttribute(ID))).size };
    },
  };

  Object.defineProperty(window, '__tandaBench', { value: bench });
})();

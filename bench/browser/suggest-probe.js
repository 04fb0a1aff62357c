// @ts-check
/* global document, window, requestAnimationFrame, CSS -- it runs in the page */
/*
 * Timing hooks for the suggestion scenario (bench/scenarios/suggest-ui.ts),
 * installed with page.addInitScript: long tasks from the page's start, the
 * span between the app's marks `tanda:suggestions-requested` and
 * `tanda:suggestions-painted`, and a key's time from its event (seen by a
 * capturing listener on window, before the app's) to the frame painted
 * after the current suggestion's outline went: a MessageChannel message
 * posted from the following requestAnimationFrame arrives once that frame
 * is done. Plain JavaScript, as tanda-probe.js is, for the same reason.
 */
(() => {
  /** @type {{ start: number; duration: number }[]} */
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  /**
   * The app's marks of one document, oldest first (each carries its path in `detail`).
   * @param {string} name
   * @param {string} path
   * @returns {PerformanceMark[]}
   */
  function marksOf(name, path) {
    return /** @type {PerformanceMark[]} */ (performance.getEntriesByName(name, 'mark')).filter(
      (m) => /** @type {{ path?: string } | null} */ (m.detail)?.path === path,
    );
  }

  /*
   * Which components rendered: react-dom hands every commit to React DevTools' global hook, in
   * production builds too, so a stand-in hook sees each committed tree. A function component that
   * rendered has a new first hook object (a bail-out copies the old one), so a component counts once
   * per commit that rendered it. Counted by name (the bundle keeps function names).
   */
  const COUNTED = ['Workspace', 'AnnotationsPanel', 'SuggestionsPanel', 'ArticleEditor', 'LiveRegion'];
  /** @type {Record<string, number>} */
  const renders = Object.fromEntries(COUNTED.map((n) => [n, 0]));
  const seenStates = new WeakSet();
  /** @param {any} root */
  function countRenders(root) {
    const stack = [root.current];
    while (stack.length) {
      const fiber = stack.pop();
      if (!fiber) continue;
      // A forwardRef or memo component's fiber holds its function inside (`render`, `type`).
      const type = fiber.type;
      const fn =
        typeof type === 'function'
          ? type
          : type && typeof type === 'object'
            ? (type.render ?? type.type)
            : null;
      const name = typeof fn === 'function' ? fn.name : null;
      const state = fiber.memoizedState;
      if (name && name in renders && state && typeof state === 'object' && !seenStates.has(state)) {
        seenStates.add(state);
        renders[name]++;
      }
      if (fiber.sibling) stack.push(fiber.sibling);
      if (fiber.child) stack.push(fiber.child);
    }
  }
  Object.assign(globalThis, {
    __REACT_DEVTOOLS_GLOBAL_HOOK__: {
      supportsFiber: true,
      renderers: new Map(),
      inject: () => 1,
      checkDCE: () => {},
      onCommitFiberRoot: (/** @type {number} */ _id, /** @type {any} */ root) => countRenders(root),
      onCommitFiberUnmount: () => {},
      onPostCommitFiberRoot: () => {},
    },
  });

  // Scrolls of anything in the page (the article pane): a scroll repaints all of what is visible.
  let scrolls = 0;
  document.addEventListener('scroll', () => scrolls++, { capture: true, passive: true });

  /** @param {() => void} callback runs after the next frame is painted */
  function afterPaint(callback) {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback();
      channel.port2.postMessage(null);
    });
  }

  Object.assign(globalThis, {
    __tandaSuggest: {
      /** True once `path`'s suggestions are painted (Tanda opens another document first, with its own). */
      painted: (/** @type {string} */ path) => marksOf('tanda:suggestions-painted', path).length > 0,
      /** `path`'s first matching's span, its long tasks, and how many suggestions it drew. */
      matching(/** @type {string} */ path) {
        const paintedMark = marksOf('tanda:suggestions-painted', path)[0];
        const painted = paintedMark?.startTime ?? 0;
        const requested = marksOf('tanda:suggestions-requested', path)[0]?.startTime ?? 0;
        const tasks = longTasks.filter((t) => t.start < painted && t.start + t.duration > requested);
        return {
          matching: painted - requested,
          longest: Math.max(0, ...tasks.map((t) => t.duration)),
          total: tasks.reduce((sum, t) => sum + t.duration, 0),
          count: /** @type {{ count?: number } | null} */ (paintedMark?.detail)?.count ?? 0,
        };
      },
      /**
       * `path`'s first matching until the outlines on and near the screen were drawn (the layer draws
       * only there, a chunk per frame): that span's long tasks, the outlines drawn of all, and how many
       * full matches `path` has had.
       */
      drawing(/** @type {string} */ path) {
        const requested = marksOf('tanda:suggestions-requested', path);
        const paintedMark = marksOf('tanda:suggestions-painted', path)[0];
        if (paintedMark === undefined) return null;
        const painted = paintedMark.startTime;
        const count = /** @type {{ count?: number } | null} */ (paintedMark.detail)?.count ?? 0;
        // The first mark after the request for all of them (not the short article's, opened first).
        const drawnMark = /** @type {PerformanceMark[]} */ (
          performance.getEntriesByName('tanda:suggestions-drawn', 'mark')
        ).find(
          (m) =>
            m.startTime >= (requested[0]?.startTime ?? 0) &&
            /** @type {{ total?: number } | null} */ (m.detail?.total ?? 0) >= count,
        );
        if (!drawnMark) return null;
        const from = requested[0]?.startTime ?? 0;
        const to = Math.max(drawnMark.startTime, painted);
        const tasks = longTasks.filter((t) => t.start < to && t.start + t.duration > from);
        return {
          drawing: to - from,
          longest: Math.max(0, ...tasks.map((t) => t.duration)),
          drawn: /** @type {{ count?: number } | null} */ (drawnMark.detail)?.count ?? 0,
          total: /** @type {{ total?: number } | null} */ (drawnMark.detail)?.total ?? 0,
          matches: requested.length,
        };
      },
      /** How many times `path` has been matched in full. */
      matches: (/** @type {string} */ path) => marksOf('tanda:suggestions-requested', path).length,
      /** Two painted frames and a quiet spell, so the next key starts from an idle page. */
      settle: (/** @type {number} */ quietMs) =>
        new Promise((resolve) => requestAnimationFrame(() => afterPaint(() => setTimeout(resolve, quietMs)))),
      hasCurrent: () => document.querySelector('.sg-current') !== null,
      /** Commits that rendered each counted component so far (see `countRenders`). */
      renders: () => ({ ...renders }),
      /**
       * Resolves with the ms from the next `key` event to the frame painted without the current outline:
       * `frame`, a message posted from the requestAnimationFrame that first sees it gone (it arrives once
       * that frame is painted, as tanda-probe.js times tagging), and `next`, the figure first reported
       * (`afterPaint` from that callback, which waits for one frame more: never under one frame's 16.7 ms).
       */
      armKey(/** @type {string} */ key) {
        const current = document.querySelector('.sg-current')?.getAttribute('data-suggestion-key');
        if (!current) return Promise.reject(new Error('no current suggestion'));
        const selector = `[data-suggestion-key="${CSS.escape(current)}"]`;
        return new Promise((resolve, reject) => {
          /** @param {KeyboardEvent} event */
          const onKey = (event) => {
            if (event.key !== key) return;
            window.removeEventListener('keydown', onKey, true);
            const from = event.timeStamp;
            const rendersBefore = { ...renders };
            const scrollsBefore = scrolls;
            let handler = -1;
            const frame = () => {
              // The first frame's callback runs once the key's handlers, React's commit and effects are done.
              if (handler < 0) handler = performance.now() - from;
              if (document.querySelector(selector) === null) {
                let painted = 0;
                const channel = new MessageChannel();
                /** @type {Record<string, number>} */
                const beforePaint = {};
                channel.port1.onmessage = () => {
                  painted = performance.now() - from;
                  for (const n of COUNTED) beforePaint[n] = renders[n] - rendersBefore[n];
                  beforePaint.scrolls = scrolls - scrollsBefore;
                };
                channel.port2.postMessage(null);
                return afterPaint(() =>
                  resolve({ frame: painted, next: performance.now() - from, handler, beforePaint }),
                );
              }
              if (performance.now() - from > 10_000) return reject(new Error('the outline stayed'));
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          };
          window.addEventListener('keydown', onKey, true);
        });
      },
    },
  });
})();

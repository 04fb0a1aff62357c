/**
 * Resolves once the next frame has been painted and the page is idle: a
 * requestAnimationFrame callback runs just before that frame's style,
 * layout and paint; an idle callback asked for from it runs after them,
 * once the tasks already queued (input, other after-paint work) are done.
 *
 * For work an input sets off that the input's frame must not wait for,
 * such as saving and the re-renders a save causes. The fallback timer
 * settles it where no frame comes (a hidden window) or `requestIdleCallback`
 * is missing (Safari), so the work is late at worst, never lost.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, FALLBACK_MS);
    requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function')
        requestIdleCallback(finish, { timeout: IDLE_TIMEOUT_MS });
      else setTimeout(finish, 0);
    });
  });
}

/** Longest wait for an idle moment after the paint. */
const IDLE_TIMEOUT_MS = 50;
/** Longest wait overall. */
const FALLBACK_MS = 250;

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

/**
 * Runs `callback` in a task of its own right after the next frame is
 * painted (a message posted from that frame's requestAnimationFrame runs
 * once its style, layout and paint are done): sooner than `afterNextPaint`,
 * which also waits for the page to go idle. For what may show a frame late.
 */
export function afterFrame(callback: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    setTimeout(callback, 0);
    return;
  }
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(null);
  });
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from '../after-paint';

/** A page's frame and idle callbacks, run by hand so the order is the test's. */
function fakePage(withIdle: boolean) {
  const frames: (() => void)[] = [];
  const idles: (() => void)[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('requestIdleCallback', withIdle ? (cb: () => void) => idles.push(cb) : undefined);
  return {
    frame: () => frames.splice(0).forEach((cb) => cb()),
    idle: () => idles.splice(0).forEach((cb) => cb()),
  };
}

describe('afterNextPaint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the frame, then for an idle moment', async () => {
    const page = fakePage(true);
    let done = false;
    void afterNextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false); // no frame yet
    page.frame();
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false); // painted, not idle yet
    page.idle();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('without requestIdleCallback, runs on the first timer after the frame', async () => {
    const page = fakePage(false);
    let done = false;
    void afterNextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    page.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('still settles when no frame ever comes (a hidden window), so a save is late, never lost', async () => {
    fakePage(true);
    let done = false;
    void afterNextPaint().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(true);
  });
});

import v8 from 'node:v8';
import vm from 'node:vm';

/*
 * Timing pure code in this process: a full garbage collection before each
 * measurement, so one run does not pay for the garbage of the previous one.
 */

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  collect();
}

/** Runs `work` after a GC and returns its result with the elapsed milliseconds. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  collectGarbage();
  const t0 = performance.now();
  const value = await work();
  return { value, ms: performance.now() - t0 };
}

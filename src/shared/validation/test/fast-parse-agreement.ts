import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * A fast path beside a zod schema may leave any value to zod (null), but
 * what it vouches for zod must accept, and it must return what zod returns:
 * the same keys in the same order, unknown keys dropped.
 */
export function expectVouchedOnlyWhatZodAccepts(
  fast: unknown,
  zod: { success: boolean; data?: unknown },
): void {
  if (fast === null) return;
  expect(zod.success).toBe(true);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
}

/**
 * What a damaged or hostile input may hold in any one field: the values a
 * hand-written check most easily lets through (non-integers, unsafe
 * integers, a hash one character short, an own `__proto__`), plus each
 * schema's own near misses.
 */
export function strangeValue(...nearMisses: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(undefined, null, '', -1, 0, 3, 1.5, 2 ** 60, Number.NaN),
    fc.constantFrom('0'.repeat(63), 'A'.repeat(64), []),
    fc.constant({ __proto__: null, a: 'b' }),
    fc.constant(JSON.parse('{"__proto__": "x"}') as unknown),
    ...(nearMisses.length > 0 ? [fc.constantFrom(...nearMisses)] : []),
    fc.boolean(),
    fc.string(),
    fc.integer(),
  );
}

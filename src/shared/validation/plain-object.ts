/**
 * An object as JSON.parse makes it (or an object literal): what the fast
 * paths beside the zod schemas accept before checking fields by hand.
 * Anything else (arrays, class instances, objects from another realm) they
 * leave to zod.
 */
export function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

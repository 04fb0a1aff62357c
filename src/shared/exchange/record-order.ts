/**
 * How Tanda orders and compares stored records, so that exports are stable
 * and merges decide the same way wherever they run.
 */

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order two ISO timestamps by instant; string order when either is unparsable. */
export function compareInstants(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return compareStrings(a, b);
}

export function statusKey(s: { annotator: string; documentPath: string }): string {
  return JSON.stringify([s.annotator, s.documentPath]);
}

/** JSON with sorted keys, so equal records compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareStrings(a, b)))
      : v,
  );
}

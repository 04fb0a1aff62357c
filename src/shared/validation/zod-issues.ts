/**
 * How a validation problem is named for a person: the JSON path of the
 * field first (`annotations[3].end`), then what is wrong with it. Every
 * boundary that checks input with zod says its problems this way.
 */

/** `annotations[3].end` for the path `['annotations', 3, 'end']`; `(root)` for none. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(root)' : out;
}

/** The shape of a zod issue this module needs (zod's own type, without importing zod). */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `annotations[3].end: Too small: expected number to be >0`. */
export function describeIssue(issue: IssueLike, root = '(root)'): string {
  const where = issue.path.length === 0 ? root : jsonPath(issue.path);
  return `${where}: ${issue.message}`;
}

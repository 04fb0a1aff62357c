/**
 * How a validation problem is named for a person: the path of the field
 * first (`annotations[3].end`), then what is wrong with it. Every boundary
 * that checks input with zod says its problems through this module; the
 * path style and the name of the whole value are the caller's, because
 * messages already relied on (CSV problems, API errors) keep their wording.
 */

/** `annotations[3].end` for the path `['annotations', 3, 'end']`; `(root)` for none. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path)
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(root)' : out;
}

/** `annotations.3.end` for the path `['annotations', 3, 'end']`; `root` for none. */
export function dottedPath(path: readonly PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join('.');
}

/** The shape of a zod issue this module needs (zod's own type, without importing zod). */
export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface IssueStyle {
  /** `json`: `a[3].b` (the default); `dotted`: `a.3.b`. */
  path?: 'json' | 'dotted';
  /** What an issue about the whole value is called: `(root)` unless said. */
  root?: string;
}

/** `annotations[3].end: Too small: expected number to be >0`. */
export function describeIssue(issue: IssueLike, style: IssueStyle = {}): string {
  const root = style.root ?? '(root)';
  const where =
    issue.path.length === 0
      ? root
      : style.path === 'dotted'
        ? dottedPath(issue.path, root)
        : jsonPath(issue.path);
  return `${where}: ${issue.message}`;
}

/**
 * Issues on one line, `; ` between them; past `limit` the rest are
 * counted, `(and 3 more)`, so a file with a thousand bad rows gives a
 * message a person can read.
 */
export function describeIssues(
  issues: readonly IssueLike[],
  style: IssueStyle & { limit?: number } = {},
): string {
  const limit = style.limit ?? Infinity;
  const shown = issues.slice(0, limit).map((issue) => describeIssue(issue, style));
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * A library loaded the first time it is needed, then shared. The HTML,
 * DOCX and PDF libraries are megabytes of code; loading them only when a
 * file of their format is read keeps `tanda` commands and plain-text corpora
 * starting as fast as before. Only bare package names go through `import()`:
 * Node's own loader resolves those wherever the code runs (tsx, vitest, the
 * built app), where it could not resolve our TypeScript modules.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

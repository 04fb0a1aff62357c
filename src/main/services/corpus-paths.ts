import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { CorpusError } from './corpus-service-api';

/**
 * Document paths arrive from the renderer, from HTTP requests in browser mode
 * and from the command line: untrusted strings. They are checked twice.
 *
 * 1. `checkDocumentPath`, before any I/O: the string must look like the
 *    relative paths the scan produces (`a/b.txt`), with nothing that could
 *    climb out of the root, in plain or percent-encoded form.
 * 2. `resolveInsideRoot`, at read time: the file's real path (symlinks
 *    followed) must still be inside the root's real path, because a file can
 *    be replaced by a symlink after the scan listed it.
 */

/**
 * Returns the path in NFC, the form the scan lists documents under, so a
 * name typed on a keyboard that produces decomposed accents still matches.
 * Throws CorpusError('invalid-path') naming the path otherwise.
 */
export function checkDocumentPath(requested: string): string {
  const problem = describePathProblem(requested);
  if (problem) throw invalidPath(requested, problem);

  if (requested.includes('%')) {
    const decoded = decodePercentEscapes(requested);
    const encodedProblem = decoded === requested ? null : describePathProblem(decoded);
    if (encodedProblem) {
      throw invalidPath(requested, `once percent-decoded, it ${encodedProblem.replace(/^it /, '')}`);
    }
  }
  return requested.normalize('NFC');
}

/**
 * Why a path is not an acceptable relative document path, or null. Worded to
 * follow `invalid document path "…": `.
 */
function describePathProblem(p: string): string | null {
  if (p === '') return 'it is empty';
  if (p.includes('\0')) return 'it contains a NUL character';
  if (p.includes('\\')) return 'it contains a backslash; use / between folders';
  if (p.startsWith('/')) return 'it is absolute; give a path relative to the corpus folder';
  // `C:\x`, `C:/x` and also the drive-relative `C:x`.
  if (/^[A-Za-z]:/.test(p)) return 'it starts with a drive letter; give a path relative to the corpus folder';
  for (const segment of p.split('/')) {
    if (segment === '') return 'it has an empty segment (a leading, trailing or doubled /)';
    if (segment === '.' || segment === '..') return `it has a "${segment}" segment`;
  }
  return null;
}

/**
 * Decodes `%XX` escapes of ASCII bytes only, repeatedly (to see through
 * double encoding such as `%252e`). Every dangerous form (`.`, `/`, `\`, `:`,
 * NUL) is ASCII, and decoding byte by byte, unlike decodeURIComponent, does
 * not throw on names that merely contain a percent sign ("100% sure.txt").
 */
function decodePercentEscapes(p: string): string {
  let current = p;
  for (let round = 0; round < 4; round++) {
    const next = current.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (next === current) break;
    current = next;
  }
  return current;
}

function invalidPath(requested: string, problem: string): CorpusError {
  return new CorpusError('invalid-path', `invalid document path ${JSON.stringify(requested)}: ${problem}`);
}

/** True when `candidate` is `root` itself or lies below it (both absolute). */
export function isInsideFolder(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * Resolves a checked relative path (on-disk spelling, `/` separators) against
 * the root and returns the file's real path, throwing
 * CorpusError('invalid-path') if symlinks lead it outside `rootReal` (which
 * must itself be a real path). Filesystem errors (ENOENT, ELOOP, …) propagate
 * for the caller to word.
 */
export async function resolveInsideRoot(rootReal: string, relativePath: string): Promise<string> {
  const target = path.join(rootReal, ...relativePath.split('/'));
  const real = await realpath(target);
  if (real === rootReal || !isInsideFolder(rootReal, real)) {
    throw invalidPath(relativePath, 'it resolves (through a symlink) to a file outside the corpus folder');
  }
  return real;
}

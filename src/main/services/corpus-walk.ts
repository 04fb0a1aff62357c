import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareDocumentPaths } from '../../shared/corpus/corpus-types';
import { isInsideFolder } from './corpus-paths';

/*
 * The one walk of a corpus folder: the scan, the watcher's catch-up and a
 * reload all list documents with it, so they cannot disagree.
 *
 * The rule for symlinks: **folder symlinks are never followed**; file
 * symlinks are read when they resolve inside the corpus folder. A folder
 * link either loops (`up -> ..`) or gives a folder a second name
 * (`latest -> 2024`); following it listed the same document several times,
 * each under another path, i.e. another identity for its annotations. The
 * watcher does not follow folder links either (chokidar `followSymlinks:
 * false`), so what is watched is exactly what is listed.
 */

/** A document file found by the walk, not yet read. */
export interface FoundFile {
  /** Relative path, `/` separators, NFC: the document's identity. */
  path: string;
  /** Absolute path as found (below the real root, through no folder link). */
  file: string;
  /** Known before reading, e.g. a symlink leading outside the root. */
  problem?: { status: 'skipped' | 'error'; reason: string };
}

export interface WalkRules {
  isHiddenName(name: string): boolean;
  isCorpusFileName(name: string): boolean;
}

/** Depth-first walk listing document files, sorted by path. `rootReal` must be a real path. */
export async function walkCorpus(rootReal: string, rules: WalkRules): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const pending = [{ dir: rootReal, rel: '' }];
  while (pending.length > 0) {
    const { dir, rel } = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      // The root must be listable; a subfolder we cannot open just has no documents.
      if (dir === rootReal) throw error;
      continue;
    }
    for (const entry of entries) {
      if (rules.isHiddenName(entry.name)) continue;
      const file = path.join(dir, entry.name);
      const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) pending.push({ dir: file, rel: entryRel });
      else if (entry.isSymbolicLink() && rules.isCorpusFileName(entry.name)) {
        const target = await classifySymlink(rootReal, file);
        if (target.kind === 'folder') continue; // a folder named like a document: still a folder link
        found.push({ path: entryRel, file, ...(target.kind === 'problem' ? { problem: target } : {}) });
      } else if (entry.isFile() && rules.isCorpusFileName(entry.name)) {
        found.push({ path: entryRel, file });
      }
    }
  }

  for (const f of found) f.path = f.path.normalize('NFC');
  found.sort(compareDocumentPaths);
  // Two on-disk names differing only in Unicode normalization (possible on
  // Linux) would share one NFC path, the document's identity: keep the first.
  return found.filter((f, i) => i === 0 || f.path !== found[i - 1]!.path);
}

/**
 * Whether a file the watcher names is one the walk would list: below the
 * root through real folders only (no folder link on the way).
 */
export async function reachedWithoutFolderLinks(rootReal: string, file: string): Promise<boolean> {
  const folder = path.dirname(file);
  try {
    return (await realpath(folder)) === folder && isInsideFolder(rootReal, folder);
  } catch {
    return false;
  }
}

export type SymlinkTarget =
  | { kind: 'file' }
  | { kind: 'folder'; real: string }
  | { kind: 'problem'; status: 'skipped' | 'error'; reason: string };

export async function classifySymlink(rootReal: string, link: string): Promise<SymlinkTarget> {
  let real: string;
  try {
    real = await realpath(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { kind: 'problem', status: 'error', reason: 'broken symlink (its target does not exist)' };
    if (code === 'ELOOP')
      return { kind: 'problem', status: 'error', reason: 'symlink loop (it points back to itself)' };
    const { message } = error as Error;
    return {
      kind: 'problem',
      status: 'error',
      reason: `cannot follow symlink (${code ?? ''}${code ? ': ' : ''}${String(message).split(', ')[0]})`,
    };
  }
  if (!isInsideFolder(rootReal, real)) {
    return { kind: 'problem', status: 'skipped', reason: 'symlink points outside the corpus folder' };
  }
  try {
    if ((await stat(real)).isDirectory()) return { kind: 'folder', real };
  } catch {
    // Vanished meanwhile: reading it will report the error.
  }
  return { kind: 'file' };
}

import { lstat, mkdir, realpath, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkDocumentPath, isInsideFolder } from './corpus-paths';
import { CorpusError } from './corpus-service-api';

/**
 * Creating new documents in a corpus folder (a REFI-QDA project's sources,
 * on import): the one place Tanda writes into the analyst's corpus, so it
 * never overwrites and never writes outside it. All or none: every path is
 * checked before the first file is written, files are created exclusively
 * (`wx`, so a file that appeared meanwhile is not replaced), and if one
 * write fails the ones already written are removed again.
 *
 * What a call created is noted in a `CreatedCorpusFiles` ledger, so that
 * `removeCreatedCorpusFiles` can take back exactly those files (an import
 * whose database transaction failed) and nothing else.
 */
export async function writeNewCorpusFiles(
  root: string,
  files: readonly { path: string; text: string }[],
  ledger?: CreatedCorpusFiles,
): Promise<string[]> {
  const rootReal = await realpath(root).catch(() => {
    throw new CorpusError('not-a-folder', `corpus folder ${root} does not exist`);
  });
  const targets: { path: string; file: string; text: string }[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const relative = checkDocumentPath(f.path);
    const segments = relative.split('/');
    if (segments.some((s) => s.startsWith('.')))
      throw invalid(relative, 'a file or folder name starts with "." (the corpus ignores hidden files)');
    if (!/\.(txt|md)$/i.test(relative)) throw invalid(relative, 'only .txt and .md files can be created');
    if (seen.has(relative.toLowerCase())) throw invalid(relative, 'it is given twice');
    seen.add(relative.toLowerCase());
    const file = path.join(rootReal, ...segments);
    await checkParentInside(rootReal, file, relative);
    if (await exists(file))
      throw new CorpusError('invalid-path', `${relative} already exists in the corpus; nothing was written`);
    targets.push({ path: relative, file, text: f.text });
  }
  const written: string[] = [];
  const folders: string[] = [];
  try {
    for (const t of targets) {
      const made = await mkdir(path.dirname(t.file), { recursive: true });
      if (made !== undefined) folders.push(...foldersBetween(made, path.dirname(t.file)));
      await writeFile(t.file, t.text, { encoding: 'utf8', flag: 'wx' });
      written.push(t.file);
    }
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await removeEmptyFolders(folders);
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'EEXIST' ? 'a file of that name appeared meanwhile' : e.message;
    throw new CorpusError(
      'not-readable',
      `could not create the new documents (${reason}); nothing was written`,
    );
  }
  if (ledger) {
    for (const t of targets) {
      const stat = await lstat(t.file);
      ledger.note(rootReal, t.path, { file: t.file, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    ledger.noteFolders(rootReal, folders);
  }
  return targets.map((t) => t.path);
}

interface CreatedFile {
  file: string;
  size: number;
  mtimeMs: number;
}

/**
 * The files `writeNewCorpusFiles` created, per corpus folder, for as long
 * as the host runs: the only files `removeCreatedCorpusFiles` may remove,
 * and only while their size and modification time are still those it wrote.
 */
export class CreatedCorpusFiles {
  private readonly files = new Map<string, Map<string, CreatedFile>>();
  private readonly folders = new Map<string, Set<string>>();

  note(rootReal: string, relative: string, created: CreatedFile): void {
    let byPath = this.files.get(rootReal);
    if (!byPath) this.files.set(rootReal, (byPath = new Map()));
    byPath.set(relative, created);
  }

  noteFolders(rootReal: string, folders: readonly string[]): void {
    let set = this.folders.get(rootReal);
    if (!set) this.folders.set(rootReal, (set = new Set()));
    for (const f of folders) set.add(f);
  }

  get(rootReal: string, relative: string): CreatedFile | undefined {
    return this.files.get(rootReal)?.get(relative);
  }

  /** Forgets removed files; returns the folders created for this corpus, deepest first. */
  forget(rootReal: string, relatives: readonly string[]): string[] {
    const byPath = this.files.get(rootReal);
    for (const r of relatives) byPath?.delete(r);
    return [...(this.folders.get(rootReal) ?? [])].sort((a, b) => b.length - a.length);
  }
}

/**
 * Takes back files that `writeNewCorpusFiles` created (noted in `ledger`):
 * all or none. Every path is checked first (as for writing, then: created
 * by that call, still a plain file of the size and time it was written
 * with); then the files are removed, and the folders made for them when
 * they are left empty.
 */
export async function removeCreatedCorpusFiles(
  root: string,
  paths: readonly string[],
  ledger: CreatedCorpusFiles,
): Promise<string[]> {
  const rootReal = await realpath(root).catch(() => {
    throw new CorpusError('not-a-folder', `corpus folder ${root} does not exist`);
  });
  const targets: { path: string; file: string }[] = [];
  const seen = new Set<string>();
  for (const requested of paths) {
    const relative = checkDocumentPath(requested);
    if (seen.has(relative)) throw invalid(relative, 'it is given twice');
    seen.add(relative);
    const created = ledger.get(rootReal, relative);
    if (!created)
      throw new CorpusError(
        'invalid-path',
        `${relative} was not created by an import in this session; nothing was removed`,
      );
    const file = path.join(rootReal, ...relative.split('/'));
    await checkParentInside(rootReal, file, relative);
    const stat = await lstat(file).catch(() => null);
    if (!stat || !stat.isFile() || stat.size !== created.size || stat.mtimeMs !== created.mtimeMs)
      throw new CorpusError(
        'invalid-path',
        `${relative} has changed since the import created it; nothing was removed`,
      );
    targets.push({ path: relative, file });
  }
  for (const t of targets) await rm(t.file);
  await removeEmptyFolders(
    ledger.forget(
      rootReal,
      targets.map((t) => t.path),
    ),
  );
  return targets.map((t) => t.path);
}

/** `made` (the first folder mkdir created) and each folder below it down to `deepest`. */
function foldersBetween(made: string, deepest: string): string[] {
  const out: string[] = [];
  for (let f = deepest; f.length >= made.length; f = path.dirname(f)) {
    out.push(f);
    if (f === made) break;
  }
  return out;
}

/** Deepest first; a folder that is not empty (the analyst put something there) stays. */
async function removeEmptyFolders(folders: readonly string[]): Promise<void> {
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    await rmdir(folder).catch(() => {});
  }
}

/** The deepest folder of `file` that exists must really (symlinks followed) be inside the corpus. */
async function checkParentInside(rootReal: string, file: string, relative: string): Promise<void> {
  let folder = path.dirname(file);
  while (!(await exists(folder))) folder = path.dirname(folder);
  const real = await realpath(folder);
  if (!isInsideFolder(rootReal, real))
    throw invalid(relative, 'its folder leads (through a symlink) outside the corpus folder');
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function invalid(relative: string, problem: string): CorpusError {
  return new CorpusError('invalid-path', `invalid document path ${JSON.stringify(relative)}: ${problem}`);
}

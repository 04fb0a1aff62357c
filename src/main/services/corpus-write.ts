import { lstat, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
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
 */
export async function writeNewCorpusFiles(
  root: string,
  files: readonly { path: string; text: string }[],
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
  try {
    for (const t of targets) {
      await mkdir(path.dirname(t.file), { recursive: true });
      await writeFile(t.file, t.text, { encoding: 'utf8', flag: 'wx' });
      written.push(t.file);
    }
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'EEXIST' ? 'a file of that name appeared meanwhile' : e.message;
    throw new CorpusError(
      'not-readable',
      `could not create the new documents (${reason}); nothing was written`,
    );
  }
  return targets.map((t) => t.path);
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

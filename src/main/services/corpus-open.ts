import { constants } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { isInsideFolder } from './corpus-paths';

/*
 * Reading a document through one open handle. Checking a file's real path
 * and then opening it by name leaves a gap in which a symlink can be swapped
 * (the audit leaked a file outside the corpus on about 20 % of raced reads).
 * So: open first, then prove the handle is the file inside the corpus (its
 * device and inode are those of the real path, which is inside), then read
 * from that handle only. A swap before the check fails the inode comparison;
 * a swap after it cannot change what the handle reads.
 *
 * What cannot be told apart: a hard link inside the corpus to a file outside
 * it is the same inode, so it is read (see the README's security notes).
 */

export type OpenedDocument =
  { ok: true; handle: FileHandle; size: number } | { ok: false; status: 'skipped' | 'error'; reason: string };

/** Test seam: runs between the open and the checks of the handle. */
export interface OpenHooks {
  afterOpen?(): Promise<void>;
}

// A FIFO named `x.txt` would block an ordinary open forever; O_NONBLOCK opens it at once (then it is refused).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export async function openDocumentFile(
  file: string,
  rootReal: string | undefined,
  hooks: OpenHooks = {},
): Promise<OpenedDocument> {
  let handle: FileHandle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, status: 'error', reason: `cannot read file (${osReason(error)})` };
  }
  try {
    await hooks.afterOpen?.();
    const opened = await handle.stat();
    if (!opened.isFile()) return refuse(handle, 'skipped', 'not a regular file');
    if (rootReal !== undefined) {
      const real = await realpath(file);
      if (!isInsideFolder(rootReal, real) || real === rootReal)
        return refuse(handle, 'skipped', 'symlink points outside the corpus folder');
      const there = await stat(real);
      if (there.dev !== opened.dev || there.ino !== opened.ino)
        return refuse(handle, 'error', 'the file was replaced while it was being opened; read it again');
    }
    return { ok: true, handle, size: opened.size };
  } catch (error) {
    return refuse(handle, 'error', `cannot read file (${osReason(error)})`);
  }
}

async function refuse(
  handle: FileHandle,
  status: 'skipped' | 'error',
  reason: string,
): Promise<OpenedDocument> {
  await handle.close().catch(() => {});
  return { ok: false, status, reason };
}

/** `EACCES: permission denied`, without the absolute path Node appends. */
export function osReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const short = String(message ?? error).split(', ')[0]!;
  return code && !short.startsWith(code) ? `${code}: ${short}` : short;
}

import {
  close,
  closeSync,
  constants,
  fstat,
  fstatSync,
  open,
  openSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isInsideFolder } from './corpus-paths';

/*
 * Reading a document through one open file descriptor. Checking a file's
 * real path and then opening it by name leaves a gap in which a symlink can
 * be swapped (the audit leaked a file outside the corpus on about 20 % of
 * raced reads). So: open first, then prove the descriptor is a file inside
 * the corpus, then read from that descriptor only. A swap after the proof
 * cannot change what the descriptor reads.
 *
 * The proof, two ways. Where the kernel names an open descriptor's file
 * (Linux: /proc/self/fd), that name is the proof: one call. Otherwise, and
 * whenever that name is not plainly inside (outside, deleted, unreadable),
 * the portable check decides, with its own reasons: the descriptor's device
 * and inode must be those of the file's real path, which must be inside. A
 * swap before the check fails the inode comparison.
 *
 * Raw descriptors and callbacks rather than fs/promises' FileHandle: a scan
 * opens every file of the corpus, and a FileHandle per file (its promises,
 * its close, its finalizer) cost more main-thread time than the reads.
 *
 * What cannot be told apart: a hard link inside the corpus to a file outside
 * it is the same inode, so it is read (see the README's security notes).
 */

export type OpenedDocument =
  { ok: true; fd: number; size: number } | { ok: false; status: 'skipped' | 'error'; reason: string };

/** Test seam: runs between the open and the checks of the descriptor. */
export interface OpenHooks {
  afterOpen?(): Promise<void>;
}

// A FIFO named `x.txt` would block an ordinary open forever; O_NONBLOCK opens it at once (then it is refused).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const openFd = promisify(open);
const fstatFd = promisify(fstat);
const closeFd = promisify(close);

/** Opens `file` and, when `rootReal` is given, proves the descriptor is a file inside it. Close it with closeDocumentFile. */
export async function openDocumentFile(
  file: string,
  rootReal: string | undefined,
  hooks: OpenHooks = {},
): Promise<OpenedDocument> {
  let fd: number;
  try {
    fd = await openFd(file, OPEN_FLAGS);
  } catch (error) {
    return cannotRead(error);
  }
  try {
    await hooks.afterOpen?.();
    const opened = await fstatFd(fd);
    let refusal = refusalOfOpened(fd, opened, rootReal);
    if (refusal === 'ask the name') {
      const real = await realpath(file);
      refusal = refusalOfReal(rootReal!, real) ?? refusalOfInode(opened, await stat(real));
    }
    if (refusal) {
      await closeDocumentFile(fd);
      return refusal;
    }
    return { ok: true, fd, size: opened.size };
  } catch (error) {
    await closeDocumentFile(fd);
    return cannotRead(error);
  }
}

/**
 * The same open and proof with synchronous calls, for the scan's reader
 * threads (scan-read-worker.ts), where blocking is the point: one thread,
 * no trips to the thread pool. The rules are the shared functions below.
 */
export function openDocumentFileSync(file: string, rootReal: string | undefined): OpenedDocument {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    return cannotRead(error);
  }
  try {
    const opened = fstatSync(fd);
    let refusal = refusalOfOpened(fd, opened, rootReal);
    if (refusal === 'ask the name') {
      const real = realpathSync(file);
      refusal = refusalOfReal(rootReal!, real) ?? refusalOfInode(opened, statSync(real));
    }
    if (refusal) {
      closeDocumentFileSync(fd);
      return refusal;
    }
    return { ok: true, fd, size: opened.size };
  } catch (error) {
    closeDocumentFileSync(fd);
    return cannotRead(error);
  }
}

type Refusal = Extract<OpenedDocument, { ok: false }>;

function refusalOfOpened(
  fd: number,
  opened: Stats,
  rootReal: string | undefined,
): Refusal | null | 'ask the name' {
  if (!opened.isFile()) return refused('skipped', 'not a regular file');
  return rootReal !== undefined && !kernelNamesInside(fd, rootReal) ? 'ask the name' : null;
}

function refusalOfReal(rootReal: string, real: string): Refusal | null {
  return !isInsideFolder(rootReal, real) || real === rootReal
    ? refused('skipped', 'symlink points outside the corpus folder')
    : null;
}

function refusalOfInode(opened: Stats, there: Stats): Refusal | null {
  return there.dev !== opened.dev || there.ino !== opened.ino
    ? refused('error', 'the file was replaced while it was being opened; read it again')
    : null;
}

function refused(status: 'skipped' | 'error', reason: string): Refusal {
  return { ok: false, status, reason };
}

function cannotRead(error: unknown): Refusal {
  return refused('error', `cannot read file (${osReason(error)})`);
}

export function closeDocumentFile(fd: number): Promise<void> {
  return closeFd(fd).catch(() => {});
}

export function closeDocumentFileSync(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Nothing to do about a failed close of a read-only descriptor.
  }
}

/** Where the kernel names open descriptors; null once it is known not to. */
let descriptorNames: string | null = process.platform === 'linux' ? '/proc/self/fd' : null;

/**
 * True when the kernel's own name for the descriptor's file lies below
 * `rootReal`. False means "not shown": the portable check then decides (and
 * words the refusal). A deleted file's name ends in " (deleted)", so it
 * never passes here; nor does a name that merely contains the root.
 */
function kernelNamesInside(fd: number, rootReal: string): boolean {
  if (descriptorNames === null) return false;
  let name: string;
  try {
    // Synchronous on purpose: procfs answers from the kernel's memory, never from a disk or a network
    // share, so this cannot stall the event loop, and it saves a trip to the thread pool per file.
    name = readlinkSync(`${descriptorNames}/${fd}`);
  } catch (error) {
    // No /proc (a container without it, an odd kernel): stop asking.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') descriptorNames = null;
    return false;
  }
  const prefix = rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep;
  return name.length > prefix.length && name.startsWith(prefix) && !name.endsWith(' (deleted)');
}

/** `EACCES: permission denied`, without the absolute path Node appends. */
export function osReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const short = String(message ?? error).split(', ')[0]!;
  return code && !short.startsWith(code) ? `${code}: ${short}` : short;
}

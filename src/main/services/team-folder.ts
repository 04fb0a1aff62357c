import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import {
  journalLineText,
  parseJournalLines,
  type JournalEntry,
  type JournalProblem,
} from '../../shared/team/journal-line';
import { compactEntries } from '../../shared/team/journal-merge';
import {
  CHANGES_FOLDER,
  isJournalFileName,
  journalPath,
  PROJECT_FILE,
  ProjectFileSchema,
  projectFileText,
  TEAM_FOLDER,
} from '../../shared/team/team-paths';
import { errorMessage } from '../../shared/validation/error-message';

/*
 * The `.tanda/` folder of a team project, on disk. Plain Node, so the rules
 * are tested without Electron. Other devices' files are only ever read: this
 * device appends to its own journal and nothing else, and never deletes.
 * The format is in docs/formats.md ("Team project folder").
 */

export type TeamErrorCode = 'not-a-project' | 'read-only' | 'invalid-project';

export class TeamFolderError extends Error {
  override readonly name = 'TeamFolderError';
  constructor(
    readonly code: TeamErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where a reader got to in one journal; `ino` tells a compacted (renamed-over) file from the one read. */
export interface JournalCursor {
  offset: number;
  /** Lines read so far (for problems' line numbers). */
  line: number;
  ino: number;
}

export interface TeamStatus {
  project: boolean;
  /** Why `.tanda/project.json` could not be used, when it is there but wrong. */
  problem: string | null;
  /** What sharing writes, relative to the corpus folder (said before it is created). */
  writes: string[];
}

export interface TeamRead {
  /** `lines[i]` is the 1-based line number of `entries[i]` in `file`. */
  batches: { file: string; entries: JournalEntry[]; lines: number[] }[];
  problems: JournalProblem[];
  cursors: Record<string, JournalCursor>;
  /** False when the answer stopped at `maxBytes`: ask again with the new cursors. */
  done: boolean;
  /** Complete lines past the new cursors (0 when done): what a first merge shows its progress against. */
  remainingLines: number;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

export async function teamStatus(root: string): Promise<TeamStatus> {
  const writes = [PROJECT_FILE, `${CHANGES_FOLDER}/<your name>/<this device>.jsonl`];
  let text: string;
  try {
    text = await readFile(path.join(root, PROJECT_FILE), 'utf8');
  } catch (error) {
    if (isMissing(error)) return { project: false, problem: null, writes };
    return { project: false, problem: `${PROJECT_FILE} cannot be read: ${errorMessage(error)}`, writes };
  }
  const problem = projectProblem(text);
  return { project: problem === null, problem, writes };
}

function projectProblem(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${PROJECT_FILE} is not JSON`;
  }
  const parsed = ProjectFileSchema.safeParse(value);
  if (parsed.success) return null;
  return `${PROJECT_FILE} is not a Tanda project of version 1 (${parsed.error.issues
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ')})`;
}

/** Makes the folder a team project; an existing valid project.json is left as it is. */
export async function createTeamProject(root: string): Promise<TeamStatus> {
  const status = await teamStatus(root);
  if (status.problem) throw new TeamFolderError('invalid-project', status.problem);
  try {
    await mkdir(path.join(root, CHANGES_FOLDER), { recursive: true });
    if (!status.project) await writeDurably(path.join(root, PROJECT_FILE), projectFileText());
  } catch (error) {
    throw writeError(error, TEAM_FOLDER);
  }
  return teamStatus(root);
}

/**
 * Appends lines to this device's journal and flushes them to disk before
 * answering, then compacts the journal when it has grown past twice its live
 * lines. The caller has committed the changes in its database already.
 */
export async function appendTeamChanges(
  root: string,
  annotator: string,
  deviceId: string,
  entries: readonly JournalEntry[],
): Promise<{ file: string; bytes: number; compacted: boolean }> {
  const status = await teamStatus(root);
  if (!status.project)
    throw new TeamFolderError('not-a-project', status.problem ?? 'this corpus folder is not shared');
  const file = journalPath(annotator, deviceId);
  const abs = path.join(root, file);
  const text = entries.map(journalLineText).join('');
  try {
    await mkdir(path.dirname(abs), { recursive: true });
    const handle = await open(abs, 'a');
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeError(error, file);
  }
  const compacted = await compactIfLarge(abs, file);
  return { file, bytes: Buffer.byteLength(text), compacted };
}

/** Rewrites a journal with only its live lines when it is more than twice their size. */
export async function compactIfLarge(abs: string, file: string): Promise<boolean> {
  const text = await readFile(abs, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const live = compactEntries(parseJournalLines(complete, file).entries).map(journalLineText).join('');
  if (Buffer.byteLength(text) <= 2 * Buffer.byteLength(live)) return false;
  await writeDurably(abs, live);
  return true;
}

/**
 * Reads what was added to the journals since `cursors`, at most about
 * `maxBytes` per call. A file that shrank or was replaced (compaction) is
 * read again from the start: the merge is idempotent, so that is safe. A
 * last line without its newline is left for the next read.
 */
export async function readTeamChanges(
  root: string,
  cursors: Readonly<Record<string, JournalCursor>>,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<TeamRead> {
  const result: TeamRead = { batches: [], problems: [], cursors: {}, done: true, remainingLines: 0 };
  const unread: { abs: string; from: number; size: number }[] = [];
  const sizes = new Map<string, number>();
  let budget = maxBytes;
  for (const file of await listJournals(root)) {
    const abs = path.join(root, file);
    let info;
    try {
      info = await stat(abs);
    } catch {
      continue; // gone between listing and reading
    }
    const before = cursors[file];
    const from =
      before && before.ino === info.ino && before.offset <= info.size
        ? before
        : { offset: 0, line: 0, ino: info.ino };
    result.cursors[file] = { ...from, ino: info.ino };
    sizes.set(file, info.size);
    if (info.size === from.offset) continue;
    if (budget <= 0) {
      result.done = false;
      continue;
    }
    const length = Math.min(info.size - from.offset, Math.max(budget, 64 * 1024));
    const bytes = await readRange(abs, from.offset, length);
    const end = bytes.lastIndexOf(0x0a) + 1;
    if (length < info.size - from.offset) result.done = false;
    if (end === 0) continue;
    const text = bytes.subarray(0, end).toString('utf8');
    const parsed = parseJournalLines(text, file, from.line + 1);
    const lines = countNewlines(bytes, end);
    result.cursors[file] = { offset: from.offset + end, line: from.line + lines, ino: info.ino };
    if (parsed.entries.length > 0)
      result.batches.push({ file, entries: parsed.entries, lines: parsed.lines });
    result.problems.push(...parsed.problems);
    budget -= end;
  }
  for (const [file, cursor] of Object.entries(result.cursors)) {
    const size = sizes.get(file) ?? cursor.offset;
    if (size > cursor.offset) unread.push({ abs: path.join(root, file), from: cursor.offset, size });
  }
  if (!result.done) result.remainingLines = await countLines(unread);
  return result;
}

/** Newlines in the given ranges of files, read a megabyte at a time (a few ms per 10,000 lines). */
async function countLines(ranges: readonly { abs: string; from: number; size: number }[]): Promise<number> {
  let n = 0;
  for (const { abs, from, size } of ranges) {
    for (let offset = from; offset < size; offset += COUNT_CHUNK) {
      const bytes = await readRange(abs, offset, Math.min(COUNT_CHUNK, size - offset)).catch(() => null);
      if (!bytes) break; // gone or shrunk since: the next read says what is there
      n += countNewlines(bytes, bytes.length);
    }
  }
  return n;
}

const COUNT_CHUNK = 1024 * 1024;

/** Journal files relative to the corpus folder, in a fixed order. */
export async function listJournals(root: string): Promise<string[]> {
  const files: string[] = [];
  let slugs;
  try {
    slugs = await readdir(path.join(root, CHANGES_FOLDER), { withFileTypes: true });
  } catch {
    return files;
  }
  for (const slug of slugs) {
    if (!slug.isDirectory() || slug.name.startsWith('.')) continue;
    const names = await readdir(path.join(root, CHANGES_FOLDER, slug.name), { withFileTypes: true }).catch(
      () => [],
    );
    for (const name of names)
      if (name.isFile() && isJournalFileName(name.name))
        files.push(`${CHANGES_FOLDER}/${slug.name}/${name.name}`);
  }
  return files.sort();
}

/**
 * Calls `onChange` (debounced) when anything under `.tanda/` changes. The
 * corpus watcher skips dot-folders, so this one watches only that folder; it
 * may not exist yet (sharing is turned on later, or arrives by sync), so the
 * corpus root is watched to depth 3 with everything else ignored.
 */
export function watchTeamFolder(
  root: string,
  onChange: () => void,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): { ready: Promise<void>; close(): Promise<void> } {
  const team = path.join(root, TEAM_FOLDER);
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: false,
    depth: 3,
    ignored: (abs) => abs !== root && abs !== team && !abs.startsWith(team + path.sep),
  });
  let timer: NodeJS.Timeout | undefined;
  const note = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, options.debounceMs ?? 100);
  };
  watcher.on('all', note).on('error', (error) => options.onError?.(error));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

async function readRange(abs: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(abs, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
}

/** A hidden temp file beside the target, flushed, then renamed over it: readers see old or new, never half. */
async function writeDurably(abs: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, text, { encoding: 'utf8', flush: true });
  await rename(temp, abs);
}

function writeError(error: unknown, where: string): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new TeamFolderError(
      'read-only',
      `${where} cannot be written (${code}): your work stays in Tanda and is written when the folder is writable again`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

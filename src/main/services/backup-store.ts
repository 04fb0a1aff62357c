import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/*
 * A folder of bundle backups. Plain Node: main passes the folder in (for
 * example `<userData>/backups`), the renderer hands over the bundle JSON it
 * exported, so the rules here are tested without Electron.
 *
 * The store only ever touches files it could have written itself: names of
 * the exact form `tanda-backup-<UTC time>-<reason>.json`. Anything else in
 * the folder (a README, a bundle the analyst copied there, a temp file of a
 * crashed write) is never listed, read or deleted.
 */

const BACKUP_REASONS = ['auto', 'quit', 'before-restore', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const MIN_KEEP = 1;
const MAX_KEEP = 1000;

export interface BackupInfo {
  /** File name inside the folder, e.g. `tanda-backup-2026-11-22T18-06-54-123Z-auto.json`. */
  name: string;
  /** ISO 8601 UTC, from the name. */
  createdAt: string;
  bytes: number;
  reason: BackupReason;
}

export type BackupErrorCode =
  'invalid-name' | 'not-found' | 'invalid-keep' | 'invalid-reason' | 'invalid-bundle' | 'not-utf8';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const NAME =
  /^tanda-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(auto|quit|before-restore|manual)\.json$/;

/** `tanda-backup-2026-11-22T18-06-54-123Z-auto.json`: sortable, and legal on every file system (no `:`). */
export function backupFileName(createdAt: Date, reason: BackupReason): string {
  return `tanda-backup-${createdAt.toISOString().replace(/[:.]/g, '-')}-${reason}.json`;
}

/** The time and reason a store-made name encodes, or null for any other name. */
export function parseBackupName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const createdAt = `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
  const time = Date.parse(createdAt);
  // A real instant (no 25th hour, no 31 February) that prints back the same.
  if (!Number.isFinite(time) || new Date(time).toISOString() !== createdAt) return null;
  return { createdAt, reason: m[6] as BackupReason };
}

export class BackupStore {
  readonly dir: string;
  readonly keep: number;
  private readonly now: () => Date;
  /** Writes run one after another, so two never pick the same name. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string, options: { keep: number; now?: () => Date }) {
    this.dir = path.resolve(dir);
    this.keep = checkKeep(options.keep);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Write a backup atomically (temp file, fsync, rename: a crash leaves the
   * old set of backups plus at most a hidden temp file, never a truncated
   * backup), then prune to the newest `keep`. The time in the name is
   * strictly later than every backup already there, so the new one always
   * sorts newest and is never the one pruned, even if the clock stepped back.
   * `keep` overrides the store's for this write (the setting may change while
   * the app runs).
   */
  async write(bundleJson: string, reason: BackupReason, keep: number = this.keep): Promise<BackupInfo> {
    if (typeof bundleJson !== 'string') throw new TypeError('a backup is the bundle JSON text');
    if (!(BACKUP_REASONS as readonly string[]).includes(reason)) {
      throw new BackupError(
        'invalid-reason',
        `"${String(reason)}" is not a backup reason (${BACKUP_REASONS.join(', ')})`,
      );
    }
    checkKeep(keep);
    const run = this.queue.then(() => this.writeNow(bundleJson, reason, keep));
    this.queue = run.catch(() => undefined);
    return await run;
  }

  /** Backups in the folder, newest first. */
  async list(): Promise<BackupInfo[]> {
    const entries = await this.ownNames();
    const infos = await Promise.all(
      entries.map(async ({ name, createdAt, reason }): Promise<BackupInfo | null> => {
        try {
          const s = await stat(path.join(this.dir, name));
          return s.isFile() ? { name, createdAt, reason, bytes: s.size } : null;
        } catch (error) {
          if (isMissing(error)) return null; // pruned meanwhile
          throw error;
        }
      }),
    );
    return infos.filter((i): i is BackupInfo => i !== null);
  }

  /** The bundle JSON of one backup. Only names this store makes are accepted. */
  async read(name: string): Promise<string> {
    checkName(name);
    try {
      const bytes = await readFile(path.join(this.dir, name));
      // Fatal decoding: a damaged byte is reported, never turned silently into U+FFFD.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      if (error instanceof TypeError)
        throw new BackupError('not-utf8', `backup ${name} is damaged: it is not valid UTF-8 text`);
      if (isMissing(error)) throw new BackupError('not-found', `there is no backup named ${name}`);
      throw error;
    }
  }

  /** Delete all but the newest `keep` backups; returns the names deleted. Other files are left alone. */
  async prune(keep: number = this.keep): Promise<string[]> {
    const stale = (await this.ownNames()).slice(checkKeep(keep));
    for (const { name } of stale) {
      try {
        await unlink(path.join(this.dir, name));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    }
    return stale.map((s) => s.name);
  }

  private async writeNow(bundleJson: string, reason: BackupReason, keep: number): Promise<BackupInfo> {
    await mkdir(this.dir, { recursive: true });
    const newest = (await this.ownNames())[0];
    let time = this.now().getTime();
    if (newest && time <= Date.parse(newest.createdAt)) time = Date.parse(newest.createdAt) + 1;
    const createdAt = new Date(time);
    const name = backupFileName(createdAt, reason);
    const file = path.join(this.dir, name);
    // Starts with a dot and ends in .tmp: never matches a backup name.
    const temp = path.join(this.dir, `.${name}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bundleJson, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncFolder(this.dir);
    await this.prune(keep);
    return { name, createdAt: createdAt.toISOString(), bytes: Buffer.byteLength(bundleJson, 'utf8'), reason };
  }

  /** Store-made names in the folder, newest first (an absent folder holds none). */
  private async ownNames(): Promise<Array<{ name: string; createdAt: string; reason: BackupReason }>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const own = names.flatMap((name) => {
      const parsed = parseBackupName(name);
      return parsed ? [{ name, ...parsed }] : [];
    });
    return own.sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.name, a.name));
  }
}

function checkKeep(keep: number): number {
  if (!Number.isInteger(keep) || keep < MIN_KEEP || keep > MAX_KEEP) {
    throw new BackupError(
      'invalid-keep',
      `the number of backups to keep must be a whole number from ${MIN_KEEP} to ${MAX_KEEP}, not ${String(keep)}`,
    );
  }
  return keep;
}

function checkName(name: string): void {
  if (typeof name !== 'string' || parseBackupName(name) === null) {
    throw new BackupError(
      'invalid-name',
      `${JSON.stringify(name)} is not a backup name (expected tanda-backup-<time>-<reason>.json, as listed)`,
    );
  }
}

/** Make the rename durable. Not possible on every platform (Windows): best effort. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file itself was synced; only the directory entry may lag.
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

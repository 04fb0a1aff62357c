import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupError, BackupStore, backupFileName, parseBackupName } from '../backup-store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tanda-backups-'));
  dirs.push(dir);
  return dir;
}

/** A clock that moves one minute per call from `start`. */
function minuteClock(start = '2026-11-22T18:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BackupError) return error.code;
    throw error;
  }
  throw new Error('expected a BackupError');
}

describe('backup names', () => {
  it('encode the time and reason, without characters some file systems refuse', () => {
    const name = backupFileName(new Date('2026-11-22T18:06:54.123Z'), 'before-restore');
    expect(name).toBe('tanda-backup-2026-11-22T18-06-54-123Z-before-restore.json');
    expect(parseBackupName(name)).toEqual({
      createdAt: '2026-11-22T18:06:54.123Z',
      reason: 'before-restore',
    });
  });

  it('are only the exact form the store writes', () => {
    for (const name of [
      'tanda-backup-2026-11-22T18-06-54-123Z-other.json',
      'tanda-backup-2026-02-30T18-06-54-123Z-auto.json', // 30 February
      'tanda-backup-2026-11-22T25-06-54-123Z-auto.json',
      'tanda-backup-2026-11-22T18-06-54-123Z-auto.json.tmp',
      'x/tanda-backup-2026-11-22T18-06-54-123Z-auto.json',
    ]) {
      expect(parseBackupName(name)).toBeNull();
    }
  });
});

describe('BackupStore', () => {
  it('writes, lists newest first, and reads back', async () => {
    const dir = path.join(await tempDir(), 'not-yet-created');
    const store = new BackupStore(dir, { keep: 10, now: minuteClock() });
    const first = await store.write('{"n":1}\n', 'auto');
    const second = await store.write('{"n":"é 😀"}\n', 'quit');
    expect(first).toEqual({
      name: 'tanda-backup-2026-11-22T18-00-00-000Z-auto.json',
      createdAt: '2026-11-22T18:00:00.000Z',
      bytes: 8,
      reason: 'auto',
    });
    expect(second.bytes).toBe(Buffer.byteLength('{"n":"é 😀"}\n'));
    expect(await store.list()).toEqual([second, first]);
    expect(await store.read(first.name)).toBe('{"n":1}\n');
    expect(await store.read(second.name)).toBe('{"n":"é 😀"}\n');
  });

  it('keeps the K newest and never touches other files', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'README.txt'), 'my notes');
    await writeFile(path.join(dir, 'my-export.json'), '{}');
    const store = new BackupStore(dir, { keep: 3, now: minuteClock() });
    const written = [];
    for (let i = 0; i < 5; i++) written.push(await store.write(`{"n":${i}}`, 'auto'));
    expect((await store.list()).map((b) => b.name)).toEqual(
      written
        .slice(2)
        .reverse()
        .map((b) => b.name),
    );
    expect((await readdir(dir)).filter((n) => !n.startsWith('tanda-backup-')).sort()).toEqual([
      'README.txt',
      'my-export.json',
    ]);
    // A smaller keep applies on the next write (or prune).
    expect(await store.prune(1)).toEqual([written[3]!.name, written[2]!.name]);
    expect((await store.list()).map((b) => b.name)).toEqual([written[4]!.name]);
  });

  it('takes keep per write, as the setting may change while the app runs', async () => {
    const store = new BackupStore(await tempDir(), { keep: 10, now: minuteClock() });
    for (let i = 0; i < 4; i++) await store.write('{}', 'auto');
    await store.write('{}', 'manual', 2);
    expect((await store.list()).map((b) => b.reason)).toEqual(['manual', 'auto']);
  });

  it('gives every backup a later time than the ones there, even within a millisecond or after the clock stepped back', async () => {
    const times = ['2026-11-22T18:00:00.000Z', '2026-11-22T18:00:00.000Z', '2026-11-22T17:00:00.000Z'];
    const store = new BackupStore(await tempDir(), { keep: 2, now: () => new Date(times.shift()!) });
    await store.write('"a"', 'auto');
    await store.write('"b"', 'auto');
    const third = await store.write('"c"', 'before-restore');
    expect(third.createdAt).toBe('2026-11-22T18:00:00.002Z');
    const listed = await store.list();
    expect(listed.map((b) => b.createdAt)).toEqual(['2026-11-22T18:00:00.002Z', '2026-11-22T18:00:00.001Z']);
    expect(await store.read(listed[0]!.name)).toBe('"c"');
  });

  it('serialises concurrent writes', async () => {
    const store = new BackupStore(await tempDir(), {
      keep: 10,
      now: () => new Date('2026-11-22T18:00:00.000Z'),
    });
    const infos = await Promise.all(['1', '2', '3'].map((n) => store.write(n, 'auto')));
    expect(new Set(infos.map((i) => i.name)).size).toBe(3);
    expect(await Promise.all(infos.map((i) => store.read(i.name)))).toEqual(['1', '2', '3']);
  });

  it('refuses names it did not make: paths, absolute paths, other files', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'notes.json'), '{}');
    const store = new BackupStore(dir, { keep: 3 });
    const good = await store.write('{}', 'manual');
    for (const name of [
      '../x',
      `../${path.basename(dir)}/${good.name}`,
      path.join(dir, good.name),
      '/etc/passwd',
      'notes.json',
      `${good.name}/..`,
      '',
    ]) {
      expect(await codeOf(store.read(name)), name).toBe('invalid-name');
    }
    expect(await codeOf(store.read('tanda-backup-2020-01-01T00-00-00-000Z-auto.json'))).toBe('not-found');
  });

  it('does not list the temp file a crash mid-write leaves behind', async () => {
    const dir = await tempDir();
    const store = new BackupStore(dir, { keep: 3, now: minuteClock() });
    const done = await store.write('{"complete":true}', 'auto');
    const partial = `.${backupFileName(new Date('2026-11-22T19:00:00.000Z'), 'auto')}.1234-abcd.tmp`;
    await writeFile(path.join(dir, partial), '{"compl');
    expect(await store.list()).toEqual([done]);
    expect(await codeOf(store.read(partial))).toBe('invalid-name');
    await store.write('{}', 'auto');
    expect(await readdir(dir)).toContain(partial); // not ours to delete: maybe another writer's
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([partial]);
  });

  it('lists nothing for a folder that does not exist yet', async () => {
    const store = new BackupStore(path.join(await tempDir(), 'missing'), { keep: 3 });
    expect(await store.list()).toEqual([]);
    expect(await store.prune()).toEqual([]);
  });

  it('accepts keep from 1 to 1000 only', async () => {
    const dir = await tempDir();
    for (const keep of [0, -1, 1001, 2.5, Number.NaN]) {
      expect(() => new BackupStore(dir, { keep })).toThrow(BackupError);
    }
    expect(new BackupStore(dir, { keep: 1 }).keep).toBe(1);
    expect(new BackupStore(dir, { keep: 1000 }).keep).toBe(1000);
    const store = new BackupStore(dir, { keep: 5 });
    expect(await codeOf(store.write('{}', 'auto', 0))).toBe('invalid-keep');
    expect(await codeOf(store.prune(1001))).toBe('invalid-keep');
    expect(await codeOf(store.write('{}', 'sometimes' as never))).toBe('invalid-reason');
    expect(await readdir(dir)).toEqual([]);
  });
});

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinCodebook } from '../../shared/codebook/builtin-codebook';
import { buildBundle, bundleToJson } from '../../shared/exchange/bundle';
import { hostBackups } from '../host-backups';

describe('host backups', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tanda-host-backups-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes only a valid bundle: any other string is refused and never counts against the kept backups', async () => {
    const backups = hostBackups(dir);
    await expect(backups.write('"just a string"', 'auto', 5)).rejects.toMatchObject({
      code: 'invalid-bundle',
      message: expect.stringMatching(/^backup not written: not a Tanda bundle/),
    });
    await expect(backups.write('{"format":"tanda-bundle"', 'auto', 5)).rejects.toMatchObject({
      code: 'invalid-bundle',
    });
    expect(await readdir(dir).catch(() => [])).toEqual([]);

    const bundle = buildBundle({
      codebook: builtinCodebook(),
      documents: [],
      annotations: [],
      statuses: [],
      now: new Date('2026-12-01T00:00:00Z'),
    });
    const info = await backups.write(bundleToJson(bundle), 'manual', 5);
    expect(await backups.read(info.name)).toBe(bundleToJson(bundle));
  });

  it('refuses to read a backup that is not UTF-8 instead of turning bytes into U+FFFD', async () => {
    const backups = hostBackups(dir);
    const name = 'tanda-backup-2026-12-01T00-00-00-000Z-auto.json';
    await writeFile(join(dir, name), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]));
    await expect(backups.read(name)).rejects.toMatchObject({ code: 'not-utf8' });
  });
});

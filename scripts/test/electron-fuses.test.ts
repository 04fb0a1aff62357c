import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { checkTandaFuses, electronFusesAfterPack, fusesCli, TANDA_FUSES } from '../electron-fuses';

const root = path.join(__dirname, '..', '..');

describe('Electron fuses applied at packaging', () => {
  it('turn off running as Node, NODE_OPTIONS and --inspect; load only the integrity-checked asar; encrypt cookies', () => {
    expect(TANDA_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('decide every fuse this @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const fuse of known) expect(typeof TANDA_FUSES[fuse as keyof typeof TANDA_FUSES]).toBe('boolean');
  });
});

describe('the locked Electron', () => {
  /*
   * Offline substitute for Electronegativity's "available security fixes" check (which downloads the release
   * list on every run): the lockfile must hold exactly the floor package.json asks for, on major 45. Raising
   * the floor is the manual step: `npm view electron@45 version | tail -1` names the newest 45.x patch; when it
   * is newer, `npm install -D electron@^<it>` and commit both files.
   */
  it('is the version package.json asks for, on 45.x', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const range = pkg.devDependencies['electron']!;
    const locked = lock.packages['node_modules/electron']!.version;
    expect(range).toMatch(/^\^45\.\d+\.\d+$/);
    expect(locked).toBe(range.slice(1));
  });
});

describe('the packaging step on an executable', () => {
  // What Electron compiles in: the sentinel, the wire's version (1) and length, then one byte per fuse.
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const INHERIT = 0x90;
  async function fakeElectron(fuses = 8): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tanda-fuses-'));
    const file = path.join(dir, 'tanda');
    const wire = Buffer.from([1, fuses, ...new Array<number>(fuses).fill(INHERIT)]);
    await writeFile(file, Buffer.concat([randomBytes(4096), Buffer.from(SENTINEL), wire, randomBytes(4096)]));
    return file;
  }

  it('sets every fuse in the binary, leaves the other bytes alone, and the check then passes', async () => {
    const file = await fakeElectron();
    const before = await readFile(file);
    const out: string[] = [];
    expect(await checkTandaFuses(file)).toHaveLength(8);
    expect(
      await fusesCli(
        [file],
        (m) => out.push(m),
        (m) => out.push(m),
      ),
    ).toBe(0);
    expect(out).toEqual([`fuses set on ${file}`]);
    expect(await checkTandaFuses(file)).toEqual([]);
    const after = await readFile(file);
    const at = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(changed.every((i) => i >= at && i < at + 8)).toBe(true);
    expect(after[at + FuseV1Options.RunAsNode]).toBe(0x30);
    expect(after[at + FuseV1Options.OnlyLoadAppFromAsar]).toBe(0x31);
    expect(
      await fusesCli(
        ['--check', file],
        () => {},
        () => {},
      ),
    ).toBe(0);
  });

  it('refuses an executable without fuses, a wire with a fuse it does not know, and bad usage, saying which', async () => {
    const errors: string[] = [];
    const fail = (m: string) => errors.push(m);
    const plain = path.join(await mkdtemp(path.join(tmpdir(), 'tanda-fuses-')), 'not-electron');
    await writeFile(plain, randomBytes(1024));
    expect(await fusesCli([plain], () => {}, fail)).toBe(1);
    expect(errors.pop()).toMatch(/^cannot set the fuses of .*not-electron: Could not find sentinel/);
    const newer = await fakeElectron(9);
    expect(await fusesCli([newer], () => {}, fail)).toBe(1);
    expect(errors.pop()).toMatch(/strictlyRequireAllFuses/);
    const unset = await fakeElectron();
    expect(await fusesCli(['--check', unset], () => {}, fail)).toBe(1);
    expect(errors.pop()).toMatch(/not as Tanda needs them: RunAsNode, EnableCookieEncryption/);
    expect(await fusesCli([], () => {}, fail)).toBe(2);
    expect(await fusesCli(['--check'], () => {}, fail)).toBe(2);
  });

  it('finds the executable electron-builder packed, per platform', async () => {
    const file = await fakeElectron();
    await electronFusesAfterPack({
      appOutDir: path.dirname(file),
      packager: { appInfo: { productFilename: 'Tanda' } },
      electronPlatformName: 'linux',
    });
    expect(await checkTandaFuses(file)).toEqual([]);
  });
});

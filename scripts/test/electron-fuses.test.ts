import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { TANDA_FUSES } from '../electron-fuses';

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

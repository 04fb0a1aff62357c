import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OLD_BUNDLE_MS, pruneOldBundles } from '../extract-worker-script';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function bundleDir(files: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tanda-bundles-'));
  dirs.push(dir);
  for (const [name, ageMs] of Object.entries(files)) {
    const file = path.join(dir, name);
    await writeFile(file, '// bundle');
    const when = new Date(Date.now() - ageMs);
    await utimes(file, when, when);
  }
  return dir;
}

describe('the extraction worker bundles kept from sources', () => {
  it('deletes only old worker bundles, never the current one or other files', async () => {
    const old = OLD_BUNDLE_MS + 60_000;
    const dir = await bundleDir({
      'extract-worker-aaaaaaaaaaaaaaaa.cjs': old, // old: goes
      'extract-worker-bbbbbbbbbbbbbbbb.cjs': 60_000, // recent: another process may still use it
      'extract-worker-cccccccccccccccc.cjs': old, // the current one, however old
      'extract-worker-notahash.cjs': old, // not ours by its name
      'other.txt': old,
    });
    const removed = await pruneOldBundles(dir, path.join(dir, 'extract-worker-cccccccccccccccc.cjs'));
    expect(removed).toEqual(['extract-worker-aaaaaaaaaaaaaaaa.cjs']);
    expect((await readdir(dir)).sort()).toEqual([
      'extract-worker-bbbbbbbbbbbbbbbb.cjs',
      'extract-worker-cccccccccccccccc.cjs',
      'extract-worker-notahash.cjs',
      'other.txt',
    ]);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the extraction worker's script is. The built app has it beside its
 * main bundle (electron-vite's second main entry, `out/main/extract-worker.js`).
 * Running from sources (browser mode, the CLI, vitest all go through tsx), a
 * worker thread cannot load our `.ts` modules, so the worker entry is bundled
 * with esbuild on first use into node_modules/.cache/tanda/, named by its
 * content's hash: its packages stay outside the bundle and resolve from
 * there, and processes running at once share one file without racing.
 */

const BUILT_NAME = 'extract-worker.js';

let found: Promise<string> | null = null;

export function extractWorkerScript(): Promise<string> {
  return (found ??= locate());
}

async function locate(): Promise<string> {
  // The module asking may sit in a shared chunk one folder below the entries.
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const built = path.join(dir, BUILT_NAME);
    if (existsSync(built)) return built;
  }
  const source = path.join(__dirname, 'extract-worker.ts');
  if (!existsSync(source)) throw new Error(`no ${BUILT_NAME} beside ${__dirname}`);
  return bundleFromSources(source, path.resolve(__dirname, '../../..'));
}

async function bundleFromSources(source: string, repoRoot: string): Promise<string> {
  // Through require, not import: the built app's bundler must not try to pull esbuild (a dev tool) in.
  const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
  const built = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = path.join(repoRoot, 'node_modules', '.cache', 'tanda');
  const file = path.join(dir, `extract-worker-${hash}.cjs`);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, code);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  // Each change to the worker's sources leaves a bundle; without this they pile up for ever.
  await pruneOldBundles(dir, file).catch(() => {});
  return file;
}

/** Bundles unused for this long belong to no process still running (a pool re-reads its script only to replace a worker). */
export const OLD_BUNDLE_MS = 24 * 60 * 60 * 1000;

/** Deletes the worker bundles in `dir`, other than `keep`, last changed over OLD_BUNDLE_MS before `now`. */
export async function pruneOldBundles(dir: string, keep: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (file === keep || !/^extract-worker-[0-9a-f]{16}\.cjs$/.test(name)) continue;
    const { mtimeMs } = await stat(file);
    if (now - mtimeMs < OLD_BUNDLE_MS) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}

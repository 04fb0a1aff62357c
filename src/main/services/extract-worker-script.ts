import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where a worker thread's script is (the extraction worker's, the scan's
 * reader's). The built app has it beside its
 * main bundle (electron-vite's second main entry, `out/main/extract-worker.js`).
 * Running from sources (browser mode, the CLI, vitest all go through tsx), a
 * worker thread cannot load our `.ts` modules, so the worker entry is bundled
 * with esbuild on first use into node_modules/.cache/tanda/, named by its
 * content's hash: its packages stay outside the bundle and resolve from
 * there, and processes running at once share one file without racing.
 */

/** The worker entries: each is a main entry of electron.vite.config.ts and a `.ts` beside this file. */
type WorkerEntry = 'extract-worker' | 'scan-read-worker';

const found = new Map<WorkerEntry, Promise<string>>();

export function extractWorkerScript(): Promise<string> {
  return workerScript('extract-worker');
}

export function scanReadWorkerScript(): Promise<string> {
  return workerScript('scan-read-worker');
}

function workerScript(entry: WorkerEntry): Promise<string> {
  let script = found.get(entry);
  if (!script) found.set(entry, (script = locate(entry)));
  return script;
}

async function locate(entry: WorkerEntry): Promise<string> {
  const builtName = `${entry}.js`;
  // The module asking may sit in a shared chunk one folder below the entries.
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const built = path.join(dir, builtName);
    if (existsSync(built)) return built;
  }
  const source = path.join(__dirname, `${entry}.ts`);
  if (!existsSync(source)) throw new Error(`no ${builtName} beside ${__dirname}`);
  return bundleFromSources(source, path.resolve(__dirname, '../../..'), entry);
}

async function bundleFromSources(source: string, repoRoot: string, entry: WorkerEntry): Promise<string> {
  const dir = path.join(repoRoot, 'node_modules', '.cache', 'tanda');
  const inputsFile = path.join(dir, `${entry}.inputs.json`);
  const kept = await unchangedBundle(inputsFile);
  if (kept) return kept;
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
    metafile: true,
    logLevel: 'silent',
  });
  const code = built.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(dir, `${entry}-${hash}.cjs`);
  await mkdir(dir, { recursive: true });
  if (!existsSync(file)) await writeAtomically(file, code);
  const inputs = await stampsOf(Object.keys(built.metafile.inputs).map((input) => path.resolve(input)));
  await writeAtomically(inputsFile, JSON.stringify({ file, inputs } satisfies BundleInputs)).catch(() => {});
  // Each change to the worker's sources leaves a bundle; without this they pile up for ever.
  await pruneOldBundles(dir, file).catch(() => {});
  return file;
}

/**
 * Which sources a bundle was built from, each with its size and modification time: a process that
 * finds them all unchanged starts the worker from that bundle, without loading esbuild (which costs a
 * scan from sources a fifth of a second).
 */
const bundleInputs = z.object({
  file: z.string(),
  inputs: z.record(z.string(), z.tuple([z.number(), z.number()])),
});
type BundleInputs = z.infer<typeof bundleInputs>;

async function unchangedBundle(inputsFile: string): Promise<string | null> {
  try {
    const kept = bundleInputs.parse(JSON.parse(await readFile(inputsFile, 'utf8')));
    if (!existsSync(kept.file)) return null;
    const now = await stampsOf(Object.keys(kept.inputs));
    const same = Object.entries(kept.inputs).every(([input, [size, mtime]]) => {
      const stamp = now[input];
      return stamp !== undefined && stamp[0] === size && stamp[1] === mtime;
    });
    return same ? kept.file : null;
  } catch {
    return null; // none kept yet, or unreadable: build again
  }
}

async function stampsOf(files: string[]): Promise<Record<string, [number, number]>> {
  const stamps: Record<string, [number, number]> = {};
  await Promise.all(
    files.map(async (input) => {
      const { size, mtimeMs } = await stat(input);
      stamps[input] = [size, mtimeMs];
    }),
  );
  return stamps;
}

async function writeAtomically(file: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, contents);
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Bundles unused for this long belong to no process still running (a pool re-reads its script only to replace a worker). */
export const OLD_BUNDLE_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the bundles of `keep`'s entry in `dir`, other than `keep`, last changed over OLD_BUNDLE_MS
 * before `now`.
 */
export async function pruneOldBundles(dir: string, keep: string, now = Date.now()): Promise<string[]> {
  const entry = /^(.+)-[0-9a-f]{16}\.cjs$/.exec(path.basename(keep))?.[1];
  if (!entry) return [];
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (
      file === keep ||
      !name.startsWith(`${entry}-`) ||
      !/^[0-9a-f]{16}\.cjs$/.test(name.slice(entry.length + 1))
    )
      continue;
    const { mtimeMs } = await stat(file);
    if (now - mtimeMs < OLD_BUNDLE_MS) continue;
    await rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}

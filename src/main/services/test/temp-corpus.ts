import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway corpus folder under the OS temp dir, one per test, so tests
 * never share files and can run in parallel.
 */
export interface TempCorpus {
  root: string;
  /** Writes a file (creating folders), `rel` with `/` separators. */
  write(rel: string, content: string | Uint8Array): Promise<string>;
  file(rel: string): string;
  remove(): Promise<void>;
}

export async function makeTempCorpus(files: Record<string, string | Uint8Array> = {}): Promise<TempCorpus> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tanda-corpus-'));
  const corpus: TempCorpus = {
    root,
    file: (rel) => path.join(root, ...rel.split('/')),
    async write(rel, content) {
      const file = corpus.file(rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) await corpus.write(rel, content);
  return corpus;
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

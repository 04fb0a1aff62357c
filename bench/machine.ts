import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumVersion } from './browser/chromium';

export const repoRoot = resolve(__dirname, '..');

export interface Machine {
  cpu_model: string;
  cores: number;
  memory_gb: number;
  platform: string;
  release: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.arch()}`,
    release: os.release(),
  };
}

export interface Versions {
  tanda: string;
  /** The commit measured, with `-dirty` when the working tree had changes. */
  tanda_commit: string | null;
  node: string;
  chromium: string | null;
  playwright: string;
  prosemirror_view: string;
  recogito_text_annotator: string;
  vite: string;
}

/** Versions of what the figures depend on; Chromium only when a browser is at hand (`withBrowser`). */
export async function versions(withBrowser: boolean): Promise<Versions> {
  return {
    tanda: packageVersion(repoRoot),
    tanda_commit: gitCommit(),
    node: process.version,
    chromium: withBrowser ? await chromiumVersion() : null,
    playwright: installed('@playwright/test'),
    prosemirror_view: installed('prosemirror-view'),
    recogito_text_annotator: installed('@recogito/text-annotator'),
    vite: installed('vite'),
  };
}

function gitCommit(): string | null {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    return `${git('rev-parse', '--short=12', 'HEAD')}${git('status', '--porcelain') ? '-dirty' : ''}`;
  } catch {
    return null;
  }
}

function installed(name: string): string {
  return packageVersion(join(repoRoot, 'node_modules', name));
}

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

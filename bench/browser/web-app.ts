import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { spawnBrowserMode } from '../../src/main/web/web-child';
import type { BenchContext } from '../context';
import { launchChromium, rememberVersion } from './chromium';

/**
 * One benchmark run in browser mode: `web-cli.ts` on a free port (a new
 * origin, so the browser starts from an empty IndexedDB) with a fresh data
 * folder, serving the renderer built by `electron-vite build`, and a fresh
 * Chromium. Everything is stopped and removed when `run` settles. With
 * `--profile`, the server writes its CPU profile to the profile folder's
 * `server/` as it exits.
 */
export async function withWebApp<T>(
  ctx: BenchContext,
  corpusDir: string,
  run: (openUrl: string, browser: Browser) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(ctx.workDir, 'web-data-'));
  // With --profile, the server's CPU profile of each run too (Node writes it as the server exits).
  const nodeArgs = ctx.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(ctx.profileDir, 'server')}`] : [];
  const server = await spawnBrowserMode({ corpusDir, dataDir, nodeArgs });
  const browser = await launchChromium();
  rememberVersion(browser);
  try {
    return await run(server.openUrl, browser);
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

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
 * Chromium. Everything is stopped and removed when `run` settles.
 */
export async function withWebApp<T>(
  ctx: BenchContext,
  corpusDir: string,
  run: (openUrl: string, browser: Browser) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(ctx.workDir, 'web-data-'));
  const server = await spawnBrowserMode({ corpusDir, dataDir });
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

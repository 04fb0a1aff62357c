import { build } from 'esbuild';
import type { Browser, Page } from '@playwright/test';
import { join } from 'node:path';

/*
 * A Chromium page on an origin of its own (IndexedDB needs one) running the
 * renderer's database code, bundled from `idb-probe.ts`: the figures that
 * fake-indexeddb in Node can only overstate, timed on Chromium's IndexedDB.
 */

// A loopback origin is a secure context (crypto.randomUUID); every request to it is answered here.
const ORIGIN = 'http://127.0.0.1:9';

let bundle: string | null = null;

async function probeBundle(): Promise<string> {
  if (bundle) return bundle;
  const result = await build({
    entryPoints: [join(__dirname, 'idb-probe.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  return bundle;
}

/** A page with `window.tandaIdbProbe` ready; close its context when done. */
export async function openIdbPage(browser: Browser): Promise<Page> {
  const script = await probeBundle();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><title>bench</title><script>${script.replace(/<\/script/gi, '<\\/script')}</script>`,
    }),
  );
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'tandaIdbProbe' in globalThis);
  return page;
}

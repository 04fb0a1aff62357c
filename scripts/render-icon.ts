import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import playwrightConfig, { CHROMIUM_PATH } from '../playwright.config';

/*
 * The desktop window's icon, `resources/icon.png` (512 × 512), drawn from the
 * same `src/renderer/public/icon.svg` the page uses, so the two cannot drift
 * apart by hand. Electron takes a PNG for a window's icon on Linux and
 * Windows (an SVG is not read); run this after changing the SVG and commit
 * both:
 *
 *   npx tsx scripts/render-icon.ts
 *
 * The unit test `scripts/test/app-icon.test.ts` checks the PNG is there, of
 * that size, and that the window is given it.
 */
export const ICON_SIZE = 512;

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const svg = await readFile(join(root, 'src/renderer/public/icon.svg'), 'utf8');
  const browser = await chromium.launch({
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...(playwrightConfig.use?.launchOptions?.args ?? [])],
  });
  try {
    const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE } });
    const sized = svg.replace('<svg ', `<svg width="${ICON_SIZE}" height="${ICON_SIZE}" `);
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`,
    );
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE },
    });
    await writeFile(join(root, 'resources/icon.png'), png);
  } finally {
    await browser.close();
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

import { chromium, type Browser } from '@playwright/test';
import playwrightConfig, { CHROMIUM_PATH } from '../../playwright.config';

/**
 * The benchmark drives the same Chromium, with the same flags, as the
 * end-to-end tests (playwright.config.ts): Debian's /usr/bin/chromium unless
 * TANDA_CHROMIUM says otherwise, no network side traffic, software raster.
 * Every launch gets a fresh temporary profile.
 */
export const VIEWPORT = { width: 1280, height: 800 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    headless: true,
    executablePath: CHROMIUM_PATH,
    args: [...(playwrightConfig.use?.launchOptions?.args ?? [])],
  });
}

let version: string | null = null;

/** The Chromium version, launching it once if no scenario has yet. */
export async function chromiumVersion(): Promise<string> {
  if (version) return version;
  const browser = await launchChromium();
  try {
    return rememberVersion(browser);
  } finally {
    await browser.close();
  }
}

export function rememberVersion(browser: Browser): string {
  version = browser.version();
  return version;
}

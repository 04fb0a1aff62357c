import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.cjs';
import type { TandaBridge } from '../src/shared/api/api-channels';

/** The page's global object as the preload leaves it (this tsconfig has no DOM lib). */
type PageGlobal = { tanda?: TandaBridge; require?: unknown; process?: unknown };

/**
 * The desktop app end to end: the built main, preload and renderer in a
 * real Electron, with a fresh profile (userData) per run. Needs no
 * browser-mode fixture. Where no Electron binary could be installed the
 * test is skipped; the browser-mode specs cover the same UI.
 */
const repoRoot = resolve(__dirname, '..');
const sampleCorpus = join(repoRoot, 'resources/sample-corpus');
const binary = findElectronBinary(repoRoot);

/** The titles as the CLI reports them: the UI is held to the same rule. */
function sampleTitles(): string[] {
  const out = execFileSync(
    process.execPath,
    [join(repoRoot, 'bin/tanda.cjs'), 'scan', sampleCorpus, '--json'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  return (JSON.parse(out) as { documents: { title: string }[] }).documents.map((doc) => doc.title);
}

test.describe('Electron app', () => {
  test.skip(
    !binary,
    'Electron binary not installed on this machine (download refused); browser-mode specs cover the UI',
  );

  let app: ElectronApplication | undefined;
  let userData = '';
  let mainLog = '';

  test.beforeEach(async () => {
    expect(existsSync(join(repoRoot, 'out/main/index.js')), 'the app is not built: run "npm run build"').toBe(
      true,
    );
    userData = await mkdtemp(join(tmpdir(), 'tanda-electron-e2e-'));
    const env = { ...process.env, TANDA_USER_DATA: userData } as Record<string, string>;
    delete env.ELECTRON_RENDERER_URL; // always the built renderer on app://tanda
    app = await electron.launch({ executablePath: binary!, args: [repoRoot], cwd: repoRoot, env });
    mainLog = '';
    app.process().stdout?.on('data', (chunk: Buffer) => (mainLog += chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => (mainLog += chunk.toString()));
  });

  test.afterEach(async ({}, testInfo) => {
    if (app && testInfo.status !== testInfo.expectedStatus) {
      const page = await app.firstWindow().catch(() => null);
      if (page) await testInfo.attach('window', { body: await page.screenshot(), contentType: 'image/png' });
      await testInfo.attach('main-process.log', { body: mainLog, contentType: 'text/plain' });
    }
    await app?.close();
    app = undefined;
    await rm(userData, { recursive: true, force: true });
  });

  test('opens the sample corpus, lists its five articles and shows one', async () => {
    const page = await app!.firstWindow();
    const titles = sampleTitles();
    expect(titles).toHaveLength(5);

    const list = page.getByRole('navigation', { name: 'Documents' });
    for (const title of titles) {
      await expect(list.getByRole('button', { name: title })).toBeVisible();
    }

    const first = titles[0]!;
    await list.getByRole('button', { name: first }).click();
    const article = page.getByRole('region', { name: 'Article' });
    await expect(article).toContainText(first.slice(0, 60));
  });

  test('the page gets window.tanda and nothing of Node or Electron', async () => {
    const page = await app!.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toMatch(/^app:\/\/tanda\//);
    const surface = await page.evaluate(() => {
      const page = globalThis as PageGlobal;
      return {
        require: typeof page.require,
        process: typeof page.process,
        tanda: Object.keys(page.tanda ?? {}).sort(),
      };
    });
    expect(surface).toEqual({
      require: 'undefined',
      process: 'undefined',
      tanda: [
        'getCorpus',
        'listBackups',
        'onCorpusEvent',
        'readBackup',
        'readDocument',
        'readDocuments',
        'reloadCorpus',
        'saveFile',
        'writeBackup',
      ],
    });
    // Main validates every call: a path outside the corpus is refused, not read.
    const outcome = await page.evaluate(() =>
      (globalThis as PageGlobal).tanda!.readDocument({ path: '../../package.json' }),
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-path' } });
  });
});

import { test as base, expect, type Page } from '@playwright/test';
import { spawnBrowserMode } from '../src/main/web/web-child';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAnnotating } from './annotate-helpers';

export const repoRoot = resolve(__dirname, '..');
export const sampleCorpus = join(repoRoot, 'resources/sample-corpus');

export interface WebApp {
  /** A private copy of the sample corpus this test may change freely. */
  corpusDir: string;
  /** Base URL (no token) and the URL with the token to open. */
  url: string;
  openUrl: string;
  token: string;
  /** Where this server writes backups. */
  backupsDir: string;
  /** Opens the app and waits for the document list (`timeout`: for corpora slower to scan, e.g. PDFs). */
  open(page: Page, options?: { timeout?: number }): Promise<void>;
  /** Stops the server as Ctrl+C would (it waits briefly for an open tab's quit backup). */
  stop(): Promise<number | null>;
}

/**
 * Every test gets its own corpus folder and its own browser-mode server on a
 * free port (so its own origin, hence its own empty IndexedDB), as the
 * desktop app would with a fresh data folder.
 */
/** Files to add to the test's corpus copy: text, or bytes given as numbers. */
export type ExtraFiles = Record<string, string | number[]>;

/** Symlinks to make in the test's corpus copy before the server starts: link path → target. */
export type ExtraLinks = Record<string, string>;

export const test = base.extend<{
  extraFiles: ExtraFiles;
  extraLinks: ExtraLinks;
  /** Added to the browser-mode server's environment. */
  serverEnv: Record<string, string>;
  annotator: string | null;
  webApp: WebApp;
}>({
  extraFiles: [{}, { option: true }],
  extraLinks: [{}, { option: true }],
  serverEnv: [{}, { option: true }],
  /** When set, open() answers the first-run "Annotator" question with it. */
  annotator: [null, { option: true }],
  webApp: async ({ extraFiles, extraLinks, annotator, serverEnv }, use, testInfo) => {
    const corpusDir = await mkdtemp(join(tmpdir(), 'tanda-e2e-'));
    await cp(sampleCorpus, corpusDir, { recursive: true });
    for (const [name, content] of Object.entries(extraFiles)) {
      await writeFile(join(corpusDir, name), typeof content === 'string' ? content : Buffer.from(content));
    }
    for (const [link, target] of Object.entries(extraLinks)) await symlink(target, join(corpusDir, link));
    const server = await spawnBrowserMode({
      corpusDir,
      dataDir: `${corpusDir}-data`,
      timeoutMs: 20_000,
      env: serverEnv,
    });
    const { openUrl } = server;
    const url = openUrl.replace(/#.*$/, '');
    const token = /#token=(.+)$/.exec(openUrl)![1]!;
    try {
      await use({
        corpusDir,
        url,
        openUrl,
        token,
        backupsDir: join(`${corpusDir}-data`, 'backups'),
        stop: () => server.stop('SIGINT'),
        open: async (page, options) => {
          await page.goto(openUrl);
          if (annotator) await startAnnotating(page, annotator);
          // A narrow window starts with the list folded away behind its toggle.
          await expect(
            page
              .getByRole('navigation', { name: 'Documents' })
              .getByRole('button')
              .first()
              .or(page.getByRole('button', { name: 'Show the document list' })),
          ).toBeVisible(options);
        },
      });
    } finally {
      await server.stop();
      const log = server.log();
      if (log.trim()) await testInfo.attach('server-stderr', { body: log, contentType: 'text/plain' });
      await rm(corpusDir, { recursive: true, force: true });
      await rm(`${corpusDir}-data`, { recursive: true, force: true });
    }
  },
});

export { expect };

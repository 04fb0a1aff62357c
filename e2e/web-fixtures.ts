import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  /** Opens the app and waits for the document list. */
  open(page: Page): Promise<void>;
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

export const test = base.extend<{ extraFiles: ExtraFiles; annotator: string | null; webApp: WebApp }>({
  extraFiles: [{}, { option: true }],
  /** When set, open() answers the first-run "Annotator" question with it. */
  annotator: [null, { option: true }],
  webApp: async ({ extraFiles, annotator }, use, testInfo) => {
    const corpusDir = await mkdtemp(join(tmpdir(), 'tanda-e2e-'));
    await cp(sampleCorpus, corpusDir, { recursive: true });
    for (const [name, content] of Object.entries(extraFiles)) {
      await writeFile(join(corpusDir, name), typeof content === 'string' ? content : Buffer.from(content));
    }
    const server = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/web/web-cli.ts', '--corpus', corpusDir, '--port', '0', '--data-dir', `${corpusDir}-data`],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const openUrl = await waitForUrl(server, () => log);
    const url = openUrl.replace(/#.*$/, '');
    const token = /#token=(.+)$/.exec(openUrl)![1]!;
    const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
    try {
      await use({
        corpusDir,
        url,
        openUrl,
        token,
        backupsDir: join(`${corpusDir}-data`, 'backups'),
        stop: async () => {
          server.kill('SIGINT');
          return exited;
        },
        open: async (page) => {
          await page.goto(openUrl);
          if (annotator) await startAnnotating(page, annotator);
          await expect(page.getByRole('navigation', { name: 'Documents' }).getByRole('button').first()).toBeVisible();
        },
      });
    } finally {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
      if (log.trim()) await testInfo.attach('server-stderr', { body: log, contentType: 'text/plain' });
      await rm(corpusDir, { recursive: true, force: true });
      await rm(`${corpusDir}-data`, { recursive: true, force: true });
    }
  },
});

function waitForUrl(server: ChildProcess, log: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 20 s:\n${out}\n${log()}`)), 20_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code} before printing its URL:\n${out}\n${log()}`));
    });
  });
}

export { expect };

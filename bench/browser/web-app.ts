import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../machine';

/** A browser-mode server started for one benchmark run (as e2e/web-fixtures.ts starts one per test). */
export interface WebApp {
  /** URL with the launch token, to open. */
  openUrl: string;
  stop(): Promise<void>;
}

/**
 * `web-cli.ts` on a free port: a new origin, so the browser starts from an
 * empty IndexedDB. Serves the renderer built by `electron-vite build`.
 */
export async function startWebApp(corpusDir: string, dataDir: string): Promise<WebApp> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/web/web-cli.ts', '--corpus', corpusDir, '--port', '0', '--data-dir', dataDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  try {
    const openUrl = await waitForUrl(server, () => log);
    return {
      openUrl,
      stop: async () => {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    server.kill('SIGTERM');
    await exited;
    throw error;
  }
}

function waitForUrl(server: ChildProcess, log: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start in 30 s:\n${out}\n${log()}`)), 30_000);
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

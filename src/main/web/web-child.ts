import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

/** Browser mode running as a child process, for the e2e tests and the benchmark. */
export interface BrowserModeChild {
  /** The URL with the launch token, as `npm run web` prints it. */
  openUrl: string;
  /** What the server wrote to stderr so far. */
  log(): string;
  /** Resolves with the exit code when the process has ended. */
  exited: Promise<number | null>;
  /** Sends the signal (unless it has ended) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `src/main/web/web-cli.ts` on a free port (so a new origin, hence an
 * empty IndexedDB) over the built renderer, and resolves once it has printed
 * its URL.
 */
export async function spawnBrowserMode(options: {
  corpusDir: string;
  dataDir: string;
  timeoutMs?: number;
  /** Added to the server's environment (the e2e tests' extraction time limit and stall marker). */
  env?: Record<string, string>;
  /** Node's own options for the server, before the script (the benchmark's `--cpu-prof`). */
  nodeArgs?: readonly string[];
}): Promise<BrowserModeChild> {
  const server = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      'src/main/web/web-cli.ts',
      '--corpus',
      options.corpusDir,
      '--port',
      '0',
      '--data-dir',
      options.dataDir,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let log = '';
  server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (server.exitCode === null && server.signalCode === null) server.kill(signal);
    return exited;
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    const openUrl = await new Promise<string>((resolveUrl, reject) => {
      let out = '';
      const fail = (why: string): void => reject(new Error(`browser mode ${why}:\n${out}\n${log}`));
      const timer = setTimeout(() => fail(`did not print its URL in ${timeoutMs / 1000} s`), timeoutMs);
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]!);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        fail(`exited with ${code} before printing its URL`);
      });
    });
    return { openUrl, log: () => log, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

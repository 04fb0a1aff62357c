import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { apiHandlers } from '../api-dispatch';
import { hostBackups } from '../host-backups';
import { createQuitCoordinator } from '../quit-backup';
import { openCorpus } from '../services/corpus-service';
import type { CorpusEvent } from '../../shared/corpus/corpus-types';
import { startWebServer } from './web-server';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * `npm run web [-- --corpus <dir> --port <n>]`.
 * The port is part of the page's origin, and IndexedDB belongs to an origin:
 * the default port is fixed so an analyst's annotations are there tomorrow.
 */
export const DEFAULT_WEB_PORT = 4177;
const repoRoot = resolve(__dirname, '../../..');
const SAMPLE_CORPUS = resolve(repoRoot, 'resources/sample-corpus');
/** Backups of browser mode; the desktop app keeps its own under its user data folder. */
const DEFAULT_DATA_DIR = join(homedir(), '.tanda');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run web -- [--corpus <dir>] [--port <n>]\n' +
        `  --corpus  folder of .txt/.md articles (default: the built-in sample corpus)\n` +
        `  --port    port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)\n` +
        `  --data-dir  where backups are written (default ${DEFAULT_DATA_DIR})\n`,
    );
    return;
  }
  const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const corpusDir = resolve(values.corpus ?? SAMPLE_CORPUS);
  const dataDir = resolve(values['data-dir'] ?? DEFAULT_DATA_DIR);
  const service = await openCorpus(corpusDir, { watch: true, cacheDir: join(dataDir, 'extraction-cache') });

  const listeners = new Set<(event: CorpusEvent) => void>();
  const emit = (event: CorpusEvent): void => listeners.forEach((listener) => listener(event));
  const quit = createQuitCoordinator(emit);
  const backups = hostBackups(join(dataDir, 'backups'), quit);
  const server = await startWebServer({
    handlers: apiHandlers({ corpus: () => service, backups: () => backups }),
    subscribe: (listener) => {
      listeners.add(listener);
      const stop = service.onEvent(listener);
      return () => {
        stop();
        listeners.delete(listener);
      };
    },
    rendererDir: resolve(repoRoot, 'out/renderer'),
    port,
  });
  if (server.port !== DEFAULT_WEB_PORT) {
    process.stderr.write(
      `note: port ${server.port} is not the default ${DEFAULT_WEB_PORT}. The browser keeps annotations per ` +
        `origin (scheme, host and port), so this address has its own, separate database.\n`,
    );
  }
  process.stdout.write(`Tanda (browser mode, corpus ${corpusDir}) is at ${server.openUrl}\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping Tanda browser mode\n`);
    // An open tab gets a moment to write its quit backup first.
    const backedUp = server.connections() > 0 ? quit.beforeQuit() : Promise.resolve('no tab open');
    void backedUp
      .then(() => Promise.all([server.close(), service.close()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`tanda web: ${errorMessage(error)}\n`);
  process.exit(1);
});

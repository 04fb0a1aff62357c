import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusApiHandlers } from '../api-dispatch';
import { openCorpus } from '../services/corpus-service';
import { startWebServer } from './web-server';

/**
 * `npm run web [-- --corpus <dir> --port <n>]`.
 * The port is part of the page's origin, and IndexedDB belongs to an origin:
 * the default port is fixed so an analyst's annotations are there tomorrow.
 */
export const DEFAULT_WEB_PORT = 4177;
const repoRoot = resolve(__dirname, '../../..');
const SAMPLE_CORPUS = resolve(repoRoot, 'resources/sample-corpus');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run web -- [--corpus <dir>] [--port <n>]\n' +
        `  --corpus  folder of .txt/.md articles (default: the built-in sample corpus)\n` +
        `  --port    port on 127.0.0.1 (default ${DEFAULT_WEB_PORT}; 0 picks a free one)\n`,
    );
    return;
  }
  const port = values.port === undefined ? DEFAULT_WEB_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const corpusDir = resolve(values.corpus ?? SAMPLE_CORPUS);
  const service = await openCorpus(corpusDir, { watch: true });

  const server = await startWebServer({
    handlers: corpusApiHandlers(() => service),
    subscribe: (listener) => service.onEvent(listener),
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
    void Promise.all([server.close(), service.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`tanda web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

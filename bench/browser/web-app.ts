import { spawnBrowserMode } from '../../src/main/web/web-child';

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
  const server = await spawnBrowserMode({ corpusDir, dataDir });
  return {
    openUrl: server.openUrl,
    stop: async () => {
      await server.stop();
    },
  };
}

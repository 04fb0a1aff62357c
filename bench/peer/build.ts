import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

/** The peer page built by vite into `outDir`, with its data next to it, served on 127.0.0.1. */
export interface PeerSite {
  url: string;
  close(): Promise<void>;
}

export interface PeerData {
  /** The article's lines: one <p> each. */
  lines: string[];
  /** UTF-16 offsets into the text of all lines concatenated (what the peer counts in). */
  annotations: { id: string; tag: string; quote: string; start: number; end: number }[];
}

/**
 * Bundles a peer's index.html (bench/peer/, or `root`: bench/naive/) with
 * vite's build API (no config file: nothing of the app's build is involved).
 */
export async function buildPeerPage(outDir: string, root = resolve(__dirname)): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, minify: true, reportCompressedSize: false },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

export async function servePeer(outDir: string, data: PeerData): Promise<PeerSite> {
  await mkdir(join(outDir, 'data'), { recursive: true });
  await writeFile(join(outDir, 'data', 'peer.json'), JSON.stringify(data));
  const root = resolve(outDir);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    stat(file)
      .then((info) => {
        if (!info.isFile()) throw new Error('not a file');
        response.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        createReadStream(file).pipe(response);
      })
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

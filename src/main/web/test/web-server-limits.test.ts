import { connect, type Socket } from 'node:net';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import type { CorpusServiceApi } from '../../services/corpus-service-api';
import type { CorpusSnapshot } from '../../../shared/corpus/corpus-types';
import { startWebServer, type RunningWebServer } from '../web-server';

const snapshot: CorpusSnapshot = { root: '/corpus', name: 'corpus', scanning: false, documents: [] };
const service = {
  root: '/corpus',
  snapshot: () => snapshot,
  ready: async () => snapshot,
  reload: async () => snapshot,
  readDocument: async () => {
    throw new Error('not used');
  },
  onEvent: () => () => {},
  close: async () => {},
} as unknown as CorpusServiceApi;
let written = 0;
const backups: BackupStoreApi = {
  dir: '/backups',
  write: async (json, reason) => {
    written += 1;
    return { name: 'b.json', createdAt: '2026-01-01T00:00:00.000Z', bytes: json.length, reason };
  },
  list: async () => [],
  read: async () => '{}',
};

/** A raw socket: the tests send exactly the bytes a slow or hostile client would. */
function open(server: RunningWebServer): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Everything the server sends until it closes the socket, and how long that took. */
function untilClosed(socket: Socket): Promise<{ text: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString()));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
  });
}

function firstResponse(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString();
      if (text.includes('\r\n\r\n')) resolve(text);
    });
  });
}

describe('browser-mode server limits', () => {
  let dir: string;
  let server: RunningWebServer;
  const head = (path: string, extra: string): string =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\n` +
    `Content-Type: application/json\r\n${extra}\r\n`;

  beforeEach(async () => {
    written = 0;
    dir = await mkdtemp(join(tmpdir(), 'tanda-limits-'));
    await mkdir(join(dir, 'renderer'), { recursive: true });
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html><title>Tanda</title>');
    server = await startWebServer({
      handlers: apiHandlers({ corpus: () => service, backups: () => backups }),
      subscribe: () => () => {},
      rendererDir: join(dir, 'renderer'),
      port: 0,
      maxBodyBytes: 1024,
      maxLargeBodyBytes: 64 * 1024,
      maxEventStreams: 2,
      headersTimeoutMs: 300,
      idleTimeoutMs: 1_500,
    });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a declared 10 GB body at once, before reading any of it', async () => {
    const socket = await open(server);
    const closed = untilClosed(socket);
    socket.write(head('/api/writeBackup', 'Content-Length: 10000000000\r\n'));
    const { text, ms } = await closed;
    expect(text).toMatch(/^HTTP\/1.1 413/);
    expect(text).toContain('request body is over 65536 bytes');
    expect(ms).toBeLessThan(1_000);
    expect(written).toBe(0);
  });

  it('counts a streamed body and cuts it off past the limit of its route', async () => {
    const socket = await open(server);
    const closed = untilClosed(socket);
    socket.write(head('/api/getCorpus', 'Transfer-Encoding: chunked\r\n'));
    const chunk = 'x'.repeat(600);
    for (let i = 0; i < 4; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const { text } = await closed; // never sent the last chunk: the server must not wait for it
    expect(text).toMatch(/^HTTP\/1.1 413/);
    expect(text).toContain('/api/getCorpus: request body is over 1024 bytes');
  });

  it('cuts off a client that does not finish its headers', async () => {
    const socket = await open(server);
    const closed = untilClosed(socket);
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    const { ms } = await closed;
    expect(ms).toBeLessThan(3_000);
  });

  it('closes a connection left idle', async () => {
    const socket = await open(server);
    const { ms } = await untilClosed(socket);
    expect(ms).toBeLessThan(4_000);
  });

  it('caps the open event streams, and frees a place when one closes', async () => {
    const get = `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer TOKEN\r\n\r\n`;
    const request = (): string => get.replace('PORT', String(server.port)).replace('TOKEN', server.token);
    const tabs = await Promise.all([open(server), open(server)]);
    const answers = tabs.map(firstResponse);
    for (const tab of tabs) tab.write(request());
    for (const answer of await Promise.all(answers)) expect(answer).toMatch(/^HTTP\/1.1 200/);

    const third = await open(server);
    const refused = firstResponse(third);
    third.write(request());
    expect(await refused).toMatch(/^HTTP\/1.1 503/);
    third.destroy();

    tabs[0]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await open(server);
    const accepted = firstResponse(again);
    again.write(request());
    expect(await accepted).toMatch(/^HTTP\/1.1 200/);
    again.destroy();
    tabs[1]!.destroy();
  });
});

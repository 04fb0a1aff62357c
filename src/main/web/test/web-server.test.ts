import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiHandlers, type BackupStoreApi } from '../../api-dispatch';
import { CorpusError, type CorpusServiceApi } from '../../services/corpus-service-api';
import type { CorpusEvent, CorpusSnapshot, DocumentText } from '../../../shared/corpus/corpus-types';
import { startWebServer, type RunningWebServer } from '../web-server';

const snapshot: CorpusSnapshot = { root: '/corpus', name: 'corpus', scanning: false, documents: [] };
const doc: DocumentText = {
  meta: { path: 'a.txt', title: 'A', sha256: 'a'.repeat(64), chars: 1, encoding: 'utf-8', status: 'ok' },
  text: 'A',
};

function fakeService(listeners: Set<(e: CorpusEvent) => void>): CorpusServiceApi {
  return {
    root: '/corpus',
    snapshot: () => snapshot,
    ready: async () => snapshot,
    reload: async () => snapshot,
    readDocument: async (path) => {
      if (path === 'a.txt') return doc;
      throw new CorpusError('not-found', `no document "${path}"`);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
  };
}

/** Raw HTTP, so the test controls the Host header exactly as a hostile page could. */
function send(
  server: RunningWebServer,
  options: { method?: string; path: string; host?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const backups: BackupStoreApi = {
  dir: '/backups',
  write: async (json, reason) => ({
    name: 'b.json',
    createdAt: '2026-01-01T00:00:00.000Z',
    bytes: json.length,
    reason,
  }),
  list: async () => [],
  read: async () => '{}',
};

describe('browser-mode server', () => {
  let dir: string;
  let server: RunningWebServer;
  const listeners = new Set<(e: CorpusEvent) => void>();
  const auth = (): Record<string, string> => ({
    Authorization: `Bearer ${server.token}`,
    'Content-Type': 'application/json',
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tanda-web-'));
    await mkdir(join(dir, 'renderer/assets'), { recursive: true });
    await writeFile(join(dir, 'renderer/index.html'), '<!doctype html><title>Tanda</title>');
    await writeFile(join(dir, 'renderer/assets/app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'not for the web');
    const service = fakeService(listeners);
    server = await startWebServer({
      handlers: apiHandlers({ corpus: () => service, backups: () => backups }),
      subscribe: (l) => service.onEvent(l),
      rendererDir: join(dir, 'renderer'),
      port: 0,
    });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds the loopback address and prints a URL with the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.openUrl).toBe(`${server.url}#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a content security policy', async () => {
    const res = await send(server, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Tanda</title>');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect((await send(server, { path: '/assets/app.js' })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await send(server, { path });
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('not for the web');
    }
  });

  it('rejects a Host that is not the bound loopback address (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `localhost:${server.port}`, '127.0.0.1']) {
      const res = await send(server, { path: '/', host });
      expect(res.status).toBe(421);
    }
    const api = await send(server, {
      method: 'POST',
      path: '/api/getCorpus',
      host: `attacker.test:${server.port}`,
      headers: auth(),
      body: '{}',
    });
    expect(api.status).toBe(421);
  });

  it('requires the per-launch token on every API call', async () => {
    const none = await send(server, {
      method: 'POST',
      path: '/api/getCorpus',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    const wrong = await send(server, {
      method: 'POST',
      path: '/api/getCorpus',
      headers: { Authorization: 'Bearer nope', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const events = await send(server, { path: '/api/events' });
    expect(events.status).toBe(401);
    const ok = await send(server, { method: 'POST', path: '/api/getCorpus', headers: auth(), body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: snapshot });
  });

  it('refuses cross-origin API requests even with the token', async () => {
    const res = await send(server, {
      method: 'POST',
      path: '/api/getCorpus',
      headers: { ...auth(), Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('answers bad payloads with a clear error naming the field', async () => {
    const cases: Array<[string, string, number, RegExp]> = [
      ['readDocument', '{"path": 42}', 400, /readDocument: path: /],
      ['readDocument', '{"path": "a.txt", "extra": 1}', 400, /extra/],
      ['readDocument', '{not json', 400, /not valid JSON/],
      ['readDocument', '{"path": "missing.txt"}', 404, /no document "missing.txt"/],
      ['readDocuments', '{"paths": []}', 400, /readDocuments: paths: ask for at least one path/],
      ['readDocuments', '{"paths": "a.txt"}', 400, /readDocuments: paths: /],
      ['readDocuments', '{"paths": ["a.txt", ""]}', 400, /readDocuments: paths\.1: document path is empty/],
      [
        'readDocuments',
        JSON.stringify({ paths: Array(201).fill('a.txt') }),
        400,
        /readDocuments: paths: at most 200 paths per call/,
      ],
      ['deleteEverything', '{}', 404, /unknown API call "deleteEverything"/],
    ];
    for (const [call, body, status, message] of cases) {
      const res = await send(server, { method: 'POST', path: `/api/${call}`, headers: auth(), body });
      expect(res.status, `${call} ${body}`).toBe(status);
      const parsed = JSON.parse(res.body) as { ok: boolean; error: { message: string } };
      expect(parsed.ok).toBe(false);
      expect(parsed.error.message).toMatch(message);
    }
    const big = await send(server, {
      method: 'POST',
      path: '/api/readDocument',
      headers: auth(),
      body: JSON.stringify({ path: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    const form = await send(server, {
      method: 'POST',
      path: '/api/getCorpus',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('accepts large backup bodies but keeps the small limit elsewhere', async () => {
    const json = JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) });
    const res = await send(server, {
      method: 'POST',
      path: '/api/writeBackup',
      headers: auth(),
      body: JSON.stringify({ json, reason: 'auto', keep: 5 }),
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).value.bytes).toBe(json.length);
    const save = await send(server, {
      method: 'POST',
      path: '/api/saveFile',
      headers: auth(),
      body: JSON.stringify({ suggestedName: 'a.csv', content: 'x', kind: 'csv' }),
    });
    expect(JSON.parse(save.body).error.code).toBe('unsupported');
  });

  it('returns a document through the shared dispatcher', async () => {
    const res = await send(server, {
      method: 'POST',
      path: '/api/readDocument',
      headers: auth(),
      body: '{"path":"a.txt"}',
    });
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: doc });
  });

  it('returns several documents in one call, each missing one with its own error', async () => {
    const res = await send(server, {
      method: 'POST',
      path: '/api/readDocuments',
      headers: auth(),
      body: '{"paths":["a.txt","missing.txt","a.txt"]}',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      value: {
        documents: [
          { ok: true, document: doc },
          {
            ok: false,
            path: 'missing.txt',
            error: { code: 'not-found', message: 'no document "missing.txt"' },
          },
          { ok: true, document: doc },
        ],
      },
    });
  });

  it('streams corpus events to an authorized client', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: auth() },
        (res) => {
          expect(res.statusCode).toBe(200);
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
            if (body.includes('data: ')) {
              req.destroy();
              resolve(body);
            }
          });
          // Once connected, push one event through the fake service.
          setTimeout(() => listeners.forEach((l) => l({ type: 'document-removed', path: 'a.txt' })), 20);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('data: {"type":"document-removed","path":"a.txt"}');
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dispatchApiCall, type ApiHandlers } from '../api-dispatch';
import { isApiCall, LARGE_PAYLOAD_CALLS } from '../../shared/api/api-contract';
import type { CorpusEvent } from '../../shared/corpus/corpus-types';
import { contentTypeFor } from '../app-protocol';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { errorMessage } from '../../shared/validation/error-message';

/**
 * Browser mode: the built renderer and the corpus API over HTTP on the
 * loopback address only. Every API request needs the per-launch token
 * (sent as a bearer header, never in a URL the server sees), and every
 * request must name the exact host:port we bound, which defeats DNS
 * rebinding (a hostile page's hostname resolving to 127.0.0.1).
 */
export interface WebServerOptions {
  handlers: ApiHandlers;
  /** Subscribes to corpus events; returns an unsubscribe function. */
  subscribe: (listener: (event: CorpusEvent) => void) => () => void;
  rendererDir: string;
  port: number;
  token?: string;
  /** Largest accepted API request body, in bytes (calls that carry a whole corpus's work: `maxLargeBodyBytes`). */
  maxBodyBytes?: number;
  maxLargeBodyBytes?: number;
  /** Event streams open at once (one per tab); more are refused with 503. */
  maxEventStreams?: number;
  /** A client must send its request headers within this, and stay no longer idle than `idleTimeoutMs`. */
  headersTimeoutMs?: number;
  idleTimeoutMs?: number;
}

export interface RunningWebServer {
  url: string;
  /** The URL to open: the token travels in the fragment, which browsers never send. */
  openUrl: string;
  port: number;
  token: string;
  /** Open event streams, i.e. browser tabs showing the app. */
  connections(): number;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';
const DEFAULT_MAX_BODY = 1024 * 1024;
/** Backups and exports of a whole corpus's annotations (100,000 annotations are about 60 MB of bundle). */
const LARGE_BODY = 256 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** One stream per tab since the client shares one between its listeners: 8 tabs is generous. */
const MAX_EVENT_STREAMS = 8;
const HEADERS_TIMEOUT_MS = 10_000;
/** Longer than the heartbeat, so an open event stream is never idle this long. */
const IDLE_TIMEOUT_MS = 60_000;

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const rendererRoot = await realpath(options.rendererDir).catch(() => {
    throw new Error(
      `the built renderer is missing at ${options.rendererDir}: run "npm run build" (npm run web does it for you)`,
    );
  });
  const streams = new Set<ServerResponse>();
  let expectedHost = '';

  // Header timeouts are checked on this interval (Node's default, 30 s, would let a slow client wait that long).
  const server: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = errorMessage(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);
    if (req.headers.host !== expectedHost) {
      sendText(res, 421, `Host "${req.headers.host ?? ''}" is not served here; use ${expectedHost}`);
      return;
    }
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, `${req.method} is not allowed on ${url.pathname}`);
      return;
    }
    await serveStatic(res, url.pathname, req.method === 'HEAD');
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${expectedHost}`) {
      sendJson(res, 403, apiError('forbidden-origin', `requests from origin ${origin} are refused`));
      return;
    }
    if (!hasToken(req.headers.authorization)) {
      sendJson(
        res,
        401,
        apiError('unauthorized', 'missing or wrong token: open the URL that "npm run web" printed'),
      );
      return;
    }
    const call = url.pathname.slice('/api/'.length);
    if (call === 'events') {
      if (req.method !== 'GET') {
        sendJson(res, 405, apiError('method-not-allowed', 'use GET for /api/events'));
        return;
      }
      const cap = options.maxEventStreams ?? MAX_EVENT_STREAMS;
      if (streams.size >= cap) {
        sendJson(
          res,
          503,
          apiError('too-many-streams', `${cap} event streams are open already: close a Tanda tab and reload`),
        );
        return;
      }
      openEventStream(req, res);
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, apiError('method-not-allowed', `use POST for /api/${call}`));
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      sendJson(res, 415, apiError('unsupported-media-type', 'API requests must be application/json'));
      return;
    }
    const limit =
      isApiCall(call) && LARGE_PAYLOAD_CALLS.has(call)
        ? (options.maxLargeBodyBytes ?? LARGE_BODY)
        : (options.maxBodyBytes ?? DEFAULT_MAX_BODY);
    // Refused before a byte of the body is read when the client says its size; counted as it streams otherwise.
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > limit ? 'too-large' : await readBody(req, limit);
    if (body === 'too-large') {
      res.setHeader('Connection', 'close');
      sendJson(res, 413, apiError('too-large', `/api/${call}: request body is over ${limit} bytes`));
      // Stop reading: the rest of an oversized body is never buffered or waited for.
      res.on('finish', () => req.destroy());
      return;
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const detail = errorMessage(error);
      sendJson(
        res,
        400,
        apiError('invalid-json', `/api/${call}: request body is not valid JSON (${detail})`),
      );
      return;
    }
    const result = await dispatchApiCall(options.handlers, call, payload);
    sendJson(res, result.ok ? 200 : statusFor(result.error.code), result);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  async function serveStatic(res: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      sendText(res, 400, 'malformed URL');
      return;
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) {
      sendText(res, 400, 'invalid path');
      return;
    }
    const file = join(rendererRoot, relative);
    let real: string;
    try {
      real = await realpath(file);
      if (!real.startsWith(rendererRoot + sep) || !(await stat(real)).isFile()) throw new Error('outside');
    } catch {
      sendText(res, 404, `not found: ${pathname}`);
      return;
    }
    const content = await readFile(real);
    const isHtml = extname(real) === '.html';
    res.writeHead(200, {
      'Content-Type': contentTypeFor(real),
      'Content-Length': content.length,
      // Hashed asset names are immutable; the HTML must always be fresh.
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(headOnly ? undefined : content);
  }

  function hasToken(authorization: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return false;
    const given = Buffer.from(match[1] as string);
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  }

  // Slow clients are cut off: headers within 10 s, whole requests within 2 min, no socket idle for a minute.
  server.headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = 120_000;
  server.setTimeout(options.idleTimeoutMs ?? IDLE_TIMEOUT_MS, (socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} on ${LOOPBACK} is already in use: choose another with --port <n>`)
          : error,
      );
    });
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  expectedHost = `${LOOPBACK}:${port}`;
  const url = `http://${expectedHost}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    connections: () => streams.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
}

function statusFor(code: string): number {
  switch (code) {
    case 'invalid-request':
    case 'invalid-path':
    case 'invalid-name':
    case 'invalid-bundle':
      return 400;
    case 'unsupported':
      return 501;
    case 'unknown-call':
    case 'not-found':
      return 404;
    case 'not-readable':
      return 422;
    default:
      return 500;
  }
}

function apiError(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': data.length,
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Answer at once; the caller closes the connection once the answer is out.
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      resolve('too-large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

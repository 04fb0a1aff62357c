import { extname, resolve, sep } from 'node:path';

/**
 * The renderer's home in Electron: `app://tanda/`. Plain Node (no Electron
 * import) so the URL and path rules can be tested on their own.
 *
 * The origin must never change. IndexedDB (where every annotation lives)
 * belongs to an origin; serving the renderer from another scheme or host,
 * even once, would show the analyst an empty database.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'tanda';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True for `app://tanda/…` (string prefix: Node's URL does not know `app:` is a standard scheme). */
function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * May a page at `url` talk to main (IPC) or be navigated to? Only the
 * packaged renderer, or in development the electron-vite dev server's origin.
 */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  if (isAppUrl(url)) return true;
  if (!devServerUrl) return false;
  try {
    return new URL(url).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

export type RendererFileLookup =
  { ok: true; file: string } | { ok: false; status: 400 | 404; reason: string };

/**
 * Maps an `app://tanda/<path>` request to a file inside `rendererRoot`
 * (an absolute, resolved path). Refuses other hosts, `..`, backslashes,
 * NUL and anything that resolves outside the folder. The caller must still
 * check the real path (symlinks) before reading.
 */
export function resolveRendererFile(rendererRoot: string, requestUrl: string): RendererFileLookup {
  if (!isAppUrl(requestUrl)) return { ok: false, status: 404, reason: `not an ${APP_ORIGIN}/ URL` };
  const rawPath = requestUrl.slice(APP_ORIGIN.length).replace(/[?#].*$/s, '');
  let relative: string;
  try {
    relative = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL encoding' };
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) {
    return { ok: false, status: 400, reason: 'invalid path' };
  }
  const file = resolve(rendererRoot, `.${relative}`);
  if (!isInside(rendererRoot, file))
    return { ok: false, status: 400, reason: 'path escapes the renderer folder' };
  return { ok: true, file };
}

export function isInside(root: string, file: string): boolean {
  return file.startsWith(root.endsWith(sep) ? root : root + sep);
}

import type { ApiError, ApiResult } from '../../../shared/api/api-channels';
import type { ApiTransport } from './api-client';
import { i18n } from '../i18n/i18n';
import { sharedSubscription } from './shared-subscription';

const TOKEN_KEY = 'tanda.token';

/**
 * Browser mode's side of the contract: the same calls as Electron's preload,
 * over HTTP to the loopback server. The token arrives in the URL fragment
 * (never sent to any server, never in logs); it is kept for this tab only
 * and removed from the address bar.
 */
export function readLaunchToken(location: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    storage.setItem(TOKEN_KEY, match[1] as string);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(TOKEN_KEY);
}

/**
 * A server restart makes a new token; pasting its URL into the same tab
 * changes only the fragment, which reloads nothing. So a new token in the
 * fragment is kept and the page reloads onto it. Returns the unsubscribe.
 */
export function reloadOnNewToken(
  window: Pick<
    Window,
    'addEventListener' | 'removeEventListener' | 'location' | 'sessionStorage' | 'history'
  >,
): () => void {
  const onHashChange = (): void => {
    const before = window.sessionStorage.getItem(TOKEN_KEY);
    const after = readLaunchToken(window.location, window.sessionStorage, window.history);
    if (after !== null && after !== before) window.location.reload();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => window.removeEventListener('hashchange', onHashChange);
}

/** Browser mode: POST /api/<call> and a server-sent event stream, both with the token. */
export function webTransport(token: string | null): ApiTransport {
  return {
    mode: 'web',
    async call(name, request) {
      if (!token) return { ok: false, error: missingToken() };
      let response: Response;
      try {
        response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(request),
        });
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'offline',
            message: i18n.t('app:transport.offline', { reason: String(error) }),
          },
        };
      }
      const body = (await response.json().catch(() => null)) as ApiResult | null;
      return (
        body ?? {
          ok: false,
          error: {
            code: 'bad-response',
            message: i18n.t('app:transport.badResponse', { name, status: response.status }),
          },
        }
      );
    },
    subscribe: sharedEvents(token),
  };
}

/**
 * One event stream per tab, whoever listens. Each listener opening its own
 * (the app, auto-backup and the corpus library did) used 3 of the 6
 * connections a browser allows per host, so a second tab stalled every
 * request and a third could not load. Opened for the first listener, closed
 * after the last.
 */
export function sharedEvents(
  token: string | null,
  open: typeof subscribeToEvents = subscribeToEvents,
): (listener: (event: unknown) => void) => () => void {
  return sharedSubscription((deliver) => open(token, deliver));
}

function missingToken(): ApiError {
  return {
    code: 'unauthorized',
    message: i18n.t('app:transport.unauthorized'),
  };
}

/** An event this long (a corpus's listing) is handed on in a task after the one that read it. */
const LARGE_EVENT_CHARS = 100_000;

/** Server-sent events read through fetch, so the token can travel in a header. */
function subscribeToEvents(token: string | null, listener: (event: unknown) => void): () => void {
  const controller = new AbortController();
  let retryMs = 500;
  async function connect(): Promise<void> {
    while (!controller.signal.aborted && token) {
      try {
        const response = await fetch('/api/events', {
          headers: { Authorization: `Bearer ${token}` },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
        retryMs = 500;
        await readEventStream(response.body, listener);
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  }
  void connect();
  return () => controller.abort();
}

/** The host's server-sent events from `body`, each parsed and handed to `listener`, in order, until it ends. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  listener: (event: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // Only the new text can end an event: a 10,000-document listing arrives in many reads.
    const searchFrom = Math.max(0, buffer.length - 1);
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n', searchFrom);
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (!data) continue;
      let event: unknown;
      try {
        event = JSON.parse(data);
      } catch (error) {
        console.warn('tanda: ignoring an unreadable corpus event', error);
        continue;
      }
      // A whole corpus's listing: read in one task, handed on in the next (together they were
      // one of the page's long tasks). Events keep their order: the next waits for this one.
      if (data.length > LARGE_EVENT_CHARS) await new Promise((resolve) => setTimeout(resolve, 0));
      try {
        listener(event);
      } catch (error) {
        console.warn('tanda: a corpus event could not be handled', error);
      }
    }
  }
}

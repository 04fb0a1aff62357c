import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { apiCallNames, CORPUS_EVENT_CHANNEL, ipcChannel, type ApiCall } from '../shared/api/api-contract';
import type { CorpusEvent, CorpusSnapshot } from '../shared/corpus/corpus-types';
import { apiHandlers, dispatchApiCall, type ApiResult, type HostServices } from './api-dispatch';
import { isTrustedRendererUrl } from './app-protocol';
import type { CorpusServiceApi } from './services/corpus-service-api';
import { errorMessage } from '../shared/validation/error-message';

/**
 * Electron's side of the contract: one `ipcMain.handle` per call in
 * `apiCalls`, each checking who is asking before the shared dispatcher
 * validates the payload and runs the call. Only type imports from
 * Electron: everything here runs (and is tested) in plain Node.
 */

/**
 * Which corpus is open. Switching opens the new folder first and only then
 * closes the old one, so a folder that fails to open leaves the analyst
 * where they were. Switches run one at a time.
 */
export class CorpusHost {
  // TypeScript `private`, not `#private`: Electronegativity's parser (used
  // by `npm run lint:security` on the bundle) cannot read class private fields.
  private current_: CorpusServiceApi | null = null;
  private stopForwarding_: (() => void) | null = null;
  private pending_: Promise<unknown> = Promise.resolve();
  private lastError_: string | null = null;

  constructor(
    private readonly open: (root: string) => Promise<CorpusServiceApi>,
    private readonly emit: (event: CorpusEvent) => void,
  ) {}

  /** The open corpus once any switch under way has finished; null if none could be opened. */
  async settled(): Promise<CorpusServiceApi | null> {
    await this.pending_.catch(() => undefined);
    return this.current_;
  }

  /** The open corpus right now (null before the first open succeeds). */
  get current(): CorpusServiceApi | null {
    return this.current_;
  }

  /** Why there is no corpus, for a person. */
  get unavailableReason(): string {
    return this.lastError_ ? `no corpus is open (${this.lastError_})` : 'no corpus is open';
  }

  switchTo(root: string): Promise<CorpusSnapshot> {
    const run = this.pending_
      .catch(() => undefined)
      .then(async () => {
        let next: CorpusServiceApi;
        try {
          next = await this.open(root);
        } catch (error) {
          this.lastError_ = errorMessage(error);
          throw error;
        }
        const previous = this.current_;
        this.stopForwarding_?.();
        this.current_ = next;
        this.lastError_ = null;
        this.stopForwarding_ = next.onEvent((event) => this.emit(event));
        if (previous) await previous.close().catch(() => undefined);
        const snapshot = next.snapshot();
        this.emit({ type: 'corpus-opened', snapshot });
        return snapshot;
      });
    this.pending_ = run;
    return run;
  }

  /** Rescans the open corpus (the menu's Reload Corpus) and tells the renderer. */
  async reload(): Promise<CorpusSnapshot> {
    const service = await this.settled();
    if (!service) throw new Error(this.unavailableReason);
    const snapshot = await service.reload();
    this.emit({ type: 'corpus-opened', snapshot });
    return snapshot;
  }

  async close(): Promise<void> {
    const service = await this.settled();
    this.stopForwarding_?.();
    this.stopForwarding_ = null;
    this.current_ = null;
    await service?.close();
  }
}

/** The only window whose main frame may call the API. */
export interface TrustedWindow {
  readonly webContents: Pick<WebContents, 'id' | 'mainFrame' | 'isDestroyed'>;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * The sender must be our window's main frame (not an iframe, not another
 * window) showing our renderer (app://tanda/ or the dev server).
 */
function checkSender(
  event: SenderEvent,
  window: TrustedWindow | null,
  devServerUrl?: string,
): { ok: true } | { ok: false; reason: string } {
  const frame = event.senderFrame;
  if (!window || window.webContents.isDestroyed()) return { ok: false, reason: 'the app window is gone' };
  if (!frame) return { ok: false, reason: 'the sending frame is gone' };
  const main = window.webContents.mainFrame;
  if (
    event.sender.id !== window.webContents.id ||
    frame.processId !== main.processId ||
    frame.routingId !== main.routingId
  ) {
    return { ok: false, reason: 'only the main frame of the Tanda window may call the API' };
  }
  if (!isTrustedRendererUrl(frame.url, devServerUrl)) {
    return { ok: false, reason: `pages at ${JSON.stringify(frame.url)} may not call the API` };
  }
  return { ok: true };
}

export interface IpcContext {
  host: CorpusHost;
  /** Everything but the corpus, which comes from `host`. */
  services: Omit<HostServices, 'corpus'>;
  getWindow: () => TrustedWindow | null;
  /** electron-vite's dev server URL, only when not packaged. */
  devServerUrl?: string;
}

/**
 * One IPC request, end to end, minus Electron: sender check, wait for the
 * corpus, then the shared validate-call-wrap dispatcher.
 */
export async function handleIpcCall(
  context: IpcContext,
  call: ApiCall,
  event: SenderEvent,
  payload: unknown,
): Promise<ApiResult> {
  let sender: ReturnType<typeof checkSender>;
  try {
    sender = checkSender(event, context.getWindow(), context.devServerUrl);
  } catch (error) {
    // A frame that navigated or was disposed mid-call throws on access.
    sender = { ok: false, reason: `the sending frame could not be checked (${String(error)})` };
  }
  if (!sender.ok)
    return { ok: false, error: { code: 'forbidden-sender', message: `${call}: ${sender.reason}` } };
  const service = await context.host.settled();
  if (!service)
    return { ok: false, error: { code: 'no-corpus', message: `${call}: ${context.host.unavailableReason}` } };
  return dispatchApiCall(apiHandlers({ ...context.services, corpus: () => service }), call, payload);
}

/** Registers one handler per API call; returns a function that removes them. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  context: IpcContext,
): () => void {
  for (const call of apiCallNames) {
    ipcMain.handle(ipcChannel(call), (event, payload: unknown) =>
      handleIpcCall(context, call, event, payload),
    );
  }
  return () => {
    for (const call of apiCallNames) ipcMain.removeHandler(ipcChannel(call));
  };
}

/** Sends corpus events to the window, if it is still there. */
export function corpusEventForwarder(
  getWindow: () => { webContents: Pick<WebContents, 'isDestroyed' | 'send'> } | null,
) {
  return (event: CorpusEvent): void => {
    const window = getWindow();
    if (window && !window.webContents.isDestroyed()) window.webContents.send(CORPUS_EVENT_CHANNEL, event);
  };
}

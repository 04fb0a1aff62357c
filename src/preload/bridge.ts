import {
  API_CALL_NAMES,
  CORPUS_EVENT_CHANNEL,
  ipcChannel,
  type ApiCallName,
  type ApiResult,
  type TandaBridge,
} from '../shared/api/api-channels';
import type { CorpusEvent } from '../shared/corpus/corpus-types';

/** The part of `ipcRenderer` the bridge uses (plain, so the bridge is testable without Electron). */
export interface BridgeIpc {
  invoke(channel: string, request: unknown): Promise<ApiResult>;
  on(channel: string, listener: (event: unknown, payload: CorpusEvent) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: CorpusEvent) => void): unknown;
}

/**
 * The renderer's only way into main: one function per call of the
 * contract, each bound to its own channel, never a generic send/invoke/on.
 * Built from the zod-free name list (api-channels.ts), so the sandboxed
 * preload stays a few kilobytes and a new call needs no edit here. Main
 * checks the sender and validates every payload; the renderer's api-client
 * unwraps and validates what comes back. Results are passed through as
 * `{ok, value | error}` because an Error crossing contextBridge would keep
 * only its message.
 */
export function createBridge(ipc: BridgeIpc): TandaBridge {
  const calls = Object.fromEntries(
    API_CALL_NAMES.map((name: ApiCallName) => {
      const channel = ipcChannel(name);
      return [name, (request: unknown) => ipc.invoke(channel, request)];
    }),
  ) as Record<ApiCallName, (request: unknown) => Promise<ApiResult>>;
  return {
    ...calls,
    onCorpusEvent(listener) {
      // The IPC event object (with its sender) stays here; only the payload crosses.
      const forward = (_event: unknown, payload: CorpusEvent): void => listener(payload);
      ipc.on(CORPUS_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(CORPUS_EVENT_CHANNEL, forward);
      };
    },
  };
}

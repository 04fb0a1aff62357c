import type { CorpusEvent } from '../corpus/corpus-types';

/**
 * The zod-free half of the contract: names, channels and the result shape.
 * The sandboxed preload imports only this, so it stays a few kilobytes, and
 * builds one function per name. The schemas live in api-contract.ts, which
 * checks at compile time that the names are its table's keys (and
 * test/api-contract.test.ts at run time).
 */
export const API_CALL_NAMES = [
  'getCorpus',
  'readDocument',
  'readDocuments',
  'reloadCorpus',
  'writeBackup',
  'listBackups',
  'readBackup',
  'saveFile',
  'teamStatus',
  'createTeamProject',
  'appendTeamChanges',
  'readTeamChanges',
  'writeCorpusFiles',
  'removeCorpusFiles',
  'extractDocumentText',
  'setInterfaceLanguage',
] as const;
export type ApiCallName = (typeof API_CALL_NAMES)[number];

/** Electron IPC channel for a call; browser mode uses `/api/<call>`. */
export function ipcChannel(call: ApiCallName): string {
  return `tanda:${call}`;
}
export const CORPUS_EVENT_CHANNEL = 'tanda:corpus-event';

/** A failure as it crosses a process boundary: a code for code, a message for a person. */
export interface ApiError {
  code: string;
  message: string;
}

/**
 * What every call answers across a boundary. Results, not exceptions: an
 * Error crossing Electron's contextBridge keeps only its message, and the
 * renderer needs the code too.
 */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * What Electron's preload exposes as `window.tanda`: one function per call,
 * each passing an untrusted request to main and returning main's result as
 * is. The renderer's api-client unwraps and validates it.
 */
export type TandaBridge = { readonly [C in ApiCallName]: (request: unknown) => Promise<ApiResult> } & {
  onCorpusEvent(listener: (event: CorpusEvent) => void): () => void;
};

/** Thrown by the renderer's API client when the other side reported a failure. */
export class TandaApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TandaApiError';
  }
}

import { z } from 'zod';
import {
  CorpusSnapshotSchema,
  DocumentPathSchema,
  DocumentTextSchema,
  type CorpusEvent,
  type CorpusSnapshot,
  type DocumentText,
} from './corpus-types';
import { API_CALL_NAMES, type ApiCallName } from './api-channels';

export {
  API_CALL_NAMES,
  CORPUS_EVENT_CHANNEL,
  ipcChannel,
  TandaApiError,
  type ApiCallName,
  type ApiError,
  type ApiResult,
  type TandaBridge,
} from './api-channels';

/**
 * The one contract between the renderer and the corpus service. Electron's
 * preload and main, and browser mode's HTTP client and server, are all typed
 * and validated from this table: a call that is not here does not exist.
 */
export const apiCalls = {
  getCorpus: {
    request: z.object({}).strict(),
    response: CorpusSnapshotSchema,
  },
  readDocument: {
    request: z.object({ path: DocumentPathSchema }).strict(),
    response: DocumentTextSchema,
  },
  reloadCorpus: {
    request: z.object({}).strict(),
    response: CorpusSnapshotSchema,
  },
} as const;

export type ApiCall = keyof typeof apiCalls;
// Every named call has schemas, and every schema has a name.
const _callsMatch: [ApiCall, ApiCallName] extends [ApiCallName, ApiCall] ? true : never = true;
void _callsMatch;
export type ApiRequest<C extends ApiCall> = z.input<(typeof apiCalls)[C]['request']>;
export type ApiResponse<C extends ApiCall> = z.output<(typeof apiCalls)[C]['response']>;

export const apiCallNames: readonly ApiCall[] = API_CALL_NAMES;

export function isApiCall(name: string): name is ApiCall {
  return Object.prototype.hasOwnProperty.call(apiCalls, name);
}

/** The API the renderer sees, whichever process is behind it. */
export interface TandaApi {
  readonly mode: 'electron' | 'web';
  getCorpus(): Promise<CorpusSnapshot>;
  readDocument(path: string): Promise<DocumentText>;
  reloadCorpus(): Promise<CorpusSnapshot>;
  /** Returns a function that stops listening. */
  onCorpusEvent(listener: (event: CorpusEvent) => void): () => void;
}

/**
 * Turns a zod failure into one line that says what and where, e.g.
 * `path: document path is empty`.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '(payload)';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

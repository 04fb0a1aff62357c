import {
  apiCalls,
  describeZodError,
  isApiCall,
  type ApiCall,
  type ApiResult,
  type ApiRequest,
  type ApiResponse,
} from '../shared/api-contract';
import { CorpusError } from './services/corpus-service-api';
import type { CorpusServiceApi } from './services/corpus-service-api';

export type { ApiResult };

export type ApiHandlers = {
  [C in ApiCall]: (request: ApiRequest<C>) => Promise<ApiResponse<C>>;
};

/** The handlers behind every call, over whichever corpus is open now. */
export function corpusApiHandlers(current: () => CorpusServiceApi): ApiHandlers {
  return {
    getCorpus: async () => current().snapshot(),
    readDocument: async ({ path }) => current().readDocument(path),
    reloadCorpus: async () => current().reload(),
  };
}

/**
 * Validates an untrusted payload against the call's schema, runs the
 * handler, and wraps the outcome. Electron's IPC handlers and browser
 * mode's HTTP server both go through here, so the two modes cannot drift.
 */
export async function dispatchApiCall(
  handlers: ApiHandlers,
  call: string,
  payload: unknown,
): Promise<ApiResult> {
  if (!isApiCall(call)) {
    return failure('unknown-call', `unknown API call "${call}"`);
  }
  const parsed = apiCalls[call].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return failure('invalid-request', `${call}: ${describeZodError(parsed.error)}`);
  }
  try {
    const handler = handlers[call] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof CorpusError) return failure(error.code, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return failure('internal', `${call} failed: ${message}`);
  }
}

function failure(code: string, message: string): ApiResult {
  return { ok: false, error: { code, message } };
}

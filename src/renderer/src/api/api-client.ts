import {
  apiCallNames,
  apiCalls,
  TandaApiError,
  type ApiCall,
  type ApiCallFunctions,
  type ApiRequest,
  type ApiResponse,
  type ApiResult,
  type TandaApi,
} from '../../../shared/api/api-contract';
import {
  fastCorpusSnapshot,
  fastReadDocumentsAnswer,
  parseCorpusEvent,
} from '../../../shared/corpus/corpus-fast-parse';
import type { CorpusEvent } from '../../../shared/corpus/corpus-types';
import { sharedSubscription } from './shared-subscription';

/** How a mode moves calls and events; everything else is shared. */
export interface ApiTransport {
  readonly mode: TandaApi['mode'];
  call(name: ApiCall, request: unknown): Promise<ApiResult>;
  subscribe(listener: (event: unknown) => void): () => void;
}

/**
 * Answers whose zod check took a long task at 10,000 documents, with a fast
 * path that checks the same rules (null: not certain, zod decides).
 */
const fastResponses: { [C in ApiCall]?: (value: unknown) => ApiResponse<C> | null } = {
  getCorpus: fastCorpusSnapshot,
  reloadCorpus: fastCorpusSnapshot,
  readDocuments: fastReadDocumentsAnswer,
};

/**
 * The renderer's API over either transport: unwraps results into values or
 * TandaApiErrors (keeping the code), and validates every response and event
 * against the contract, because the other side is another process.
 */
export function createApiClient(transport: ApiTransport): TandaApi {
  async function call<C extends ApiCall>(name: C, request: ApiRequest<C>): Promise<ApiResponse<C>> {
    const result = await transport.call(name, request);
    if (!result || typeof result !== 'object') throw new TandaApiError('bad-response', `${name}: no result`);
    if (!result.ok) throw new TandaApiError(result.error.code, result.error.message);
    const fast = fastResponses[name]?.(result.value);
    if (fast) return fast as ApiResponse<C>;
    const parsed = apiCalls[name].response.safeParse(result.value);
    if (!parsed.success)
      throw new TandaApiError('bad-response', `${name}: unexpected answer (${parsed.error.message})`);
    return parsed.data as ApiResponse<C>;
  }
  // One function per call of the table; a call left out of the request means `{}`.
  const calls = Object.fromEntries(
    apiCallNames.map((name) => [
      name,
      (request?: unknown) => call(name, (request ?? {}) as ApiRequest<typeof name>),
    ]),
  ) as ApiCallFunctions;
  // One subscription to the host's events, each checked once for every listener: a listener each
  // checked (and, over Electron's bridge, copied) a corpus's listing of 10,000 documents four times.
  const onCorpusEvent = sharedSubscription<CorpusEvent>((deliver) =>
    transport.subscribe((raw) => {
      const parsed = parseCorpusEvent(raw);
      if (parsed.success) deliver(parsed.data);
      else console.warn('tanda: ignoring a malformed corpus event', parsed.error);
    }),
  );
  return {
    ...calls,
    mode: transport.mode,
    onCorpusEvent,
  };
}

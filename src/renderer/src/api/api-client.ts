import {
  apiCalls,
  TandaApiError,
  type ApiCall,
  type ApiRequest,
  type ApiResponse,
  type ApiResult,
  type TandaApi,
} from '../../../shared/api/api-contract';
import { CorpusEventSchema, type CorpusEvent } from '../../../shared/corpus/corpus-types';

/** How a mode moves calls and events; everything else is shared. */
export interface ApiTransport {
  readonly mode: TandaApi['mode'];
  call(name: ApiCall, request: unknown): Promise<ApiResult>;
  subscribe(listener: (event: unknown) => void): () => void;
}

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
    const parsed = apiCalls[name].response.safeParse(result.value);
    if (!parsed.success)
      throw new TandaApiError('bad-response', `${name}: unexpected answer (${parsed.error.message})`);
    return parsed.data as ApiResponse<C>;
  }
  return {
    mode: transport.mode,
    getCorpus: () => call('getCorpus', {}),
    readDocument: (path) => call('readDocument', { path }),
    readDocuments: async (paths) => (await call('readDocuments', { paths: [...paths] })).documents,
    reloadCorpus: () => call('reloadCorpus', {}),
    writeBackup: (request) => call('writeBackup', request),
    listBackups: () => call('listBackups', {}),
    readBackup: (name) => call('readBackup', { name }),
    saveFile: (request) => call('saveFile', request),
    writeCorpusFiles: async (files) => (await call('writeCorpusFiles', { files: [...files] })).written,
    onCorpusEvent: (listener: (event: CorpusEvent) => void) =>
      transport.subscribe((raw) => {
        const parsed = CorpusEventSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
        else console.warn('tanda: ignoring a malformed corpus event', parsed.error);
      }),
  };
}

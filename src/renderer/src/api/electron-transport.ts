import type { ApiTransport } from './api-client';
import type { TandaBridge } from '../../../shared/api/api-channels';

/** Electron mode: the preload's bridge, one function per call. */
export function electronTransport(bridge: TandaBridge): ApiTransport {
  return {
    mode: 'electron',
    call: (name, request) => bridge[name](request),
    subscribe: (listener) => bridge.onCorpusEvent(listener),
  };
}

import type { TandaBridge } from '../shared/api/api-channels';

/** What the preload puts on `window` in Electron; absent in browser mode. */
declare global {
  interface Window {
    tanda?: TandaBridge;
  }
}

export {};

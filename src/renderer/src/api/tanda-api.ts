import type { TandaApi } from '../../../shared/api/api-contract';
import { createApiClient } from './api-client';
import { electronTransport } from './electron-transport';
import { withSessionTexts } from './session-texts';
import { readLaunchToken, reloadOnNewToken, webTransport } from './web-transport';

/**
 * The renderer is the same in both modes; only the transport behind the
 * typed API differs. Electron's preload puts `window.tanda` there before any
 * page script runs; without it we are in browser mode.
 */
export const api: TandaApi = window.tanda
  ? createApiClient(electronTransport(window.tanda))
  : withSessionTexts(
      createApiClient(webTransport(readLaunchToken(window.location, window.sessionStorage, window.history))),
    );

if (!window.tanda) reloadOnNewToken(window);

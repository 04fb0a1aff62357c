import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CORPUS_EVENT_CHANNEL, ipcChannel, type TandaBridge } from '../shared/api/api-channels';
import type { CorpusEvent } from '../shared/corpus/corpus-types';

/**
 * The renderer's only way into main: one function per call of the
 * contract, never a generic send/invoke/on. Main checks the sender and
 * validates every payload; the renderer's api-client unwraps and validates
 * what comes back. Results are passed through as `{ok, value | error}`
 * because an Error crossing contextBridge would keep only its message.
 */
const bridge: TandaBridge = {
  getCorpus: (request) => ipcRenderer.invoke(ipcChannel('getCorpus'), request),
  readDocument: (request) => ipcRenderer.invoke(ipcChannel('readDocument'), request),
  readDocuments: (request) => ipcRenderer.invoke(ipcChannel('readDocuments'), request),
  reloadCorpus: (request) => ipcRenderer.invoke(ipcChannel('reloadCorpus'), request),
  writeBackup: (request) => ipcRenderer.invoke(ipcChannel('writeBackup'), request),
  listBackups: (request) => ipcRenderer.invoke(ipcChannel('listBackups'), request),
  readBackup: (request) => ipcRenderer.invoke(ipcChannel('readBackup'), request),
  saveFile: (request) => ipcRenderer.invoke(ipcChannel('saveFile'), request),
  writeCorpusFiles: (request) => ipcRenderer.invoke(ipcChannel('writeCorpusFiles'), request),
  onCorpusEvent(listener) {
    // The IPC event object (with its sender) stays here; only the payload crosses.
    const forward = (_event: IpcRendererEvent, payload: CorpusEvent): void => listener(payload);
    ipcRenderer.on(CORPUS_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(CORPUS_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tanda', bridge);

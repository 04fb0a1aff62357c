import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Only these three methods reach the bridge: never ipcRenderer itself.
const bridge = createBridge({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  on: (channel, listener) => ipcRenderer.on(channel, listener),
  removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
});

contextBridge.exposeInMainWorld('tanda', bridge);

import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildApi, type Transport } from '../../shared/contract';

// The only file in the renderer's process that touches ipcRenderer. It exposes exactly the
// contract as `window.api` (one named method per channel) and nothing else.
const transport: Transport = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (channel, listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('api', buildApi(transport));
contextBridge.exposeInMainWorld('studioShell', {
  kind: 'electron',
  /** The path of a file dropped on the window (Electron only), for drag-and-drop import. */
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});

import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { contract, type ChannelName } from '../../shared/contract';
import type { HandlerRegistry } from '../services/rpc/HandlerRegistry';
import type { EventHub } from '../services/rpc/EventHub';

/**
 * The only place that touches ipcMain. Each request channel gets one handler that drops
 * messages from frames that are not our own page, then hands the still-`unknown` payload
 * to the registry, which validates it. Events go to every window.
 */
export function exposeOverIpc(registry: HandlerRegistry, events: EventHub, isTrustedFrame: (frame: WebFrameMain | null) => boolean): () => void {
  const channels = (Object.keys(contract) as ChannelName[]).filter((c) => contract[c].kind === 'request');
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) {
        return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused: it did not come from the studio window.' } };
      }
      return registry.dispatch(channel, payload, { transport: 'ipc' });
    });
  }
  const unsubscribe = events.subscribe((channel, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

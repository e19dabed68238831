import { BrowserWindow, shell, type WebFrameMain } from 'electron';
import { secureWebPreferences } from './webPreferences';
import { APP_ORIGIN } from './protocol';

/** The dev server (electron-vite dev) or our own protocol: the only origins we trust. */
export function rendererOrigin(): string {
  return process.env.ELECTRON_RENDERER_URL ? new URL(process.env.ELECTRON_RENDERER_URL).origin : APP_ORIGIN;
}

export function isTrustedFrame(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === rendererOrigin();
  } catch {
    return false;
  }
}

/**
 * The studio window: isolated, sandboxed, no Node in the page. It may not navigate away
 * or open windows; https links open in the user's browser instead.
 */
export function createMainWindow(preloadDir: string, iconPath?: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Active Learning Studio',
    backgroundColor: '#15171c',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadDir),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== rendererOrigin()) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void window.loadURL(process.env.ELECTRON_RENDERER_URL ?? `${APP_ORIGIN}/index.html`);
  return window;
}

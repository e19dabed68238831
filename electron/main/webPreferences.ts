import { join } from 'node:path';

/**
 * The security baseline of every studio window, kept free of Electron imports so a unit
 * test can hold it in place: the page is isolated from the preload, runs sandboxed, and
 * has no Node.js.
 */
export function secureWebPreferences(preloadDir: string) {
  return {
    preload: join(preloadDir, 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

import { app, BrowserWindow, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudio, type Studio } from '../services/studio';
import { exposeOverIpc } from './ipc';
import { handleStudioProtocol, registerSchemePrivileges } from './protocol';
import { createMainWindow, isTrustedFrame } from './window';
import { registerDialogHandlers } from './dialogs';
import { setupMenu } from './menu';

// The Electron shell is glue only: every feature lives in services that also run in the
// CLI, in browser mode and in tests.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const preloadDir = join(here, '../preload');
// resources/ ships beside out/ (the app icon; bundled assets the app needs at run time).
const iconPath = join(here, '../../resources/icon.png');

app.enableSandbox();
registerSchemePrivileges();
let studio: Studio | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  studio = await createStudio({ mode: 'electron', version: app.getVersion(), configDir: app.getPath('userData') });
  registerDialogHandlers(studio.registry);
  exposeOverIpc(studio.registry, studio.events, isTrustedFrame);
  handleStudioProtocol(studio, rendererDir);
  denyPermissions();
  setupMenu();
  createMainWindow(preloadDir, iconPath);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadDir, iconPath);
  });
}

/** The studio needs no camera, microphone, notifications or geolocation. */
function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!studio) return;
  event.preventDefault();
  const closing = studio;
  studio = null;
  void closing.dispose().finally(() => app.quit());
});

start().catch((error) => {
  console.error('The studio could not start:', error);
  app.exit(1);
});

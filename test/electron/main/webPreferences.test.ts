import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../electron/main/webPreferences';
import { readFile } from 'node:fs/promises';

describe('window security baseline', () => {
  it('every window is context-isolated and sandboxed, with no Node integration or webviews', () => {
    expect(secureWebPreferences('/app/preload')).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('the main window denies new windows and navigation away from the studio', async () => {
    const source = await readFile(new URL('../../../electron/main/window.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/setWindowOpenHandler\([\s\S]*action: 'deny'/);
    expect(source).toMatch(/will-navigate[\s\S]*preventDefault/);
    expect(source).toMatch(/secureWebPreferences\(preloadDir\)/);
  });

  it('the page declares a CSP that allows only its own scripts and styles', async () => {
    const html = await readFile(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'/);
  });
});

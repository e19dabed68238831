import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright-core';
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { findElectron } from '../../scripts/electronBinary.mjs';

const root = resolve(import.meta.dirname, '../..');
const electron = findElectron() as { binary: string | null; reason?: string };
if (!electron.binary) {
  console.log(`Electron end-to-end tests skipped: ${electron.reason}. They run where the Electron binary is installed.`);
}

describe.skipIf(!electron.binary)('the desktop app (Electron)', () => {
  it('opens a sandboxed, isolated window whose page reaches the studio only through window.api', async () => {
    const configDir = await mkdtemp(join(tmpdir(), 'studio-electron-'));
    const app = await _electron.launch({ executablePath: electron.binary!, args: [root], env: { ...process.env, STUDIO_CONFIG_DIR: configDir } as Record<string, string> });
    try {
      const page = await app.firstWindow();
      expect(await page.evaluate(() => typeof (globalThis as any).process)).toBe('undefined'); // no Node in the page
      expect(await page.evaluate(() => typeof (globalThis as any).require)).toBe('undefined');
      const info = await page.evaluate(() => (globalThis as any).api.app.info({}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron', nativeDialogs: true } });
      expect(await page.evaluate(() => typeof (globalThis as any).api.invoke)).toBe('undefined'); // no generic invoke
      const opened = await page.evaluate(() => (globalThis as any).open('https://example.com') === null);
      expect(opened).toBe(true);
      const dir = join(configDir, 'project');
      const created = await page.evaluate((d) => (globalThis as any).api.project.create({ dir: d, classes: [{ name: 'cat' }] }), dir);
      expect(created).toMatchObject({ ok: true, value: { name: 'project' } });
    } finally {
      await app.close();
    }
  });
});

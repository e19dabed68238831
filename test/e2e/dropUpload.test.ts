import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { imageBytes } from '../helpers/images';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli, waitForText } from './studioPage';

interface Status {
  total: number;
}

describe('dropping files on the browser window', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;
  let projectDir: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-drop-'));
    projectDir = join(work, 'project');
    const configDir = await mkdtemp(join(tmpdir(), 'studio-config-'));
    await studioCli(['create', projectDir, '--classes', 'a,b'], configDir);
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('uploads the dropped images to the studio and imports them', async () => {
    const files = await Promise.all([1, 2, 3].map(async (seed) => ({ name: `dropped${seed}.png`, base64: (await imageBytes('png', { seed })).toString('base64') })));
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Label' }).waitFor();

    await page.evaluate((list) => {
      const data = new DataTransfer();
      for (const { name, base64 } of list) {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], name, { type: 'image/png' }));
      }
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    }, files);

    await waitForText(page, '3 files will be uploaded to the studio and imported.');
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await waitForText(page, /Import finished: 3 imported/);
    await page.getByRole('button', { name: 'Done' }).click();
    await waitForText(page, '3 images · 0 labeled · 3 unlabeled');
    const status = await studioCli<Status>(['status', projectDir], studio.configDir);
    expect(status.total).toBe(3);
  });
});

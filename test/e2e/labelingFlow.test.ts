import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { decisionRows, shownFileName, studioCli, waitForNewestSaved, waitForNextImage, waitForText, writeImages } from './studioPage';

interface Status {
  total: number;
  labeled: number;
  skipped: number;
  perClass: { name: string; count: number }[];
}

describe('creating, importing and labeling from the browser', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-flow-'));
    [browser, studio] = await Promise.all([launchChromium(), serveStudio()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('labels with keys, undoes with Backspace and Ctrl+Z, and the labels survive a reload', async () => {
    const images = join(work, 'photos');
    await writeImages(images, 6, { prefix: 'bird' });
    const projectDir = join(work, 'garden');
    const { page, errors } = await openStudioPage(browser, studio.url);

    // Start screen: first run offers the demo; create a project with two classes.
    await page.getByRole('button', { name: 'Try the demo project' }).waitFor();
    await page.getByLabel('Project folder', { exact: true }).fill(projectDir);
    await page.getByLabel('Name', { exact: true }).fill('Garden birds');
    await page.getByLabel('Classes', { exact: true }).fill('robin, sparrow');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('tab', { name: 'Label' }).waitFor();
    await waitForText(page, 'No images yet');

    // Import the folder by its path (browser mode: a path on the studio's computer).
    await page.getByRole('button', { name: 'Import images…' }).first().click();
    await page.getByLabel(/Folders or image files/).fill(images);
    await page.getByRole('button', { name: 'Start import' }).click();
    await waitForText(page, /Import finished: 6 imported, 0 duplicates, 0 rejected/);
    await page.getByRole('button', { name: 'Done' }).click();

    // Label with the class keys; each decision shows as saved once the studio confirms it.
    const first = await shownFileName(page);
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img.viewer-image')?.naturalWidth ?? 0) > 0);
    await page.keyboard.press('1');
    const second = await waitForNextImage(page, first);
    await waitForNewestSaved(page, 'robin');
    expect(await decisionRows(page).first().innerText()).toMatch(/\d+\.\d s/); // time spent on the image
    await page.keyboard.press('2');
    const third = await waitForNextImage(page, second);
    await waitForNewestSaved(page, 'sparrow');
    await page.keyboard.press('1');
    const fourth = await waitForNextImage(page, third);
    await page.keyboard.press('s');
    await waitForNextImage(page, fourth);
    await waitForNewestSaved(page, 'Skipped');

    // Backspace undoes the skip and brings that image back; Ctrl+Z undoes the label before it.
    await page.keyboard.press('Backspace');
    await page.waitForFunction((name) => document.querySelector('.caption-name')?.textContent === name, fourth);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((name) => document.querySelector('.caption-name')?.textContent === name, third);
    expect(await decisionRows(page).filter({ hasText: 'undone' }).count()).toBe(2);
    await page.keyboard.press('2'); // relabel the third image
    await waitForNextImage(page, third);
    await waitForNewestSaved(page, 'sparrow');
    await waitForText(page, '6 images · 3 labeled · 3 unlabeled');

    // After a reload the project is still open and the three labels are still there.
    await page.reload();
    await page.getByRole('tab', { name: 'Label' }).waitFor();
    await waitForText(page, '6 images · 3 labeled · 3 unlabeled');
    const rows = decisionRows(page);
    await rows.nth(2).waitFor();
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(/^sparrow[\s\S]*✓ saved$/),
      expect.stringMatching(/^sparrow[\s\S]*✓ saved$/),
      expect.stringMatching(/^robin[\s\S]*✓ saved$/),
    ]);
    expect(await shownFileName(page)).toBe(fourth);

    // The CLI reads the same labels from disk.
    const status = await studioCli<Status>(['status', projectDir], studio.configDir);
    expect(status).toMatchObject({ total: 6, labeled: 3, skipped: 0 });
    expect(Object.fromEntries(status.perClass.map((c) => [c.name, c.count]))).toEqual({ robin: 1, sparrow: 2 });
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

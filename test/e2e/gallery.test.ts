import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { shownFileName, studioCli, waitForNewestSaved, waitForText, writeImages } from './studioPage';

describe('the gallery', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-gallery-'));
    const source = join(work, 'animals');
    await writeImages(join(source, 'cat'), 3, { prefix: 'cat', seed: 10 });
    await writeImages(join(source, 'dog'), 2, { prefix: 'dog', seed: 20 });
    const pool = join(work, 'pool');
    await writeImages(pool, 4, { prefix: 'pool', seed: 30 });
    const projectDir = join(work, 'project');
    const configDir = await mkdtemp(join(tmpdir(), 'studio-config-'));
    await studioCli(['create', projectDir], configDir);
    await studioCli(['import', projectDir, source, '--labels-from', 'folders'], configDir);
    await studioCli(['import', projectDir, pool], configDir);
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const tiles = (page: Page) => page.getByRole('grid', { name: 'Images' }).getByRole('button', { name: /\.png,/ });
  const tileNames = async (page: Page) => (await tiles(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).sort();

  it('filters by class and by unlabeled, and a label made meanwhile shows up', async () => {
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Gallery' }).click();
    await waitForText(page, '9 images');

    await page.getByLabel('Class').selectOption({ label: 'cat (3)' });
    await waitForText(page, '3 images');
    expect(await tileNames(page)).toEqual([expect.stringMatching(/^cat00\.png, cat,/), expect.stringMatching(/^cat01\.png, cat,/), expect.stringMatching(/^cat02\.png, cat,/)]);

    await page.getByLabel('Class').selectOption({ label: 'Any class' });
    await page.getByRole('button', { name: /^Unlabeled/ }).click();
    await waitForText(page, '4 images');
    expect(await tileNames(page)).toEqual(['pool00.png', 'pool01.png', 'pool02.png', 'pool03.png'].map((n) => expect.stringMatching(new RegExp(`^${n}, unlabeled`))));

    // Clicking a tile opens it for labeling; labeling it takes it out of "unlabeled".
    await tiles(page).filter({ hasText: 'pool02.png' }).click();
    await page.getByRole('tab', { name: 'Label', selected: true }).waitFor();
    await page.waitForFunction(() => document.querySelector('.caption-name')?.textContent === 'pool02.png');
    expect(await shownFileName(page)).toBe('pool02.png');
    await page.getByRole('group', { name: 'Classes' }).getByRole('button', { name: /dog/ }).click();
    await waitForNewestSaved(page, 'dog');
    await page.getByRole('tab', { name: 'Gallery' }).click();
    await waitForText(page, '3 images');
    expect(await tileNames(page)).not.toContainEqual(expect.stringMatching(/^pool02/));
    await page.getByLabel('Class').selectOption({ label: 'dog (3)' });
    await page.getByRole('button', { name: /^All/ }).click();
    await waitForText(page, '3 images');
  });
});

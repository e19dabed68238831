import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { decisionRows, shownFileName, studioCli, waitForNewestSaved, waitForNextImage, writeImages } from './studioPage';

describe('when the studio stops answering', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-unsaved-'));
    const projectDir = join(work, 'project');
    const configDir = await mkdtemp(join(tmpdir(), 'studio-config-'));
    await writeImages(join(work, 'images'), 4);
    await studioCli(['create', projectDir, '--classes', 'yes,no'], configDir);
    await studioCli(['import', projectDir, join(work, 'images')], configDir);
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('a label the studio never confirmed is shown as not saved, with the reason and a retry', async () => {
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('group', { name: 'Classes' }).waitFor();
    const first = await shownFileName(page);
    await page.keyboard.press('1');
    await waitForNextImage(page, first);
    await waitForNewestSaved(page, 'yes');

    await studio.kill(); // the way a crash would end it
    const second = await shownFileName(page);
    await page.keyboard.press('2');
    await waitForNextImage(page, second); // advancing never waits for the save
    const newest = decisionRows(page).first();
    await newest.filter({ hasText: '✗ not saved' }).waitFor();
    expect(await newest.innerText()).toMatch(/no[\s\S]*studio server/i);
    await newest.getByRole('button', { name: 'Retry' }).waitFor();
    expect(await decisionRows(page).nth(1).innerText()).toContain('✓ saved');
    await page.getByRole('contentinfo', { name: 'Status' }).getByText('1 not saved').waitFor();
    await page.getByRole('alert').filter({ hasText: 'A label was not saved' }).waitFor();
  });
});

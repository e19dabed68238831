import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { waitForText } from './studioPage';

describe('first run', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-demo-'));
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ env: { STUDIO_DEMO_DIR: join(work, 'Demo project') } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('offers the demo project, which opens ready to label with guidelines, and is then listed as recent', async () => {
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('heading', { name: 'New here? Try the demo project' }).waitFor();
    await page.getByRole('button', { name: 'Try the demo project' }).click();
    await page.getByRole('group', { name: 'Classes' }).waitFor({ timeout: 60_000 });
    await page.locator('.caption-name').waitFor();
    await page.keyboard.press('h');
    const guidelines = page.getByRole('complementary', { name: 'Guidelines' });
    await guidelines.waitFor();
    expect(await guidelines.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(1);

    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('list', { name: 'Recent projects' }).getByRole('button').first().waitFor();
    expect(await page.getByRole('list', { name: 'Recent projects' }).innerText()).toContain(join(work, 'Demo project'));
    await waitForText(page, 'Demo project');
  });
});

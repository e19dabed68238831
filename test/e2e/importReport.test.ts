import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { corruptJpeg, textFile, truncatedJpeg, writeBytes } from '../helpers/images';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli, waitForText, writeImages } from './studioPage';

describe('the import report', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;
  let projectDir: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-import-'));
    projectDir = join(work, 'project');
    browser = await launchChromium();
    studio = await serveStudio();
    await studio.stop(); // only needed its settings folder for the CLI
    await studioCli(['create', projectDir, '--classes', 'ok,not-ok'], studio.configDir);
    studio = await serveStudio({ project: projectDir, configDir: studio.configDir });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('lists every rejected file with its reason, and every duplicate, while the good images are imported', async () => {
    const source = join(work, 'mixed');
    const [good] = await writeImages(source, 2, { prefix: 'good' });
    await copyFile(good, join(source, 'copy-of-good.png'));
    await writeBytes(join(source, 'broken.jpg'), corruptJpeg());
    await writeBytes(join(source, 'cut-short.jpg'), await truncatedJpeg());
    await writeBytes(join(source, 'notes.txt'), textFile());

    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('button', { name: 'Import images…' }).first().click();
    await page.getByLabel(/Folders or image files/).fill(source);
    await page.getByRole('button', { name: 'Start import' }).click();
    await waitForText(page, /Import finished: 2 imported, 1 duplicates, 3 rejected/);

    const rejected = page.getByRole('list', { name: 'Rejected files' }).getByRole('listitem');
    const rows = await rejected.allInnerTexts();
    const reasonOf = (name: string) => rows.find((r) => r.includes(name));
    expect(rows).toHaveLength(3);
    expect(reasonOf('broken.jpg')).toContain('corrupt image');
    expect(reasonOf('cut-short.jpg')).toContain('file is cut short (truncated)');
    expect(reasonOf('notes.txt')).toContain('not an image');

    const duplicates = await page.getByRole('list', { name: 'Duplicate files' }).getByRole('listitem').allInnerTexts();
    expect(duplicates).toEqual([expect.stringContaining('copy-of-good.png')]);
    expect(duplicates[0]).toContain(good);
  });

  it('a folder that does not exist fails with the studio\'s message, and a relative path is refused before sending', async () => {
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('button', { name: 'Import images…' }).first().click();
    await page.getByLabel(/Folders or image files/).fill('photos/birds');
    await page.getByRole('button', { name: 'Start import' }).click();
    await waitForText(page, /Type a full path on the studio's computer/);

    await page.getByLabel(/Folders or image files/).fill(join(work, 'no-such-folder'));
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('alert').filter({ hasText: 'no-such-folder' }).first().waitFor();
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByLabel(/Folders or image files/).waitFor();
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { classFolderTree } from '../helpers/images';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli, waitForText } from './studioPage';

describe('the Classes tab: split report and label export', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-classes-'));
    const projectDir = join(work, 'project');
    browser = await launchChromium();
    studio = await serveStudio();
    await studio.stop(); // only needed its settings folder for the CLI
    await studioCli(['create', projectDir], studio.configDir);
    await classFolderTree(join(work, 'photos'), { cat: 20, dog: 10 }, { size: 64 });
    await studioCli(['import', projectDir, join(work, 'photos'), '--labels-from', 'folders'], studio.configDir);
    studio = await serveStudio({ project: projectDir, configDir: studio.configDir });
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('shows each imported label per split on target, and exports the labels as CSV to the path shown', async () => {
    const { page } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Classes' }).click();
    const strata = page.getByRole('table', { name: 'Images per split by imported label' });
    await strata.waitFor();
    const rows = await strata.getByRole('row').allInnerTexts();
    expect(rows.find((r) => r.startsWith('cat'))).toMatch(/cat\s+20\s+16\s+2\s+2\s+10\.0 %\s+on target/);
    expect(rows.find((r) => r.startsWith('dog'))).toMatch(/dog\s+10\s+8\s+1\s+1\s+10\.0 %\s+on target/);

    const out = join(work, 'exported.csv');
    await page.getByLabel('File').fill(out);
    await page.getByRole('button', { name: 'Export labels' }).click();
    await waitForText(page, `Exported 30 images to ${out}.`);
    const csv = await readFile(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('path,relative_path,label,annotator,time,seconds,split,flagged,comment,sha256');
    expect(csv.trim().split('\r\n')).toHaveLength(31);

    await page.getByLabel('Format').selectOption('imagefolder');
    await page.getByLabel('New folder').fill(join(work, 'photos'));
    await page.getByRole('button', { name: 'Export labels' }).click();
    await page.getByRole('alert').filter({ hasText: 'already exists and is not empty' }).waitFor();
    await page.setViewportSize({ width: 1200, height: 1400 });
    await page.screenshot({ path: '/tmp/classes.png', fullPage: true });
  });
});

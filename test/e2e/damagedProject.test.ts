import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Project } from '../../electron/services/project/Project';
import { fakeSample } from '../helpers/tempProject';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { waitForText } from './studioPage';

describe('opening a project that lost records', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-damaged-'));
    [browser, studio] = await Promise.all([launchChromium(), serveStudio()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('says what is missing and offers read-only or accepting the loss, never an empty project on its own', async () => {
    const dir = join(work, 'birds');
    const project = await Project.create(dir, { classes: [{ name: 'robin' }] });
    await project.samples.add([fakeSample(1), fakeSample(2), fakeSample(3)]);
    for (const n of [1, 2, 3]) await project.labels.setClass(fakeSample(n).id, project.doc.classes[0].id, { annotator: 'ana', seconds: 1 });
    await project.close();
    await rm(join(dir, 'labels.jsonl'));

    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByLabel('Project folder to open').fill(dir);
    await page.getByRole('button', { name: 'Open project' }).click();
    await waitForText(page, /labels\.jsonl holds 0 of the 3 label records studio\.json lists/);
    const choice = page.getByRole('group', { name: 'The project is damaged' });
    await choice.getByRole('button', { name: 'Open anyway, accepting the loss' }).click();
    await waitForText(page, /3 label records are lost/);
    expect(errors).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli, waitForText, writeImages } from './studioPage';

// A lead takes the model out and checks new data, from the Model tab: the demo project,
// trained once by the CLI, with a batch of new images imported beside it.

let work = '';
let projectDir = '';
let browser: Browser;
let studio: ServedStudio;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'studio-e2e-export-'));
  projectDir = join(work, 'demo');
  const configDir = join(work, 'config');
  await studioCli(['demo', projectDir], configDir);
  await studioCli(['train', projectDir], configDir);
  await writeImages(join(work, 'new'), 12, { prefix: 'new', seed: 4000 });
  await studioCli(['batch', 'import', projectDir, join(work, 'new'), '--name', 'Week 12'], configDir);
  [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
});
afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('model export and new data in the Model tab', () => {
  it('Export model writes a self-contained folder and shows what it holds and how it was checked', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Model' }).click();
    const row = page.getByRole('table', { name: 'Training runs' }).getByRole('row').filter({ hasText: 'succeeded' }).first();
    await row.getByRole('button').click();
    await page.getByRole('button', { name: 'Export model' }).click();
    await waitForText(page, /^Exported to /);
    const text = await page.getByRole('region', { name: 'Export this model' }).innerText();
    // The demo trains on the built-in MobileNetV2: the whole network goes into model.onnx, and TF.js holds the head alone.
    expect(text).toMatch(/model\.onnx\s+whole pipeline: uint8 pixels \[N, 224, 224, 3\] → probabilities; IR 8, opset 13/);
    expect(text).toMatch(/tfjs\/model\.json\s+head only: float32 embeddings \[N, 1280\] → probabilities/);
    expect(text).toMatch(/Checked\s+\d+ project images: the studio's probabilities within/);
    const folder = /Exported to (.+)\./.exec(text)![1];
    for (const file of ['model.onnx', 'tfjs/model.json', 'labels.json', 'preprocessing.json', 'model-card.md', 'examples/predict.mjs', 'examples/predict.py']) expect(existsSync(join(folder, file))).toBe(true);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    // A tab left open keeps leases on the images it was handed (another tab never gets them).
    await page.close();
  });

  it('a new batch is reported against the project and its least confident images go to the front of the queue', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Model' }).click();
    await page.getByRole('button', { name: 'Week 12' }).click();
    const report = page.getByRole('article', { name: 'Batch report' });
    // 12 images are too few for a verdict: the panel says so rather than guessing.
    await report.getByText(/Only 12 images in the batch: too few to judge a shift/).waitFor({ timeout: 60_000 });
    expect(await report.getByRole('table').first().innerText()).toMatch(/batch\s+project/);
    await report.getByRole('spinbutton', { name: 'How many least confident images' }).fill('3');
    await report.getByRole('button', { name: 'Send' }).click();
    await report.getByText(/Sent the 3 least confident images of "Week 12" to the front of the queue/).waitFor();
    await page.getByRole('tab', { name: 'Label' }).click();
    // The image already on screen stays; the picks come next (skipping past a held-out image if one is due).
    const reason = page.getByRole('region', { name: 'This image' });
    await reason.waitFor();
    const notes: string[] = [];
    for (let i = 0; i < 4 && !/new batch "Week 12"/.test(notes.at(-1) ?? ''); i++) {
      if (i > 0) {
        await page.keyboard.press('s');
        await page.waitForFunction((before) => document.querySelector('[aria-label="This image"]')?.textContent !== before, notes.at(-1));
      }
      notes.push(await reason.innerText());
    }
    expect(notes.at(-1)).toMatch(/new batch "Week 12": the model is \d+ % sure/);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

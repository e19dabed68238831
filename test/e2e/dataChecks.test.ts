import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { writeDemoImages } from '../../electron/services/demo/demoImages';
import { LabelStore } from '../../electron/services/labels/LabelStore';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli } from './studioPage';

// The demo's deliberately wrong CSV labels surface in the labeling view's review mode and
// are fixed from the keyboard; the embedding map draws every image and its lasso selects.

describe('data checks in the browser', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;
  let wrong: Set<string>;
  let projectDir: string;
  let configDir: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-data-'));
    projectDir = join(work, 'demo');
    configDir = join(work, 'config');
    await studioCli(['demo', projectDir], configDir);
    // Pixels keep the suite quick; the demo's default, the built-in network, embeds every image at 224×224.
    await studioCli(['train', projectDir, '--backbone', 'pixels'], configDir);
    await studioCli(['quality', projectDir], configDir); // report and map on disk before the page opens
    const planDir = join(work, 'plan');
    const plan = await writeDemoImages(planDir, 42, 'normal');
    const idOf = async (file: string) => createHash('sha256').update(await readFile(join(planDir, file))).digest('hex').slice(0, 16);
    wrong = new Set(await Promise.all(plan.images.filter((i) => i.csvLabel !== null && i.csvLabel !== i.shape).map((i) => idOf(i.fileName))));
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the review shows a planted wrong label first, with the suggestion and why, and a key fixes it', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('button', { name: /^Review \d+ suspected labels?$/ }).click();
    const review = page.getByLabel('Review suspected labels');
    const image = review.locator('img.review-image');
    await image.waitFor();
    const first = /(?:^|\/)image\/([0-9a-f]{16})\//.exec((await image.getAttribute('src')) ?? '')![1];
    expect(wrong.has(first)).toBe(true);
    const facts = review.getByLabel('Why this label is suspected');
    await expect.poll(() => facts.innerText()).toMatch(/Labeled \w+[\s\S]*The model suggests \w+[\s\S]*below \w+'s threshold/);
    const left = async () => Number(/(\d+) left/.exec(await review.getByRole('status').innerText())?.[1]);
    const before = await left();
    await page.keyboard.press('Space'); // take the model's suggestion
    await expect.poll(async () => /(?:^|\/)image\/([0-9a-f]{16})\//.exec((await image.getAttribute('src')) ?? '')?.[1]).not.toBe(first);
    expect(await left()).toBe(before - 1);
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: 'Classes' }).waitFor();
    // On disk: the fixed label is no longer suspected (its label changed since the check).
    const after = await studioCli<{ suspectedLabelErrors: { id: string }[] }>(['quality', projectDir], configDir);
    expect(after.suspectedLabelErrors.map((s) => s.id)).not.toContain(first);
    // The change went the way every label goes: made by the person at this tab, on the version they saw.
    const labels = await LabelStore.open(projectDir, { readOnly: true });
    const [listed, change] = labels.book.liveDecisionsOf(first).slice(-2);
    expect(change).toMatchObject({ kind: 'label', annotator: 'e2e', via: 'suspected-labels', basedOn: listed.seq });
    expect(change.conflict).toBeUndefined();
    expect(labels.stateOf(first)).toMatchObject({ annotator: 'e2e' });
    expect(errors).toEqual([]);
  });

  it('hovering a point on the map shows its thumbnail, and a click opens that image to label', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Data', exact: true }).click();
    await page.getByRole('tab', { name: /Embedding map/ }).click();
    const canvas = page.locator('canvas.map-canvas');
    await expect.poll(() => canvas.getAttribute('data-points'), { timeout: 30_000 }).toBe('488');
    const box = (await canvas.boundingBox())!;
    const tooltip = page.getByRole('tooltip');
    let at: [number, number] | null = null;
    // Sweep the middle of the map until the pointer is over a point.
    for (let gy = 0.3; gy <= 0.7 && !at; gy += 0.05) {
      for (let gx = 0.3; gx <= 0.7 && !at; gx += 0.025) {
        await page.mouse.move(box.x + box.width * gx, box.y + box.height * gy);
        if (await tooltip.isVisible()) at = [box.x + box.width * gx, box.y + box.height * gy];
      }
    }
    expect(at).not.toBeNull();
    const thumb = /(?:^|\/)image\/([0-9a-f]{16})\/thumb/.exec((await tooltip.locator('img').getAttribute('src')) ?? '')?.[1];
    expect(thumb).toBeDefined();
    await expect.poll(() => tooltip.innerText()).toMatch(/label[\s\S]*model[\s\S]*split/);
    await page.mouse.click(at![0], at![1]);
    const viewer = page.getByAltText('The image to label');
    await expect.poll(async () => /(?:^|\/)image\/([0-9a-f]{16})\//.exec((await viewer.getAttribute('src')) ?? '')?.[1]).toBe(thumb);
    expect(errors).toEqual([]);
  });

  it('the map draws every image and a lasso selection opens in the gallery', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Data', exact: true }).click();
    await page.getByRole('tab', { name: /Embedding map/ }).click();
    const canvas = page.locator('canvas.map-canvas');
    await expect.poll(() => canvas.getAttribute('data-points'), { timeout: 30_000 }).toBe('488');
    await expect.poll(async () => Number(await canvas.getAttribute('data-frames'))).toBeGreaterThan(0);
    expect(['webgl', 'canvas']).toContain(await canvas.getAttribute('data-renderer'));
    const box = (await canvas.boundingBox())!;
    await page.keyboard.press('l');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = Math.min(box.width, box.height) * 0.3;
    await page.mouse.move(cx - r, cy - r);
    await page.mouse.down();
    for (const [dx, dy] of [[r, -r], [r, r], [-r, r], [-r, -r]]) await page.mouse.move(cx + dx, cy + dy, { steps: 4 });
    await page.mouse.up();
    const selected = Number(await canvas.getAttribute('data-selected'));
    expect(selected).toBeGreaterThan(0);
    await page.getByRole('status').filter({ hasText: `${selected} selected` }).waitFor();
    await page.getByRole('button', { name: 'Show in gallery' }).click();
    await page.getByRole('status').filter({ hasText: `${selected} image` }).waitFor();
    expect(errors).toEqual([]);
  });
});

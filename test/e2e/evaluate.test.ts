import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openStudioPage, serveStudio, type ServedStudio } from './harness';
import { studioCli, writeImages } from './studioPage';

// A tiny project, as a new user makes one: two classes of imported images, a third class
// with none, one training run from the CLI. Its test split holds a handful of labels, so
// every headline figure must say its n and be muted, and the class without test labels
// must show "—" with the reason instead of 0.0%.

describe('the Evaluate tab on a tiny project', () => {
  let browser: Browser;
  let studio: ServedStudio;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'studio-e2e-evaluate-'));
    const source = join(work, 'animals');
    await writeImages(join(source, 'cat'), 20, { prefix: 'cat', seed: 10 });
    await writeImages(join(source, 'dog'), 20, { prefix: 'dog', seed: 60 });
    const projectDir = join(work, 'project');
    const configDir = join(work, 'config');
    await studioCli(['create', projectDir, '--classes', 'cat,dog,bird'], configDir);
    await studioCli(['import', projectDir, source, '--labels-from', 'folders'], configDir);
    await studioCli(['train', projectDir], configDir);
    [browser, studio] = await Promise.all([launchChromium(), serveStudio({ project: projectDir, configDir })]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('the headline says "n = …" and is muted as too few; the class without test labels shows "—" and why', async () => {
    const { page, errors } = await openStudioPage(browser, studio.url);
    await page.getByRole('tab', { name: 'Evaluate' }).click();

    const test = page.getByLabel('Test figures');
    const accuracy = test.getByLabel(/^Accuracy: /);
    await accuracy.waitFor({ timeout: 30_000 });
    const label = (await accuracy.getAttribute('aria-label'))!;
    const n = Number(/n = (\d+)/.exec(label)?.[1]);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(30);
    expect(label).toMatch(/too few test labels \(fewer than 30\)/);
    expect(await accuracy.getAttribute('class')).toContain('figure-muted');
    expect(await accuracy.innerText()).toMatch(/95% interval \d+–\d+%/);
    expect(await test.getByLabel(/^Macro-F1: /).getAttribute('class')).toContain('figure-muted');

    // Per class: bird has no test labels: recall and F1 are "—" with the reason, never 0.0%. Its precision
    // is "—" too unless the untrained class was predicted for some image, when 0.0% is a real figure.
    const bird = page.getByRole('table', { name: 'Per-class quality' }).getByRole('row').filter({ hasText: 'bird' });
    const [, precision, recall, f1, support] = await bird.getByRole('cell').allInnerTexts();
    expect([recall, f1]).toEqual(['— no test labels', '— no test labels']);
    expect(support).toMatch(/^0 ⚠ below \d+$/);
    expect(precision).toMatch(/^(— never predicted|0\.0%)$/);

    // The learning curve's only round is scored on the same n, and the status bar mutes its figure too.
    expect(await page.getByRole('table', { name: 'Rounds' }).innerText()).toContain(`n = ${n}`);
    const figure = page.getByLabel('Loop status', { exact: true }).locator('.loop-figures .figure-muted').filter({ hasText: /^ · test \d+% \(n = \d+\)$|^test \d+% \(n = \d+\)$/ });
    await figure.waitFor();
    expect(await figure.innerText()).toContain(`(n = ${n})`);
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

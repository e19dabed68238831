// Regenerates the README's screenshots from the real demo project in browser mode:
// `npx tsx scripts/screenshots.ts` (after `npm run build`). Debian's Chromium, no download.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium, openStudioPage, serveStudio } from '../test/e2e/harness';

const root = resolve(import.meta.dirname, '..');
const docs = join(root, 'docs');
const studio = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', join(root, 'electron/cli/index.ts'), ...args], { cwd: root, stdio: 'pipe' });

const work = await mkdtemp(join(tmpdir(), 'studio-shots-'));
try {
  const project = join(work, 'Shapes demo');
  studio('demo', project);
  studio('train', project); // one round, so the labeling view shows the model's suggestion
  const served = await serveStudio({ project });
  const browser = await launchChromium();
  try {
    const { page } = await openStudioPage(browser, served.url);
    await page.getByRole('group', { name: 'Classes' }).waitFor({ timeout: 60_000 });
    // Accept the model's suggestion (right 94% of the time on the demo) until the queue serves the model's own batch.
    const reason = page.getByRole('region', { name: 'This image' });
    // Held-out images show no suggestion: the script skips them (it does not know their class).
    for (let i = 0; i < 40 && (i < 6 || /import order|Held-out/.test(await reason.innerText())); i++) {
      await page.keyboard.press(/Held-out/.test(await reason.innerText()) ? 's' : 'Space');
      await page.waitForTimeout(i < 6 ? 300 : 1000);
    }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(docs, 'screenshot-labeling.png') });
    await page.getByRole('tab', { name: 'Model' }).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(docs, 'screenshot-model.png') });
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(docs, 'screenshot-evaluate.png') });
  } finally {
    await browser.close();
    await served.stop();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
console.log('Screenshots written to docs/.');

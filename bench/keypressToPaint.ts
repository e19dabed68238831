import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { Project } from '../electron/services/project/Project';
import { runImport } from '../electron/services/ingest';
import { launchChromium, openStudioPage, serveStudio } from '../test/e2e/harness';
import { percentile, round, type BenchResult } from './types';

const root = resolve(import.meta.dirname, '..');

/** Distinct pictures, plus byte-different copies (a JPEG comment), so every file is its own sample. */
async function writeImages(dir: string, count: number, distinct = 200): Promise<void> {
  await mkdir(dir, { recursive: true });
  const bases: Buffer[] = [];
  for (let i = 0; i < distinct; i++) {
    const grid = Buffer.from(Array.from({ length: 8 * 6 * 3 }, (_, p) => (i * 97 + p * 31) % 256));
    bases.push(await sharp(grid, { raw: { width: 8, height: 6, channels: 3 } }).resize(640, 480, { kernel: 'cubic' }).jpeg({ quality: 85 }).toBuffer());
  }
  for (let i = 0; i < count; i++) {
    const base = bases[i % distinct];
    const comment = Buffer.from(`studio bench ${i}`);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]), comment]);
    await writeFile(join(dir, `img-${String(i).padStart(5, '0')}.jpg`), Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]));
  }
}

/**
 * Installs a probe: keydown time → the next main image decoded and painted (two frames).
 * Plain script text, not a function: tsx would wrap inner functions in helpers the page lacks.
 */
const probeScript = `(() => {
  window.__paints = [];
  window.__onPaint = [];
  const painted = (ms) => {
    window.__paints.push(ms);
    for (const resolve of window.__onPaint.splice(0)) resolve();
  };
  window.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, { capture: true });
  const seen = new WeakSet();
  new MutationObserver(() => {
    const img = document.querySelector('img.viewer-image');
    if (!img || seen.has(img)) return;
    seen.add(img);
    const started = window.__lastKey;
    const done = () => img.decode().catch(() => undefined).then(() =>
      requestAnimationFrame(() => requestAnimationFrame(() => painted(performance.now() - started))));
    if (img.complete && img.naturalWidth > 0) done(); else img.addEventListener('load', done, { once: true });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
})()`;

async function installProbe(page: Page): Promise<void> {
  await page.evaluate(probeScript);
}

/**
 * One evaluate per press that resolves when the probe records the paint: not waitForFunction
 * (the studio's CSP forbids the eval its predicate needs), and not polling, whose round trips
 * every few milliseconds took CPU from the page and its server on a 2-core machine.
 */
const nextPaint = (before: number) => `new Promise((resolve, reject) => {
  if (window.__paints.length > ${before}) return resolve(true);
  const timer = setTimeout(() => reject(new Error('The next image was not painted within 10 s.')), 10000);
  window.__onPaint.push(() => { clearTimeout(timer); resolve(true); });
})`;

async function measureKeys(page: Page, key: string, presses: number): Promise<number[]> {
  for (let i = 0; i < presses; i++) {
    const before = (await page.evaluate('window.__paints.length')) as number;
    await page.keyboard.press(key);
    await page.evaluate(nextPaint(before));
  }
  return (await page.evaluate('window.__paints')) as number[];
}

/** The same measurement on a bare page swapping already-loaded images: the browser's floor. */
async function measureFloor(page: Page, presses: number): Promise<number[]> {
  const images = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => `data:image/webp;base64,${(await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: i * 30, g: 90, b: 160 } } }).webp().toBuffer()).toString('base64')}`),
  );
  await page.setContent('<div id="box"></div>');
  await page.evaluate(`(() => {
    const sources = ${JSON.stringify(images)};
    let i = 0;
    const box = document.getElementById('box');
    window.addEventListener('keydown', () => {
      const img = document.createElement('img');
      img.className = 'viewer-image';
      img.src = sources[i++ % sources.length];
      box.replaceChildren(img);
    });
  })()`);
  await installProbe(page);
  return measureKeys(page, 'x', presses);
}

/**
 * Keypress → next image painted in browser mode on a 10,000-image project, p50/p95, next to
 * the same measurement on a bare page that swaps preloaded images (the browser's floor).
 */
export async function benchKeypressToPaint(count = 10_000, presses = 150): Promise<BenchResult> {
  if (!existsSync(join(root, 'out/renderer/index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const work = await mkdtemp(join(tmpdir(), 'bench-keys-'));
  try {
    await writeImages(join(work, 'images'), count);
    const project = await Project.create(join(work, 'project'), { classes: [{ name: 'cat' }, { name: 'dog' }] });
    const report = await runImport(project, { sources: [join(work, 'images')], labelsFrom: 'none' });
    await project.close();
    const studio = await serveStudio({ project: join(work, 'project') });
    const browser = await launchChromium();
    try {
      const { page } = await openStudioPage(browser, studio.url);
      await page.locator('img.viewer-image').waitFor({ timeout: 30_000 });
      await installProbe(page);
      await measureKeys(page, '1', 10); // warm-up: prefetch settles
      await page.evaluate('window.__paints = []');
      const studioPaints = await measureKeys(page, '1', presses);
      const floor = await measureFloor(await browser.newPage(), presses);
      return {
        name: `keypress → next image painted (browser mode, ${report.imported.toLocaleString('en')} images)`,
        figures: { p50_ms: round(percentile(studioPaints, 50), 1), p95_ms: round(percentile(studioPaints, 95), 1), presses },
        reference: { bare_swap_p50_ms: round(percentile(floor, 50), 1), bare_swap_p95_ms: round(percentile(floor, 95), 1) },
        ratios: { p95_vs_bare_swap: round(percentile(studioPaints, 95) / percentile(floor, 95)) },
        notes: ['Aim: p95 under 50 ms. Each press waits for the previous image to paint, as an annotator would.'],
      };
    } finally {
      await browser.close();
      await studio.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 10_000);
  benchKeypressToPaint(count).then((r) => console.log(JSON.stringify(r, null, 2)));
}

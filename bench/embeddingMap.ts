import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { loadFashionMnist } from '../electron/worker/datasets/index';
import { projectMap } from '../electron/worker/quality/embeddingMap';
import { selectBackend } from '../electron/worker/tf/backend';
import type { BenchResult } from './types';

const run = promisify(execFile);
const points = 50_000;

/**
 * The embedding map's projections of 50,000 embeddings (Fashion-MNIST pixels, 784-d): the
 * worker's PCA (randomized, 50 axes) and then UMAP (umap-js on an NN-descent graph), timed
 * as the map job runs them. Reference, same data, same run: scikit-learn's randomized PCA.
 * umap-learn is not installed here, so UMAP has no external reference.
 */
export async function benchMapProjection(): Promise<BenchResult> {
  await selectBackend();
  const data = await loadFashionMnist();
  const dim = data.train.height * data.train.width;
  const x = data.train.pixels.slice(0, points * dim);
  const ids = Array.from({ length: points }, (_, i) => `s${i}`);
  const result = await projectMap(x, ids, dim, { method: 'umap', neighbours: 15, seed: 1, progress: () => undefined, write: async () => undefined });

  const folder = await mkdtemp(join(tmpdir(), 'studio-bench-pca-'));
  let sklearnSeconds: number;
  try {
    await writeFile(join(folder, 'x.f32'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    const script = `import numpy as np, time\nfrom sklearn.decomposition import PCA\nx=np.fromfile('${folder}/x.f32',dtype=np.float32).reshape(${points},${dim})\nt=time.time();PCA(50,svd_solver='randomized',random_state=1).fit_transform(x);print(time.time()-t)`;
    sklearnSeconds = Number((await run('/usr/bin/python3', ['-c', script])).stdout.trim());
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const pca = result.pcaMs / 1000;
  return {
    name: `Embedding map: PCA then UMAP of ${points.toLocaleString('en-US')} embeddings (${dim}-d)`,
    figures: { 'PCA, s': round(pca), 'UMAP (graph + layout), s': round((result.umapMs ?? 0) / 1000) },
    reference: { 'scikit-learn randomized PCA, s': round(sklearnSeconds) },
    ratios: { 'PCA vs scikit-learn': round(pca / sklearnSeconds) },
    notes: ['The machine was shared with other work while measuring; compare the ratio.'],
  };
}

/**
 * Frame rate of the map while panning 50,000 points in Debian's Chromium (software GL:
 * SwiftShader), one redraw per frame, with the map's own renderer. Reference, same page and
 * run: the same points drawn by its canvas-2D fallback.
 */
export async function benchMapPanning(): Promise<BenchResult> {
  const bundle = await build({ entryPoints: [join(import.meta.dirname, 'mapPanningPage.ts')], bundle: true, write: false, format: 'iife', platform: 'browser' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-gpu-vsync', '--disable-frame-rate-limit'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const fps = async (prefer: 'webgl' | 'canvas') => {
      const r = await page.evaluate(([n, kind]) => window.panFrames(n as number, 4000, kind as 'webgl' | 'canvas'), [points, prefer] as const);
      return { kind: r.kind, fps: round((r.frames * 1000) / r.ms) };
    };
    const gl = await fps('webgl');
    const canvas = await fps('canvas');
    return {
      name: `Embedding map: panning ${points.toLocaleString('en-US')} points in Chromium (1200×800)`,
      figures: { [`frames/s (${gl.kind})`]: gl.fps },
      reference: { 'frames/s (canvas 2D fallback)': canvas.fps },
      ratios: { 'vs canvas 2D': round(gl.fps / Math.max(canvas.fps, 1e-9)) },
      notes: ['Headless Chromium with SwiftShader (software GL), vsync off; the machine was shared with other work while measuring.'],
    };
  } finally {
    await browser.close();
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

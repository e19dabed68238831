import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { seededRandom } from '../electron/worker/acquisition/seededRandom';
import { loadFashionMnist } from '../electron/worker/datasets/index';
import { projectMap, umapSample } from '../electron/worker/quality/embeddingMap';
import { selectBackend } from '../electron/worker/tf/backend';
import { lastJsonLine, runPython } from './runPython';
import type { BenchResult } from './types';

const points = 50_000;
const width = 1280;

/**
 * The embedding map's projections of 50,000 embeddings of 1,280 dimensions (MobileNetV2's
 * width): Fashion-MNIST's 784 pixels through a fixed random ReLU layer, a stand-in with the
 * same shape and clustered structure that costs seconds instead of five minutes of backbone.
 * Timed as the map job runs them: PCA (axes fitted on 10,000 rows, all projected), then UMAP
 * (fitted on 8,000 points, the rest placed). Reference, same matrix, same run: scikit-learn's
 * randomized PCA with one BLAS thread (the worker has one). umap-learn is not installed here,
 * so UMAP is judged by what a user sees: how often a point's 10 nearest neighbours on the map
 * share its class, next to the PCA map's figure, for fitted and for placed points.
 */
export async function benchMapProjection(): Promise<BenchResult> {
  await selectBackend();
  const data = await loadFashionMnist();
  const x = randomFeatures(data.train.pixels, points, data.train.height * data.train.width, width);
  const labels = data.train.labels.subarray(0, points);
  const ids = Array.from({ length: points }, (_, i) => `s${i}`);
  const maps: Record<string, { x: number[]; y: number[] }> = {};
  const cpu: Record<string, number> = {};
  const cpuStart = process.cpuUsage().user;
  const load = loadavg()[0];
  const result = await projectMap(x, ids, width, {
    method: 'umap',
    neighbours: 15,
    seed: 1,
    progress: () => undefined,
    write: async (map) => {
      maps[map.method] = map;
      cpu[map.method] = (process.cpuUsage().user - cpuStart) / 1e6;
    },
  });

  const folder = await mkdtemp(join(tmpdir(), 'studio-bench-pca-'));
  let sklearn: { seconds: number; varianceKept: number } | { unavailable: string };
  try {
    await writeFile(join(folder, 'x.f32'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    const script = join(import.meta.dirname, 'mapProjectionReference.py');
    sklearn = lastJsonLine(script, await runPython(script, [join(folder, 'x.f32'), String(points), String(width)], 1));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const pca = result.pcaMs / 1000;
  const umap = (result.umapMs ?? 0) / 1000;
  const fitted = sampleFitted(points, result.fitted);
  return {
    name: `Embedding map: PCA then UMAP of ${points.toLocaleString('en-US')} embeddings (${width}-d)`,
    figures: {
      'PCA, s': round(pca),
      'UMAP (fit on sample + place the rest), s': round(umap),
      'PCA map shown, then UMAP map shown, s': round(pca + umap),
      'PCA, CPU s': round(cpu.pca),
      'UMAP, CPU s': round(cpu.umap - cpu.pca),
      'points UMAP was fitted on': result.fitted,
      'map neighbours of the same class, UMAP (fitted points), %': round(100 * sameClassNeighbours(maps.umap, labels, fitted.fitted)),
      'map neighbours of the same class, UMAP (placed points), %': round(100 * sameClassNeighbours(maps.umap, labels, fitted.placed)),
    },
    reference: 'unavailable' in sklearn ? {} : {
      'scikit-learn randomized PCA (1 thread), s': round(sklearn.seconds),
      'variance kept by its 50 axes, %': round(100 * sklearn.varianceKept),
      'map neighbours of the same class, PCA map, %': round(100 * sameClassNeighbours(maps.pca, labels, fitted.all)),
    },
    ratios: 'unavailable' in sklearn ? {} : { 'PCA vs scikit-learn': round(pca / sklearn.seconds) },
    notes: [
      `The studio's 50 axes keep ${round(100 * result.varianceKept)} % of the variance.`,
      ...('unavailable' in sklearn ? [sklearn.unavailable] : []),
      `The machine was shared with other work while measuring (load average ${round(load)} on ${cpus().length} cores at the start); compare the ratio, and CPU seconds with seconds.`,
    ],
  };
}

/** `count` rows of ReLU(x·W) with a fixed Gaussian W (`inputDim × outputDim`, seed 1). */
function randomFeatures(pixels: Float32Array, count: number, inputDim: number, outputDim: number): Float32Array {
  const random = seededRandom(1);
  const scale = 1 / Math.sqrt(inputDim);
  const w = Float32Array.from({ length: inputDim * outputDim }, () => random.normal() * scale);
  const features = tf.tidy(() => tf.relu(tf.matMul(tf.tensor2d(pixels.subarray(0, count * inputDim), [count, inputDim]), tf.tensor2d(w, [inputDim, outputDim]))));
  const x = features.dataSync() as Float32Array;
  features.dispose();
  return x;
}

/** Which rows the map fitted UMAP on (the same draw as `projectMap`), 1,000 of each kind for the neighbour figure. */
function sampleFitted(count: number, fit: number): { fitted: number[]; placed: number[]; all: number[] } {
  const chosen = new Set(umapSample(count, fit, 1));
  const fitted: number[] = [];
  const placed: number[] = [];
  for (let i = 0; i < count; i += 7) (chosen.has(i) ? fitted : placed).push(i);
  return { fitted: fitted.slice(0, 1000), placed: placed.slice(0, 1000), all: Array.from({ length: 1000 }, (_, i) => i * 7) };
}

/** Mean share of each row's 10 nearest points on the 2-D map that have its class. */
function sameClassNeighbours(map: { x: number[]; y: number[] } | undefined, labels: Int32Array, rows: number[]): number {
  if (!map || rows.length === 0) return Number.NaN;
  let same = 0;
  for (const row of rows) {
    const nearest: { d: number; j: number }[] = [];
    for (let j = 0; j < map.x.length; j++) {
      if (j === row) continue;
      const d = (map.x[j] - map.x[row]) ** 2 + (map.y[j] - map.y[row]) ** 2;
      if (nearest.length < 10 || d < nearest[9].d) {
        nearest.push({ d, j });
        nearest.sort((a, b) => a.d - b.d);
        if (nearest.length > 10) nearest.pop();
      }
    }
    same += nearest.filter((n) => labels[n.j] === labels[row]).length / nearest.length;
  }
  return same / rows.length;
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

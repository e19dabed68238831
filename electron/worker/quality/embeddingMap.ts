import { UMAP } from 'umap-js';
import { StudioError } from '../../../shared/contract/channel';
import type { QualityStep } from '../../../shared/ml/quality';
import { seededRandom } from '../acquisition/seededRandom';
import { approximateNeighbours } from './approximateNeighbours';
import { principalComponents } from './pca';

/** UMAP runs on this many principal axes (the usual practice: it denoises and is much cheaper). */
const UMAP_AXES = 50;

export interface MapOptions {
  method: 'pca' | 'umap';
  neighbours: number;
  seed: number;
  signal?: AbortSignal;
  progress(step: QualityStep, done: number, total: number): void;
  /** Called with each finished projection (PCA first), coordinates scaled into [0, 1]. */
  write(map: { method: 'pca' | 'umap'; sampleIds: string[]; x: number[]; y: number[] }): Promise<void>;
}

/**
 * The 2-D embedding map. PCA's first two axes are written at once (a second or two), then
 * UMAP (McInnes et al. 2018, through umap-js) on the first 50 axes with a k-NN graph found
 * by NN-descent, stepped epoch by epoch so progress and cancel work throughout.
 */
export async function projectMap(x: Float32Array, sampleIds: string[], dim: number, options: MapOptions) {
  const count = sampleIds.length;
  let time = performance.now();
  const projection = principalComponents(x, count, dim, Math.min(UMAP_AXES, Math.max(count - 1, 1)), options.seed);
  const m = projection.components;
  await options.write({ method: 'pca', sampleIds, ...scaled(count, (i) => projection.coordinates[i * m], (i) => (m > 1 ? projection.coordinates[i * m + 1] : 0)) });
  options.progress('pca', 1, 1);
  const pcaMs = performance.now() - time;
  if (options.method === 'pca' || count < 4) return { method: 'pca' as const, points: count, pcaMs, umapMs: null };

  time = performance.now();
  const k = Math.min(options.neighbours, count - 1);
  const graph = await approximateNeighbours(projection.coordinates, count, m, k, { seed: options.seed, signal: options.signal, onProgress: (d, t) => options.progress('neighbours', d, t) });
  const random = seededRandom(options.seed);
  const umap = new UMAP({ nNeighbors: graph.k, random: () => random.next() });
  const rows = (array: ArrayLike<number>, width: number) => Array.from({ length: count }, (_, i) => Array.from({ length: width }, (_, j) => array[i * width + j]));
  umap.setPrecomputedKNN(rows(graph.indices, graph.k), rows(graph.distances, graph.k));
  const epochs = umap.initializeFit(rows(projection.coordinates, m));
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (options.signal?.aborted) throw new StudioError('cancelled', 'The embedding map was cancelled.', 'The PCA map is kept; UMAP runs again after the next training run.');
    umap.step();
    if (epoch % 10 === 9 || epoch === epochs - 1) {
      options.progress('umap', epoch + 1, epochs);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const embedding = umap.getEmbedding();
  await options.write({ method: 'umap', sampleIds, ...scaled(count, (i) => embedding[i][0], (i) => embedding[i][1]) });
  return { method: 'umap' as const, points: count, pcaMs, umapMs: performance.now() - time };
}

/** Both axes scaled by the same factor into [0, 1] (shapes keep their aspect), 4 decimals. */
function scaled(count: number, xOf: (i: number) => number, yOf: (i: number) => number): { x: number[]; y: number[] } {
  const xs = Array.from({ length: count }, (_, i) => xOf(i));
  const ys = Array.from({ length: count }, (_, i) => yOf(i));
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return {
    x: xs.map((v) => round((v - x0) / span + (1 - (x1 - x0) / span) / 2)),
    y: ys.map((v) => round((v - y0) / span + (1 - (y1 - y0) / span) / 2)),
  };
}

function range(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 1];
}

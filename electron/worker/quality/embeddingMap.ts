import { UMAP } from 'umap-js';
import { StudioError } from '../../../shared/contract/channel';
import type { QualityStep } from '../../../shared/ml/quality';
import { seededRandom, shuffledIndices } from '../acquisition/seededRandom';
import { nearestNeighbours } from './nearestNeighbours';
import { principalComponents } from './pca';
import { placeAmong } from './placeAmong';

/** UMAP runs on this many principal axes (the usual practice: it denoises and is much cheaper). */
const UMAP_AXES = 50;
/** UMAP is fitted on at most this many points (a seeded random sample); the rest are placed among them. */
export const UMAP_FIT_POINTS = 5_000;

export interface MapOptions {
  method: 'pca' | 'umap';
  neighbours: number;
  seed: number;
  /** Overrides UMAP_FIT_POINTS (tests). */
  fitPoints?: number;
  signal?: AbortSignal;
  progress(step: QualityStep, done: number, total: number): void;
  /** Called with each finished projection (PCA first), coordinates scaled into [0, 1]. */
  write(map: { method: 'pca' | 'umap'; sampleIds: string[]; x: number[]; y: number[] }): Promise<void>;
}

const cancelled = () => new StudioError('cancelled', 'The embedding map was cancelled.', 'The PCA map is kept; UMAP runs again after the next training run.');

/**
 * The 2-D embedding map. PCA's first two axes are written at once (seconds, even for
 * 50,000 × 1,280), then UMAP (McInnes et al. 2018, through umap-js) on the first 50 axes:
 * fitted on a sample of at most 5,000 points with an exact k-NN graph and stepped epoch by
 * epoch (progress, cancel), the other points then placed where their nearest fitted points
 * lie (UMAP's own transform start), so the layout's cost does not grow with the pool.
 */
export async function projectMap(x: Float32Array, sampleIds: string[], dim: number, options: MapOptions) {
  const count = sampleIds.length;
  let time = performance.now();
  const axes = Math.min(UMAP_AXES, Math.max(count - 1, 1));
  const projection = await principalComponents(x, count, dim, axes, { seed: options.seed, signal: options.signal, onProgress: (d, t) => options.progress('pca', d, t) });
  const m = projection.components;
  const pc = projection.coordinates;
  await options.write({ method: 'pca', sampleIds, ...scaled(count, (i) => pc[i * m], (i) => (m > 1 ? pc[i * m + 1] : 0)) });
  const pcaMs = performance.now() - time;
  const varianceKept = projection.explained.reduce((a, b) => a + b, 0);
  if (options.method === 'pca' || count < 4) return { method: 'pca' as const, points: count, fitted: 0, varianceKept, pcaMs, umapMs: null };

  time = performance.now();
  const fit = Math.min(count, options.fitPoints ?? UMAP_FIT_POINTS);
  const isFitted = new Uint8Array(count);
  const fitRows = umapSample(count, fit, options.seed);
  for (const row of fitRows) isFitted[row] = 1;
  const fitted = gatherRows(pc, fitRows, m);
  const graph = await nearestNeighbours(fitted, fit, fitted, fit, m, Math.min(options.neighbours, fit - 1), {
    self: (q) => q,
    signal: options.signal,
    onProgress: (d, t) => options.progress('neighbours', d, t),
  });
  const random = seededRandom(options.seed);
  // umap-learn's epoch count for big data; umap-js would spend 400 on 5,000 points for little gain.
  const umap = new UMAP({ nNeighbors: graph.k, nEpochs: fit > 2_500 ? 200 : undefined, random: () => random.next() });
  const rows = (array: ArrayLike<number>, n: number, width: number) => Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, j) => array[i * width + j]));
  umap.setPrecomputedKNN(rows(graph.indices, fit, graph.k), rows(graph.distances, fit, graph.k));
  const epochs = umap.initializeFit(rows(fitted, fit, m));
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (options.signal?.aborted) throw cancelled();
    umap.step();
    if (epoch % 10 === 9 || epoch === epochs - 1) {
      options.progress('umap', epoch + 1, epochs);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const layout = Float32Array.from(umap.getEmbedding().flat());
  const rest: number[] = [];
  for (let i = 0; i < count; i++) if (!isFitted[i]) rest.push(i);
  const placed = await placeAmong(gatherRows(pc, rest, m), rest.length, fitted, fit, m, layout, {
    k: graph.k,
    signal: options.signal,
    onProgress: (d, t) => options.progress('placing', d, t),
  });
  const xy = new Float32Array(count * 2);
  fitRows.forEach((row, i) => xy.set(layout.subarray(i * 2, i * 2 + 2), row * 2));
  rest.forEach((row, i) => xy.set(placed.subarray(i * 2, i * 2 + 2), row * 2));
  await options.write({ method: 'umap', sampleIds, ...scaled(count, (i) => xy[i * 2], (i) => xy[i * 2 + 1]) });
  return { method: 'umap' as const, points: count, fitted: fit, varianceKept, pcaMs, umapMs: performance.now() - time };
}

/** The rows UMAP is fitted on, ascending: all of them, or a seeded random `fit` of them. */
export function umapSample(count: number, fit: number, seed: number): Int32Array {
  if (fit >= count) return Int32Array.from({ length: count }, (_, i) => i);
  return shuffledIndices(count, seededRandom(seed ^ 0x5eed)).subarray(0, fit).sort();
}

function gatherRows(x: Float32Array, rows: ArrayLike<number>, width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(x.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return out;
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

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { principalComponents } from '../../../../electron/worker/quality/pca';
import { projectMap, umapSample } from '../../../../electron/worker/quality/embeddingMap';
import { membershipWeights } from '../../../../electron/worker/quality/placeAmong';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

/** `count` rows in `clusters` well separated blobs (cluster c is shifted along axis c), and each row's cluster. */
function blobs(count: number, dim: number, clusters: number, seed: number): { x: Float32Array; cluster: Int32Array } {
  const random = seededRandom(seed);
  const cluster = Int32Array.from({ length: count }, (_, i) => i % clusters);
  const x = Float32Array.from({ length: count * dim }, (_, i) => random.normal() + ((i % dim) === cluster[Math.floor(i / dim)] ? 12 : 0));
  return { x, cluster };
}

describe('PCA of a big pool', () => {
  it('fits its axes on a sample yet projects every row, keeping nearly the variance a full fit keeps', async () => {
    const random = seededRandom(5);
    const count = 4000;
    const dim = 30;
    const x = Float32Array.from({ length: count * dim }, (_, i) => random.normal() * (i % dim === 0 ? 10 : i % dim === 1 ? 5 : 1));
    const full = await principalComponents(x, count, dim, 2, { fitRows: count });
    const sampled = await principalComponents(x, count, dim, 2, { fitRows: 500 });
    expect(sampled.coordinates.length).toBe(count * 2);
    const kept = (p: { explained: number[] }) => p.explained[0] + p.explained[1];
    expect(kept(sampled)).toBeGreaterThan(kept(full) * 0.99);
    let agree = 0;
    for (let i = 0; i < count; i++) agree += Math.sign(sampled.coordinates[i * 2]) === Math.sign(x[i * dim]) ? 1 : 0;
    expect(Math.max(agree, count - agree)).toBeGreaterThan(count * 0.97);
  });

  it('never puts two rows further apart than they are (the duplicate search depends on it)', async () => {
    const { x } = blobs(600, 40, 4, 2);
    const { coordinates: p, components: m } = await principalComponents(x, 600, 40, 8, { fitRows: 200 });
    for (let i = 0; i < 600; i += 7) {
      for (let j = i + 1; j < 600; j += 13) {
        let rows = 0;
        let mapped = 0;
        for (let c = 0; c < 40; c++) rows += (x[i * 40 + c] - x[j * 40 + c]) ** 2;
        for (let c = 0; c < m; c++) mapped += (p[i * m + c] - p[j * m + c]) ** 2;
        expect(mapped).toBeLessThanOrEqual(rows * (1 + 1e-4) + 1e-6);
      }
    }
  });

  it('reports progress up to the end, can be cancelled between blocks, and leaves no tensor behind', async () => {
    const { x } = blobs(3000, 700, 5, 3); // 700-d rows: several blocks per pass
    const before = tf.memory().numTensors;
    const seen: [number, number][] = [];
    await principalComponents(x, 3000, 700, 10, { fitRows: 1000, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(7);
    expect(seen.every(([done], i) => i === 0 || done > seen[i - 1][0])).toBe(true);
    expect(seen.at(-1)![0]).toBe(seen.at(-1)![1]);
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    const run = principalComponents(x, 3000, 700, 10, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the UMAP map of a big pool', () => {
  it('shows PCA first, then places the points it did not fit among their own cluster', async () => {
    const count = 1500;
    const { x, cluster } = blobs(count, 24, 4, 7);
    const written: { method: string; x: number[]; y: number[] }[] = [];
    const steps: string[] = [];
    const result = await projectMap(x, Array.from({ length: count }, (_, i) => `s${i}`), 24, {
      method: 'umap',
      neighbours: 10,
      seed: 1,
      fitPoints: 400,
      progress: (step) => {
        if (steps.at(-1) !== step) steps.push(step);
      },
      write: async (map) => void written.push(map),
    });
    expect(written.map((w) => w.method)).toEqual(['pca', 'umap']);
    expect(steps).toEqual(['pca', 'neighbours', 'umap', 'placing']);
    expect(result.fitted).toBe(400);
    const map = written[1];
    expect(map.x).toHaveLength(count);
    expect(map.x.every((v) => v >= 0 && v <= 1) && map.y.every((v) => v >= 0 && v <= 1)).toBe(true);
    // Each placed point's nearest fitted point on the map belongs to its cluster.
    const fitted = [...umapSample(count, 400, 1)];
    const isFitted = new Set(fitted);
    let right = 0;
    let placed = 0;
    for (let i = 0; i < count; i++) {
      if (isFitted.has(i)) continue;
      placed++;
      let best = -1;
      let bestD = Infinity;
      for (const j of fitted) {
        const d = (map.x[i] - map.x[j]) ** 2 + (map.y[i] - map.y[j]) ** 2;
        if (d < bestD) [best, bestD] = [j, d];
      }
      if (cluster[best] === cluster[i]) right++;
    }
    expect(placed).toBe(1100);
    expect(right / placed).toBeGreaterThan(0.97);
  });

  it('weights a point’s neighbours as UMAP does: the nearest fully, the rest summing to log₂ k', () => {
    const weights = new Float64Array(8);
    membershipWeights([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5], weights);
    expect(weights[0]).toBe(1);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 4);
    expect([...weights].every((w, i) => i === 0 || w < weights[i - 1])).toBe(true);
  });
});

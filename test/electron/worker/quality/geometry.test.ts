import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { principalComponents } from '../../../../electron/worker/quality/pca';
import { nearestNeighbours } from '../../../../electron/worker/quality/nearestNeighbours';
import { embeddingDuplicateGroups } from '../../../../electron/worker/quality/embeddingDuplicates';
import { outlierScores } from '../../../../electron/worker/quality/outliers';
import { stratifiedFolds } from '../../../../electron/worker/quality/stratifiedFolds';
import { symmetricEigen } from '../../../../electron/worker/quality/symmetricEigen';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

function gaussian(count: number, dim: number, seed: number, scale: (d: number) => number = () => 1): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: count * dim }, (_, i) => random.normal() * scale(i % dim));
}

describe('embedding geometry', () => {
  it('symmetric eigen-decomposition recovers a known spectrum', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].map((v) => +v.toFixed(6))).toEqual([5, 3, 1]);
    expect(Math.abs(vectors[2 * 3 + 0])).toBeCloseTo(1, 6); // the eigenvector of 5 is the z axis
  });

  it('PCA finds the axes with the most variance and says how much each keeps', () => {
    const before = tf.memory().numTensors;
    // Variance 100, 25, 1, 1, ... along the first axes.
    const x = gaussian(2000, 20, 3, (d) => (d === 0 ? 10 : d === 1 ? 5 : 1));
    const { explained, coordinates, components } = principalComponents(x, 2000, 20, 2);
    expect(components).toBe(2);
    expect(explained[0]).toBeGreaterThan(0.7);
    expect(explained[0]).toBeGreaterThan(explained[1]);
    // The first coordinate is (up to sign) the first input axis.
    let agree = 0;
    for (let i = 0; i < 2000; i++) agree += Math.sign(coordinates[i * 2]) === Math.sign(x[i * 20]) ? 1 : 0;
    expect(Math.max(agree, 2000 - agree)).toBeGreaterThan(1950);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('k-nearest neighbours match a brute-force scan and leave the row itself out', async () => {
    const x = gaussian(300, 8, 5);
    const found = await nearestNeighbours(x, 300, x, 300, 8, 3, { self: (q) => q });
    for (const q of [0, 17, 299]) {
      const d = Array.from({ length: 300 }, (_, j) => ({ j, d: Math.hypot(...Array.from({ length: 8 }, (_, c) => x[q * 8 + c] - x[j * 8 + c])) }))
        .filter((e) => e.j !== q)
        .sort((a, b) => a.d - b.d);
      expect([...found.indices.subarray(q * 3, q * 3 + 3)]).toEqual(d.slice(0, 3).map((e) => e.j));
      expect(found.distances[q * 3]).toBeCloseTo(d[0].d, 3);
    }
  });

  it('groups near-duplicate embeddings, tells exact copies apart, and misses no pair', () => {
    const dim = 40;
    const x = gaussian(500, dim, 9);
    const random = seededRandom(4);
    // Row 10 copied exactly to 11; rows 20 → 21 → 22 a chain of slight changes; 30 ≈ 31.
    x.copyWithin(11 * dim, 10 * dim, 11 * dim);
    for (const [to, from] of [[21, 20], [22, 21], [31, 30]]) for (let d = 0; d < dim; d++) x[to * dim + d] = x[from * dim + d] + 0.05 * random.normal();
    const groups = embeddingDuplicateGroups(x, 500, dim, 0.99);
    expect(groups.map((g) => g.rows)).toEqual([[20, 21, 22], [10, 11], [30, 31]]);
    expect(groups.find((g) => g.rows[0] === 10)!.kind).toBe('exact');
    expect(groups.find((g) => g.rows[0] === 30)!.kind).toBe('near');
    expect(embeddingDuplicateGroups(x, 500, dim, 0.99999).map((g) => g.rows)).toEqual([[10, 11]]);
  });

  it('scores a sample far from every labeled class as an outlier, not one inside a class', async () => {
    const dim = 6;
    const count = 203;
    const x = new Float32Array(count * dim);
    const labels = new Int32Array(count).fill(-1);
    const random = seededRandom(2);
    for (let i = 0; i < 200; i++) {
      const c = i % 2;
      labels[i] = i < 150 ? c : -1;
      for (let d = 0; d < dim; d++) x[i * dim + d] = random.normal() + (d === 0 ? (c ? 10 : -10) : 0);
    }
    // 200 sits between the classes far off the axis; 201 inside class 0; 202 far out.
    x.set([0, 30, 0, 0, 0, 0], 200 * dim);
    x.set([-10, 0, 0, 0, 0, 0], 201 * dim);
    x.set([0, 0, 0, 80, 0, 0], 202 * dim);
    const scores = await outlierScores(x, count, dim, labels, 2, { k: 5 });
    expect(scores.slice(0, 2).map((s) => s.index).sort()).toEqual([200, 202]);
    expect(scores.find((s) => s.index === 201)!.score).toBeLessThan(1.5);
    expect(scores[0].score).toBeGreaterThan(5);
  });

  it('stratified folds give every fold its share of each class', () => {
    const labels = Int32Array.from({ length: 103 }, (_, i) => (i < 50 ? 0 : i < 100 ? 1 : 2));
    const fold = stratifiedFolds(labels, 103, 5, 1);
    for (let f = 0; f < 5; f++) {
      const of = (c: number) => [...labels].filter((l, i) => l === c && fold[i] === f).length;
      expect(of(0)).toBe(10);
      expect(of(1)).toBe(10);
    }
    expect(new Set([...fold].filter((_, i) => labels[i] === 2)).size).toBe(3); // 3 rows spread over 3 folds
  });
});

describe('approximate neighbours for the map', () => {
  it('finds nearly all true nearest neighbours', async () => {
    const { approximateNeighbours } = await import('../../../../electron/worker/quality/approximateNeighbours');
    const count = 3000;
    const dim = 16;
    const random = seededRandom(8);
    const x = Float32Array.from({ length: count * dim }, (_, i) => random.normal() + (i % dim === 0 ? (Math.floor(i / dim) % 5) * 3 : 0));
    const exact = await nearestNeighbours(x, count, x, count, dim, 10, { self: (q) => q });
    const approx = await approximateNeighbours(x, count, dim, 10);
    let hits = 0;
    for (let i = 0; i < count; i++) {
      const truth = new Set(exact.indices.subarray(i * 10, i * 10 + 10));
      for (const j of approx.indices.subarray(i * 10, i * 10 + 10)) if (truth.has(j)) hits++;
    }
    expect(hits / (count * 10)).toBeGreaterThan(0.9);
  });
});

import { describe, expect, it } from 'vitest';
import { kMeansRepresentatives } from '../../../../electron/worker/acquisition/math/kmeans';
import { PointSet } from '../../../../electron/worker/acquisition/math/pointSet';
import { kCenterGreedy, kMeansPlusPlus, squaredDistance, topK } from '../../../../electron/worker/acquisition/math/selectors';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';

// Five points on a line (1-d): a tight group near 0, one at 5, one at 10.
const line = Float32Array.from([0, 0.1, 0.2, 5, 10]);

describe('selectors on small geometric examples', () => {
  it('topK takes the highest scores, ties in index order', () => {
    expect(topK(Float32Array.from([0.1, 0.9, 0.5, 0.9]), 3)).toEqual([1, 3, 2]);
    expect(topK(Float32Array.from([1, 2]), 5)).toEqual([1, 0]);
  });

  it('k-center greedy picks the far points, not the crowded ones', () => {
    expect(kCenterGreedy(new PointSet(line, 5, 1), 3, { first: 0 })).toEqual([0, 4, 3]);
  });

  it('k-center greedy starts from the labeled set when one is given', () => {
    const labeled = Float32Array.from([0]);
    const points = new PointSet(line, 5, 1);
    const initialDistances = points.nearest(labeled, 1).distances;
    Array.from(initialDistances).forEach((d, i) => expect(d).toBeCloseTo([0, 0.1, 0.2, 5, 10][i] ** 2, 5));
    expect(kCenterGreedy(points, 2, { initialDistances })).toEqual([4, 3]);
  });

  it('k-means++ never picks the same point twice, even when points coincide', () => {
    const same = Float32Array.from([1, 1, 1, 1]);
    const picks = kMeansPlusPlus(new PointSet(same, 4, 1), 3, seededRandom(1));
    expect(new Set(picks).size).toBe(3);
  });

  it('k-means representatives take one typical point per cluster, with the cluster sizes', () => {
    const random = seededRandom(3);
    const groups = [
      { centre: [0, 0], size: 50 },
      { centre: [10, 0], size: 30 },
      { centre: [0, 10], size: 20 },
    ];
    const points: number[] = [];
    for (const g of groups) for (let i = 0; i < g.size; i++) points.push(g.centre[0] + random.normal() * 0.3, g.centre[1] + random.normal() * 0.3);
    const { representatives, sizes } = kMeansRepresentatives(new PointSet(Float32Array.from(points), 100, 2), 3, seededRandom(1));
    const groupOf = (i: number) => (i < 50 ? 0 : i < 80 ? 1 : 2);
    expect(representatives.map(groupOf).sort()).toEqual([0, 1, 2]);
    expect([...sizes].sort((a, b) => a - b)).toEqual([20, 30, 50]);
  });

  it('distances from the SIMD dot products agree with plain subtraction, whatever the width', () => {
    const random = seededRandom(9);
    for (const dim of [1, 3, 5, 784]) {
      const count = 37;
      const x = Float32Array.from({ length: count * dim }, () => random.normal());
      const centers = Float32Array.from({ length: 70 * dim }, () => random.normal());
      const points = new PointSet(x, count, dim);
      const toRow = points.distancesToPoint(5);
      const nearest = points.nearest(centers, 70);
      for (let i = 0; i < count; i++) {
        expect(toRow[i]).toBeCloseTo(squaredDistance(x, i, x, 5, dim), 2);
        let best = 0;
        for (let c = 1; c < 70; c++) if (squaredDistance(x, i, centers, c, dim) < squaredDistance(x, i, centers, best, dim)) best = c;
        expect(nearest.index[i]).toBe(best);
        expect(nearest.distances[i]).toBeCloseTo(squaredDistance(x, i, centers, best, dim), 2);
      }
    }
  });
});

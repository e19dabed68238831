import type { SeededRandom } from '../seededRandom';
import type { PointSet } from './pointSet';
import { kMeansPlusPlus } from './selectors';

/**
 * Weighted k-means (Lloyd) from a k-means++ start. Returns, for each cluster, the member
 * nearest its centroid (the cluster's most typical point) and the cluster's size. An
 * emptied cluster is moved to the point currently worst served, so every cluster has a
 * member and the representatives are distinct.
 */
export function kMeansRepresentatives(
  points: PointSet,
  k: number,
  random: SeededRandom,
  options: { weights?: Float32Array; iterations?: number } = {},
): { representatives: number[]; sizes: number[] } {
  const { count, dim } = points;
  const x = points.points;
  const clusters = Math.min(k, count);
  if (clusters === 0) return { representatives: [], sizes: [] };
  const weight = (i: number) => (options.weights ? options.weights[i] : 1);
  const centroids = new Float32Array(clusters * dim);
  kMeansPlusPlus(points, clusters, random, options.weights).forEach((p, c) => centroids.set(x.subarray(p * dim, (p + 1) * dim), c * dim));
  let nearest = points.nearest(centroids, clusters);
  for (let iteration = 0; iteration < (options.iterations ?? 10); iteration++) {
    const sums = new Float64Array(clusters * dim);
    const mass = new Float64Array(clusters);
    for (let i = 0; i < count; i++) {
      const c = nearest.index[i];
      mass[c] += weight(i);
      for (let d = 0; d < dim; d++) sums[c * dim + d] += weight(i) * x[i * dim + d];
    }
    const distance = nearest.distances;
    for (let c = 0; c < clusters; c++) {
      if (mass[c] > 0) for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d] / mass[c];
      else {
        let worst = 0;
        for (let i = 1; i < count; i++) if (distance[i] > distance[worst]) worst = i;
        centroids.set(x.subarray(worst * dim, (worst + 1) * dim), c * dim);
        distance[worst] = 0;
      }
    }
    nearest = points.nearest(centroids, clusters);
  }
  const representatives = new Array<number>(clusters).fill(-1);
  const sizes = new Array<number>(clusters).fill(0);
  for (let i = 0; i < count; i++) {
    const c = nearest.index[i];
    sizes[c]++;
    if (representatives[c] < 0 || nearest.distances[i] < nearest.distances[representatives[c]]) representatives[c] = i;
  }
  // A cluster left empty after the last assignment: take the nearest point not yet chosen.
  const chosen = new Set(representatives.filter((r) => r >= 0));
  representatives.forEach((r, c) => {
    if (r >= 0) return;
    const toCentroid = points.nearest(centroids.subarray(c * dim, (c + 1) * dim), 1).distances;
    let best = -1;
    for (let i = 0; i < count; i++) if (!chosen.has(i) && (best < 0 || toCentroid[i] < toCentroid[best])) best = i;
    representatives[c] = best;
    chosen.add(best);
  });
  return { representatives, sizes };
}

import type { SeededRandom } from '../seededRandom';
import { kMeansPlusPlus, squaredDistance } from './selectors';

/**
 * Weighted k-means (Lloyd) from a k-means++ start. Returns, for each cluster, the member
 * nearest its centroid (the cluster's most typical point) and the cluster's size. An
 * emptied cluster is moved to the point currently worst served, so every cluster has a
 * member and the representatives are distinct.
 */
export function kMeansRepresentatives(
  points: Float32Array,
  count: number,
  dim: number,
  k: number,
  random: SeededRandom,
  options: { weights?: Float32Array; iterations?: number } = {},
): { representatives: number[]; sizes: number[] } {
  const clusters = Math.min(k, count);
  if (clusters === 0) return { representatives: [], sizes: [] };
  const weight = (i: number) => (options.weights ? options.weights[i] : 1);
  const centroids = new Float32Array(clusters * dim);
  kMeansPlusPlus(points, count, dim, clusters, random, options.weights).forEach((p, c) => centroids.set(points.subarray(p * dim, (p + 1) * dim), c * dim));
  const assignment = new Int32Array(count);
  const distance = new Float64Array(count);
  for (let iteration = 0; iteration < (options.iterations ?? 10); iteration++) {
    assign(points, count, centroids, clusters, dim, assignment, distance);
    const sums = new Float64Array(clusters * dim);
    const mass = new Float64Array(clusters);
    for (let i = 0; i < count; i++) {
      const c = assignment[i];
      mass[c] += weight(i);
      for (let d = 0; d < dim; d++) sums[c * dim + d] += weight(i) * points[i * dim + d];
    }
    for (let c = 0; c < clusters; c++) {
      if (mass[c] > 0) for (let d = 0; d < dim; d++) centroids[c * dim + d] = sums[c * dim + d] / mass[c];
      else {
        const worst = distance.indexOf(Math.max(...distance));
        centroids.set(points.subarray(worst * dim, (worst + 1) * dim), c * dim);
        distance[worst] = 0;
      }
    }
  }
  assign(points, count, centroids, clusters, dim, assignment, distance);
  const representatives = new Array<number>(clusters).fill(-1);
  const sizes = new Array<number>(clusters).fill(0);
  for (let i = 0; i < count; i++) {
    const c = assignment[i];
    sizes[c]++;
    if (representatives[c] < 0 || distance[i] < distance[representatives[c]]) representatives[c] = i;
  }
  // A cluster left empty after the last assignment: take the nearest point not yet chosen.
  const chosen = new Set(representatives.filter((r) => r >= 0));
  representatives.forEach((r, c) => {
    if (r >= 0) return;
    let best = -1;
    for (let i = 0; i < count; i++) if (!chosen.has(i) && (best < 0 || squaredDistance(points, i, centroids, c, dim) < squaredDistance(points, best, centroids, c, dim))) best = i;
    representatives[c] = best;
    chosen.add(best);
  });
  return { representatives, sizes };
}

function assign(points: Float32Array, count: number, centroids: Float32Array, clusters: number, dim: number, assignment: Int32Array, distance: Float64Array): void {
  for (let i = 0; i < count; i++) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0; c < clusters; c++) {
      const d = squaredDistance(points, i, centroids, c, dim);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    assignment[i] = best;
    distance[i] = bestDistance;
  }
}

import type { SeededRandom } from '../seededRandom';

/** Indices of the `n` highest scores, best first; ties keep the lower index first. */
export function topK(scores: Float32Array, n: number): number[] {
  const order = Array.from(scores.keys());
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order.slice(0, Math.min(n, scores.length));
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b`. */
export function squaredDistance(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let sum = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let d = 0; d < dim; d++) {
    const diff = a[ai + d] - b[bj + d];
    sum += diff * diff;
  }
  return sum;
}

/** For each point, the squared distance to its nearest center (Infinity when there are none). */
export function nearestCenterDistances(points: Float32Array, count: number, centers: Float32Array, centerCount: number, dim: number): Float32Array {
  const nearest = new Float32Array(count).fill(Infinity);
  for (let i = 0; i < count; i++) {
    let best = Infinity;
    for (let c = 0; c < centerCount; c++) best = Math.min(best, squaredDistance(points, i, centers, c, dim));
    nearest[i] = best;
  }
  return nearest;
}

/**
 * k-center greedy (Sener & Savarese): repeatedly take the point farthest from everything
 * chosen so far (and from `initialDistances`, e.g. the labeled set). With no labeled set,
 * it starts from `first`. Returns the picks in order.
 */
export function kCenterGreedy(points: Float32Array, count: number, dim: number, n: number, options: { initialDistances?: Float32Array; first?: number } = {}): number[] {
  const distance = options.initialDistances ? Float32Array.from(options.initialDistances) : new Float32Array(count).fill(Infinity);
  const picks: number[] = [];
  const take = Math.min(n, count);
  while (picks.length < take) {
    let pick = -1;
    if (picks.length === 0 && !options.initialDistances) pick = options.first ?? 0;
    // Chosen points hold −1, so the farthest unchosen point always wins.
    else for (let i = 0; i < count; i++) if (distance[i] >= 0 && (pick < 0 || distance[i] > distance[pick])) pick = i;
    picks.push(pick);
    distance[pick] = -1;
    for (let i = 0; i < count; i++) if (distance[i] > 0) distance[i] = Math.min(distance[i], squaredDistance(points, i, points, pick, dim));
  }
  return picks;
}

/**
 * k-means++ seeding: each next pick is drawn with probability ∝ weight × squared distance
 * to the picks so far, so picks are spread out but still favour heavy (e.g. uncertain)
 * points. The first pick is the heaviest point.
 */
export function kMeansPlusPlus(points: Float32Array, count: number, dim: number, n: number, random: SeededRandom, weights?: Float32Array): number[] {
  const take = Math.min(n, count);
  if (take === 0) return [];
  const weight = (i: number) => (weights ? weights[i] : 1);
  let first = 0;
  for (let i = 1; i < count; i++) if (weight(i) > weight(first)) first = i;
  const picks = [first];
  const distance = new Float64Array(count);
  for (let i = 0; i < count; i++) distance[i] = squaredDistance(points, i, points, first, dim);
  while (picks.length < take) {
    let total = 0;
    for (let i = 0; i < count; i++) total += distance[i] * weight(i);
    let pick = -1;
    if (total > 0) {
      let target = random.next() * total;
      for (let i = 0; i < count && pick < 0; i++) {
        target -= distance[i] * weight(i);
        if (target < 0 && distance[i] > 0) pick = i;
      }
    }
    // All remaining points coincide with picks (or rounding ran past the end): take any unpicked one.
    if (pick < 0) pick = Array.from(distance.keys()).find((i) => !picks.includes(i))!;
    picks.push(pick);
    for (let i = 0; i < count; i++) distance[i] = Math.min(distance[i], squaredDistance(points, i, points, pick, dim));
    distance[pick] = 0;
  }
  return picks;
}

import type { SeededRandom } from '../seededRandom';
import type { PointSet } from './pointSet';

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

/**
 * k-center greedy (Sener & Savarese 2018): repeatedly take the point farthest from
 * everything chosen so far (and from `initialDistances`, e.g. the squared distances to the
 * labeled set). With no labeled set, it starts from `first`. Returns the picks in order;
 * each pick costs one pass of distances over the points (O(n·dim)).
 */
export function kCenterGreedy(points: PointSet, n: number, options: { initialDistances?: Float32Array; first?: number } = {}): number[] {
  const { count } = points;
  const distance = options.initialDistances ? Float32Array.from(options.initialDistances) : new Float32Array(count).fill(Infinity);
  const toPick = new Float32Array(count);
  const picks: number[] = [];
  const take = Math.min(n, count);
  while (picks.length < take) {
    let pick = -1;
    if (picks.length === 0 && !options.initialDistances) pick = options.first ?? 0;
    // Chosen points hold −1, so the farthest unchosen point always wins.
    else for (let i = 0; i < count; i++) if (distance[i] >= 0 && (pick < 0 || distance[i] > distance[pick])) pick = i;
    picks.push(pick);
    distance[pick] = -1;
    points.distancesToPoint(pick, toPick);
    for (let i = 0; i < count; i++) if (distance[i] > 0) distance[i] = Math.min(distance[i], toPick[i]);
  }
  return picks;
}

/**
 * k-means++ seeding: each next pick is drawn with probability ∝ weight × squared distance
 * to the picks so far, so picks are spread out but still favour heavy (e.g. uncertain)
 * points. The first pick is the heaviest point.
 */
export function kMeansPlusPlus(points: PointSet, n: number, random: SeededRandom, weights?: Float32Array): number[] {
  const { count } = points;
  const take = Math.min(n, count);
  if (take === 0) return [];
  const weight = (i: number) => (weights ? weights[i] : 1);
  let first = 0;
  for (let i = 1; i < count; i++) if (weight(i) > weight(first)) first = i;
  const picks = [first];
  const picked = new Uint8Array(count);
  picked[first] = 1;
  const distance = Float64Array.from(points.distancesToPoint(first));
  distance[first] = 0;
  const toPick = new Float32Array(count);
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
    if (pick < 0) pick = picked.indexOf(0);
    picks.push(pick);
    picked[pick] = 1;
    points.distancesToPoint(pick, toPick);
    for (let i = 0; i < count; i++) distance[i] = picked[i] ? 0 : Math.min(distance[i], toPick[i]);
  }
  return picks;
}

import type { SeededRandom } from '../seededRandom';
import { PointSet } from './pointSet';

/**
 * BADGE's gradient embeddings for a softmax head (Ash et al., 2020), never materialised.
 * The gradient of the cross-entropy loss, with the head's own guess ŷ as the label, with
 * respect to the last layer's weights and bias is the outer product g = a ⊗ [x, 1] with
 * a = p − onehot(ŷ): `count × k × (dim + 1)` floats if written out (157 million for 20,000
 * Fashion-MNIST rows, the linear head's full gradient-embedding size). Inner products
 * factor instead: g_i·g_j = (a_i·a_j)(x_i·x_j + 1), so the distances to one pick cost one
 * pass of dot products over the embeddings (SIMD, `PointSet`) and no extra memory.
 */
export interface GradientEmbeddings {
  count: number;
  /** `count × k`: p − onehot(argmax p). */
  a: Float32Array;
  k: number;
  points: PointSet;
  /** ‖g_i‖² = ‖a_i‖² (‖x_i‖² + 1). */
  squaredNorms: Float64Array;
}

export function gradientEmbeddings(p: Float32Array, x: Float32Array, count: number, k: number, dim: number): GradientEmbeddings {
  const points = new PointSet(x, count, dim);
  const a = new Float32Array(count * k);
  const squaredNorms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let top = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c] > p[i * k + top]) top = c;
    let aa = 0;
    for (let c = 0; c < k; c++) {
      const v = p[i * k + c] - (c === top ? 1 : 0);
      a[i * k + c] = v;
      aa += v * v;
    }
    squaredNorms[i] = aa * (points.squaredNorms[i] + 1);
  }
  return { count, a, k, points, squaredNorms };
}

/** ‖g_i − g_j‖² for every i against one j, clamped at 0 against rounding. */
export function gradientDistancesTo(g: GradientEmbeddings, j: number, dots = new Float32Array(g.count)): Float64Array {
  const { a, k } = g;
  g.points.dotsWithPoint(j, dots);
  const out = new Float64Array(g.count);
  for (let i = 0; i < g.count; i++) {
    let aa = 0;
    for (let c = 0; c < k; c++) aa += a[i * k + c] * a[j * k + c];
    out[i] = Math.max(0, g.squaredNorms[i] + g.squaredNorms[j] - 2 * aa * (dots[i] + 1));
  }
  return out;
}

/**
 * k-means++ seeding in gradient space (BADGE's selector, on the whole pool): the first
 * pick has the largest gradient, each next one is drawn with probability ∝ squared
 * distance to the picks so far. Large gradients mean uncertain samples, distances in
 * gradient space mean different inputs or different confusions, so a batch is both
 * uncertain and varied without a trade-off knob.
 */
export function gradientKMeansPlusPlus(g: GradientEmbeddings, n: number, random: SeededRandom): number[] {
  const take = Math.min(n, g.count);
  if (take === 0) return [];
  let first = 0;
  for (let i = 1; i < g.count; i++) if (g.squaredNorms[i] > g.squaredNorms[first]) first = i;
  const picks = [first];
  const picked = new Uint8Array(g.count);
  picked[first] = 1;
  const dots = new Float32Array(g.count);
  const distance = gradientDistancesTo(g, first, dots);
  distance[first] = 0;
  while (picks.length < take) {
    let total = 0;
    for (let i = 0; i < g.count; i++) total += distance[i];
    let pick = -1;
    if (total > 0) {
      let target = random.next() * total;
      for (let i = 0; i < g.count && pick < 0; i++) {
        target -= distance[i];
        if (target < 0 && distance[i] > 0) pick = i;
      }
    }
    // Every remaining gradient coincides with a pick (e.g. all confident): take the next unpicked row.
    if (pick < 0) pick = picked.indexOf(0);
    picks.push(pick);
    picked[pick] = 1;
    const toPick = gradientDistancesTo(g, pick, dots);
    for (let i = 0; i < g.count; i++) distance[i] = picked[i] ? 0 : Math.min(distance[i], toPick[i]);
  }
  return picks;
}

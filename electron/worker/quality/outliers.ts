import { nearestNeighbours } from './nearestNeighbours';

export interface OutlierScore {
  /** Row in the input. */
  index: number;
  /** Distance to the nearest labeled class, in units of that class's own typical spread; above 1 is farther than usual. */
  score: number;
  /** The class it is least far from. */
  nearestClass: number;
}

/** A class's labeled rows beyond this are sampled (seeded): enough for a k-NN distance, bounded cost. */
const maxReferencesPerClass = 3000;

/**
 * How far each row lies from every labeled class. For class c, d_c(x) is the mean distance
 * from x to its k nearest labeled members of c (a member never counts itself), and s_c is
 * the median of d_c over c's own members: the class's usual spread. A row's score is
 * min over classes of d_c(x) / s_c, so it is high only when the row is unusually far from
 * every class. Classes with fewer than 2 labeled rows cannot be measured and are left out.
 */
export async function outlierScores(
  x: Float32Array,
  count: number,
  dim: number,
  labels: Int32Array,
  numClasses: number,
  options: { k?: number; signal?: AbortSignal; onProgress?(done: number, total: number): void } = {},
): Promise<OutlierScore[]> {
  const k = options.k ?? 5;
  const best = new Float64Array(count).fill(Infinity);
  const bestClass = new Int32Array(count).fill(-1);
  const classes = Array.from({ length: numClasses }, (_, c) => c).filter((c) => countOf(labels, count, c) >= 2);
  for (const [step, c] of classes.entries()) {
    const members = sampledMembers(labels, count, c);
    const refs = new Float32Array(members.length * dim);
    members.forEach((row, r) => refs.set(x.subarray(row * dim, (row + 1) * dim), r * dim));
    const position = new Map(members.map((row, r) => [row, r]));
    const found = await nearestNeighbours(x, count, refs, members.length, dim, k, { self: (q) => position.get(q) ?? -1, signal: options.signal });
    const mean = (row: number) => {
      let sum = 0;
      for (let j = 0; j < found.k; j++) sum += found.distances[row * found.k + j];
      return sum / found.k;
    };
    const spread = median(members.map(mean)) || 1e-12;
    for (let row = 0; row < count; row++) {
      const score = mean(row) / spread;
      if (score < best[row]) {
        best[row] = score;
        bestClass[row] = c;
      }
    }
    options.onProgress?.(step + 1, classes.length);
  }
  if (classes.length === 0) return [];
  return Array.from({ length: count }, (_, index) => ({ index, score: best[index], nearestClass: bestClass[index] })).sort((a, b) => b.score - a.score || a.index - b.index);
}

function countOf(labels: Int32Array, count: number, c: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) if (labels[i] === c) n++;
  return n;
}

/** The class's labeled rows, every m-th one when there are too many (deterministic). */
function sampledMembers(labels: Int32Array, count: number, c: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < count; i++) if (labels[i] === c) rows.push(i);
  if (rows.length <= maxReferencesPerClass) return rows;
  const stride = rows.length / maxReferencesPerClass;
  return Array.from({ length: maxReferencesPerClass }, (_, i) => rows[Math.floor(i * stride)]);
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import type { Dataset } from '../../../../electron/worker/heads/index';

/** Gaussian blobs, one per class, centred at ±spread on distinct axes: separable for spread ≫ 1. */
export function blobs(options: { perClass: number[]; dim: number; spread: number; seed: number }): Dataset {
  const { perClass, dim, spread, seed } = options;
  const random = seededRandom(seed);
  const count = perClass.reduce((a, b) => a + b, 0);
  const x = new Float32Array(count * dim);
  const y = new Int32Array(count);
  let row = 0;
  perClass.forEach((n, c) => {
    for (let i = 0; i < n; i++, row++) {
      y[row] = c;
      for (let j = 0; j < dim; j++) x[row * dim + j] = random.normal() + (j === c % dim ? spread : 0) - (j === (c + 1) % dim ? spread / 2 : 0);
    }
  });
  return { x, y, count, dim };
}

export function accuracy(probabilities: Float32Array, y: Int32Array, numClasses: number): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (probabilities[i * numClasses + k] > probabilities[i * numClasses + best]) best = k;
    if (best === y[i]) correct++;
  }
  return correct / y.length;
}

export function predictedCounts(probabilities: Float32Array, numClasses: number): number[] {
  const counts = new Array(numClasses).fill(0);
  for (let i = 0; i < probabilities.length / numClasses; i++) {
    let best = 0;
    for (let k = 1; k < numClasses; k++) if (probabilities[i * numClasses + k] > probabilities[i * numClasses + best]) best = k;
    counts[best]++;
  }
  return counts;
}

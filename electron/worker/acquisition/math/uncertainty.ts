/**
 * Uncertainty utilities on plain probabilities (`count × k`, row-major). Each returns one
 * score per row, higher meaning "more worth labeling". No TF.js: the caller brings the
 * head's probabilities (or its MC-dropout passes for BALD).
 */

/** 1 − the top probability. */
export function leastConfidenceScores(p: Float32Array, count: number, k: number): Float32Array {
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let top = 0;
    for (let c = 0; c < k; c++) top = Math.max(top, p[i * k + c]);
    scores[i] = 1 - top;
  }
  return scores;
}

/** 1 − (top probability − second probability): a small margin gives a score near 1. */
export function marginScores(p: Float32Array, count: number, k: number): Float32Array {
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const { first, second } = topTwo(p, i, k);
    scores[i] = 1 - (p[i * k + first] - p[i * k + second]);
  }
  return scores;
}

/** Shannon entropy in nats, −Σ p ln p (0 · ln 0 taken as 0). */
export function entropyScores(p: Float32Array, count: number, k: number): Float32Array {
  const scores = new Float32Array(count);
  for (let i = 0; i < count; i++) scores[i] = rowEntropy(p, i * k, k);
  return scores;
}

/**
 * BALD (mutual information between the label and the weights) from `passes` MC-dropout
 * passes laid out `passes × count × k`: H(mean over passes) − mean over passes of H.
 */
export function baldScores(samples: Float32Array, passes: number, count: number, k: number): Float32Array {
  const scores = new Float32Array(count);
  const mean = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    mean.fill(0);
    let meanEntropy = 0;
    for (let t = 0; t < passes; t++) {
      const offset = (t * count + i) * k;
      for (let c = 0; c < k; c++) mean[c] += samples[offset + c] / passes;
      meanEntropy += rowEntropy(samples, offset, k) / passes;
    }
    let entropyOfMean = 0;
    for (let c = 0; c < k; c++) if (mean[c] > 0) entropyOfMean -= mean[c] * Math.log(mean[c]);
    scores[i] = Math.max(0, entropyOfMean - meanEntropy);
  }
  return scores;
}

/** The two most probable classes of a row (ties go to the lower class index). */
export function topTwo(p: Float32Array, row: number, k: number): { first: number; second: number } {
  let first = 0;
  let second = -1;
  for (let c = 1; c < k; c++) {
    const v = p[row * k + c];
    if (v > p[row * k + first]) {
      second = first;
      first = c;
    } else if (second < 0 || v > p[row * k + second]) {
      second = c;
    }
  }
  return { first, second: Math.max(second, 0) };
}

function rowEntropy(p: Float32Array, offset: number, k: number): number {
  let h = 0;
  for (let c = 0; c < k; c++) {
    const v = p[offset + c];
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

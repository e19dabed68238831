/**
 * Softmax over the first `k` of `kp` logits per row, with the cross-entropy against each
 * row's label: returns every row's loss and how many rows have the label as their top class
 * (ties go to the lower class, as tf.argMax does). With `gradient`, writes p − onehot per row
 * (`kp` floats, padding classes 0): the logits' gradient before row weights.
 */
export function softmaxRows(
  logits: Float32Array,
  rows: number,
  k: number,
  kp: number,
  labelOf: (row: number) => number,
  gradient?: Float32Array,
): { losses: Float64Array; hits: number } {
  const losses = new Float64Array(rows);
  let hits = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * kp;
    const label = labelOf(r);
    let top = 0;
    for (let c = 1; c < k; c++) if (logits[row + c] > logits[row + top]) top = c;
    if (top === label) hits++;
    const max = logits[row + top];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[row + c] - max);
    losses[r] = max + Math.log(sum) - logits[row + label];
    if (gradient) {
      for (let c = 0; c < k; c++) gradient[row + c] = Math.exp(logits[row + c] - max) / sum - (c === label ? 1 : 0);
      for (let c = k; c < kp; c++) gradient[row + c] = 0;
    }
  }
  return { losses, hits };
}

/** Probabilities (`rows × k`, row-major) from `rows × kp` logits, written into `out` at row `at`. */
export function probabilitiesInto(logits: Float32Array, rows: number, k: number, kp: number, out: Float32Array, at: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * kp;
    let max = logits[row];
    for (let c = 1; c < k; c++) if (logits[row + c] > max) max = logits[row + c];
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp(logits[row + c] - max);
    const target = (at + r) * k;
    for (let c = 0; c < k; c++) out[target + c] = Math.exp(logits[row + c] - max) / sum;
  }
}

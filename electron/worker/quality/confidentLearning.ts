/**
 * Confident learning (Northcutt, Jiang, Chuang 2021, "Confident Learning: Estimating
 * Uncertainty in Dataset Labels"), written after cleanlab's `find_label_issues` with its
 * defaults (`filter_by="prune_by_noise_rate"`, ranked by self-confidence):
 *
 * 1. per-class threshold t_j = mean out-of-fold probability of class j over the samples
 *    given label j;
 * 2. the confident joint C[given][guess]: a sample counts where it is confidently some class
 *    (p_j ≥ t_j; the most probable of them when several), calibrated so each row sums to the
 *    class's label count and the whole to the number of samples;
 * 3. for each off-diagonal cell (given i, true j) the C[i][j] samples given i with the largest
 *    margin p_j − p_i are label issues (at least one sample per class kept);
 * 4. samples whose most probable class is the given one are never issues;
 * 5. issues are ranked by self-confidence p_given, lowest (worst) first.
 */

/** Out-of-fold probabilities (`count × numClasses`, row-major) and the given labels. */
export interface LabeledProbabilities {
  probabilities: Float32Array;
  given: Int32Array;
  count: number;
  numClasses: number;
}

export interface LabelIssue {
  /** Row in the input. */
  index: number;
  given: number;
  /** The most probable class out of fold. */
  suggested: number;
  /** p(given) out of fold: the ranking score, lower is worse. */
  selfConfidence: number;
  suggestedProbability: number;
}

export interface ConfidentLearningResult {
  /** t_j per class; 2 (never reached) for a class nobody was given. */
  thresholds: Float64Array;
  /** Calibrated confident joint, rows = given label, columns = estimated true label. */
  confidentJoint: number[][];
  /** Worst first. */
  issues: LabelIssue[];
}

const FLOAT_SLACK = 1e-6;
const THRESHOLD_FLOOR = 2 * FLOAT_SLACK;
const NO_THRESHOLD = 2;

export function confidentThresholds({ probabilities, given, count, numClasses: k }: LabeledProbabilities): Float64Array {
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    sums[given[i]] += probabilities[i * k + given[i]];
    counts[given[i]] += 1;
  }
  return sums.map((s, j) => (counts[j] > 0 ? Math.max(s / counts[j], THRESHOLD_FLOOR) : NO_THRESHOLD));
}

/** The confident joint before calibration (cleanlab's `compute_confident_joint`, diagonal ≥ 1). */
export function rawConfidentJoint(data: LabeledProbabilities, thresholds: Float64Array): number[][] {
  const { probabilities, given, count, numClasses: k } = data;
  const joint = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < count; i++) {
    let confident = 0;
    let firstConfident = -1;
    let argmax = 0;
    for (let j = 0; j < k; j++) {
      const p = probabilities[i * k + j];
      if (p >= thresholds[j] - FLOAT_SLACK) {
        confident += 1;
        if (firstConfident < 0) firstConfident = j;
      }
      if (p > probabilities[i * k + argmax]) argmax = j;
    }
    if (confident === 0) continue; // confident of nothing: often an outlier, not counted
    joint[given[i]][confident === 1 ? firstConfident : argmax] += 1;
  }
  for (let j = 0; j < k; j++) joint[j][j] = Math.max(joint[j][j], 1);
  return joint;
}

/** Rows scaled to the label counts, the whole to the sample count, rounded keeping row totals. */
export function calibrateJoint(joint: number[][], labelCounts: number[]): number[][] {
  const total = labelCounts.reduce((a, b) => a + b, 0);
  const scaled = joint.map((row, i) => {
    const sum = Math.max(row.reduce((a, b) => a + b, 0), 1e-100);
    return row.map((v) => (v / sum) * labelCounts[i]);
  });
  const grand = Math.max(scaled.flat().reduce((a, b) => a + b, 0), 1e-100);
  return scaled.map((row) => roundPreservingSum(row.map((v) => (v / grand) * total)));
}

/** Rounds each value, then moves the values with the largest rounding error so the sum holds. */
export function roundPreservingSum(values: number[]): number[] {
  const ints = values.map((v) => Math.round(v));
  const target = Math.round(values.reduce((a, b) => a + b, 0));
  let diff = target - ints.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const step = diff > 0 ? 1 : -1;
    const order = values.map((v, i) => i).sort((a, b) => step * ((values[b] - ints[b]) - (values[a] - ints[a])));
    for (const i of order.slice(0, Math.min(Math.abs(diff), values.length))) ints[i] += step;
    diff = target - ints.reduce((a, b) => a + b, 0);
  }
  return ints;
}

/**
 * How many samples to prune per (true j, given i): cleanlab's `_keep_at_least_n_per_class`
 * on the transposed joint, so every given class keeps at least `keep` samples.
 */
export function pruneCounts(joint: number[][], keep = 1): number[][] {
  const k = joint.length;
  // prune[j][i] = joint[i][j]: rows true class, columns given class.
  const prune = Array.from({ length: k }, (_, j) => Array.from({ length: k }, (_, i) => joint[i][j]));
  for (let col = 0; col < k; col++) {
    const diagonal = prune[col][col];
    const raised = Math.max(diagonal, keep);
    const nonZero = prune.reduce((n, row) => n + (row[col] !== 0 ? 1 : 0), 0);
    const spread = (raised - diagonal) / Math.max(nonZero - 1, 1);
    for (let row = 0; row < k; row++) prune[row][col] = row === col ? raised : Math.max(prune[row][col] - spread, 0);
  }
  // cleanlab truncates here (`astype(int)`): a fractional count prunes the smaller whole number.
  return prune.map((row) => row.map((v) => Math.floor(v)));
}

export function findLabelIssues(data: LabeledProbabilities): ConfidentLearningResult {
  const { probabilities, given, count, numClasses: k } = data;
  const thresholds = confidentThresholds(data);
  const labelCounts = new Array<number>(k).fill(0);
  for (let i = 0; i < count; i++) labelCounts[given[i]] += 1;
  const confidentJoint = calibrateJoint(rawConfidentJoint(data, thresholds), labelCounts);
  const prune = pruneCounts(confidentJoint);

  const byGiven: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < count; i++) byGiven[given[i]].push(i);
  const flagged = new Uint8Array(count);
  for (let c = 0; c < k; c++) {
    const members = byGiven[c];
    if (members.length <= 1) continue; // cleanlab's min_examples_per_class
    for (let j = 0; j < k; j++) {
      const n = prune[j][c];
      if (j === c || n <= 0) continue;
      const margin = (i: number) => probabilities[i * k + j] - probabilities[i * k + c];
      const order = [...members].sort((a, b) => margin(b) - margin(a) || a - b);
      for (const i of order.slice(0, n)) flagged[i] = 1;
    }
  }

  const issues: LabelIssue[] = [];
  for (let i = 0; i < count; i++) {
    if (!flagged[i]) continue;
    const suggested = argmaxFavouring(probabilities, i, k, given[i]);
    if (suggested === given[i]) continue;
    issues.push({ index: i, given: given[i], suggested, selfConfidence: probabilities[i * k + given[i]], suggestedProbability: probabilities[i * k + suggested] });
  }
  issues.sort((a, b) => a.selfConfidence - b.selfConfidence || a.index - b.index);
  return { thresholds, confidentJoint, issues };
}

/** Argmax with the given class winning ties (cleanlab adds 1e-6 to it before comparing). */
function argmaxFavouring(probabilities: Float32Array, row: number, k: number, favoured: number): number {
  let best = 0;
  let bestValue = -Infinity;
  for (let j = 0; j < k; j++) {
    const value = probabilities[row * k + j] + (j === favoured ? FLOAT_SLACK : 0);
    if (value > bestValue) {
      bestValue = value;
      best = j;
    }
  }
  return best;
}

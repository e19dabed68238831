/**
 * How far a new batch of images has moved from the data a model knows, from the model's
 * own predictions: the share of images predicted as each class, and the histogram of the
 * top-class confidence. Shift is measured with the population stability index (PSI),
 * Σ (batch share − reference share) · ln(batch share / reference share), per class and in
 * total. Pure functions over plain arrays.
 */

/** Thresholds of the usual PSI reading (credit-risk practice): below 0.1 no real shift, up to 0.25 moderate, above that major. */
export const psiThresholds = { moderate: 0.1, major: 0.25 } as const;

/** Fewer batch images than this and no verdict is given: the shares are too noisy. */
export const minImagesForVerdict = 50;

export const confidenceBins = 10;

export interface Distribution {
  /** Images per bin (a class, or a confidence bin). */
  counts: number[];
  n: number;
}

/** Predicted-class counts and top-probability histogram of `rows` rows of `k` probabilities. */
export function predictionProfile(probabilities: ArrayLike<number>, rows: number, k: number): { classes: Distribution; confidence: Distribution } {
  const classes = new Array<number>(k).fill(0);
  const confidence = new Array<number>(confidenceBins).fill(0);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probabilities[r * k + c] > probabilities[r * k + best]) best = c;
    classes[best] += 1;
    const p = probabilities[r * k + best];
    confidence[Math.min(confidenceBins - 1, Math.max(0, Math.floor(p * confidenceBins)))] += 1;
  }
  return { classes: { counts: classes, n: rows }, confidence: { counts: confidence, n: rows } };
}

/**
 * PSI term of each bin and their sum. Shares are smoothed with half an image per bin
 * (an empty bin would make the logarithm infinite), so a class the batch never shows
 * still counts, by a finite amount.
 */
export function populationStability(batch: Distribution, reference: Distribution): { perBin: number[]; total: number } {
  const bins = batch.counts.length;
  const share = (d: Distribution, i: number) => (d.counts[i] + 0.5) / (d.n + 0.5 * bins);
  const perBin = batch.counts.map((_, i) => {
    const a = share(batch, i);
    const e = share(reference, i);
    return (a - e) * Math.log(a / e);
  });
  return { perBin, total: perBin.reduce((s, v) => s + v, 0) };
}

export type ShiftLevel = 'none' | 'moderate' | 'major' | 'too-few';

/** `n`: batch images; `referenceN`: the images they are compared with. */
export function shiftLevel(psi: number, n: number, referenceN = Infinity): ShiftLevel {
  if (n < minImagesForVerdict || referenceN < minImagesForVerdict) return 'too-few';
  if (psi > psiThresholds.major) return 'major';
  if (psi >= psiThresholds.moderate) return 'moderate';
  return 'none';
}

/** The verdict in plain words, naming the classes that moved most. */
export function shiftVerdict(classes: { level: ShiftLevel; psi: number }, confidence: { level: ShiftLevel; psi: number }, movers: string[], n: number, referenceN = Infinity): string {
  if (classes.level === 'too-few') {
    if (n < minImagesForVerdict) return `Only ${n} image${n === 1 ? '' : 's'} in the batch: too few to judge a shift (at least ${minImagesForVerdict} needed).`;
    return `Only ${referenceN} project image${referenceN === 1 ? '' : 's'} to compare with (the run learned from the rest): too few to judge a shift (at least ${minImagesForVerdict} needed).`;
  }
  const worst = [classes.level, confidence.level].includes('major') ? 'major' : [classes.level, confidence.level].includes('moderate') ? 'moderate' : 'none';
  const psi = `class mix PSI ${classes.psi.toFixed(2)}, confidence PSI ${confidence.psi.toFixed(2)}, n = ${n}`;
  if (worst === 'none') return `No real shift: the model sees this batch much as it saw the project's images (${psi}).`;
  const which = movers.length ? ` Most changed: ${movers.join(', ')}.` : '';
  const what = confidence.level !== 'none' && classes.level === 'none' ? 'the model is less (or more) sure of these images' : 'the batch has a different mix of classes, as the model sees it';
  if (worst === 'moderate') return `Moderate shift: ${what} (${psi}).${which} Check a sample before relying on the model here.`;
  return `Major shift: ${what} (${psi}).${which} Label an audit sample and retrain before using the model on this data.`;
}

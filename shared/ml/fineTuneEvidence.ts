import { z } from 'zod';

/**
 * What fine-tuning the built-in network measurably gained over the frozen network with the
 * same head, at a number of labels, on a public data set (`npm run bench:finetune`). Shown
 * beside the fine-tuning switch so the choice rests on numbers, with how many test images
 * they come from.
 */
export const fineTuneEvidenceSchema = z.object({
  dataset: z.string(),
  labels: z.number().int(),
  frozenTest: z.number(),
  tunedTest: z.number(),
  testCount: z.number().int(),
  backend: z.string(),
  secondsPerEpoch: z.number(),
});
export type FineTuneEvidence = z.infer<typeof fineTuneEvidenceSchema>;

/** Below this gain (accuracy points) fine-tuning is not worth its time. */
export const WORTHWHILE_GAIN = 0.005;

/**
 * Measured with `npm run bench:finetune` (docs/fine-tuning.json: Fashion-MNIST, val 500 from
 * the training images, test 2,000 official test images, wasm, 2 shared cores). A row whose
 * fine-tuning kept the frozen network (no epoch beat it on val) has tunedTest = frozenTest.
 * A test holds these rows to that file.
 */
export const measuredFineTuneGains: FineTuneEvidence[] = [
  { dataset: 'Fashion-MNIST', labels: 200, frozenTest: 0.6545, tunedTest: 0.6545, testCount: 2000, backend: 'wasm', secondsPerEpoch: 86.6 },
  { dataset: 'Fashion-MNIST', labels: 1000, frozenTest: 0.75, tunedTest: 0.75, testCount: 2000, backend: 'wasm', secondsPerEpoch: 207.9 },
  // One epoch only (the time this machine had): 633 s.
  { dataset: 'Fashion-MNIST', labels: 5000, frozenTest: 0.8045, tunedTest: 0.8045, testCount: 2000, backend: 'wasm', secondsPerEpoch: 633.2 },
];

export interface FineTuneAdvice {
  /** null when nothing measured is close enough to say. */
  pays: boolean | null;
  text: string;
}

/**
 * Whether fine-tuning pays at `labels` labels, from the measured row nearest in label
 * count (on a log scale). The answer says which measurement it rests on.
 */
export function fineTuneAdvice(labels: number, evidence: readonly FineTuneEvidence[] = measuredFineTuneGains): FineTuneAdvice {
  if (evidence.length === 0 || labels <= 0) return { pays: null, text: 'No measurement to go by yet.' };
  const nearest = [...evidence].sort((a, b) => Math.abs(Math.log(a.labels / labels)) - Math.abs(Math.log(b.labels / labels)))[0];
  const gain = nearest.tunedTest - nearest.frozenTest;
  const points = `${gain >= 0 ? '+' : '−'}${Math.abs(gain * 100).toFixed(1)} points`;
  const basis = `measured on ${nearest.dataset} at ${nearest.labels.toLocaleString('en-US')} labels: ${(nearest.tunedTest * 100).toFixed(1)} % fine-tuned vs ${(nearest.frozenTest * 100).toFixed(1)} % frozen + head (test n = ${nearest.testCount.toLocaleString('en-US')})`;
  const pays = gain >= WORTHWHILE_GAIN;
  return { pays, text: `${pays ? 'Pays' : 'Does not pay'} here: ${points}, ${basis}.` };
}

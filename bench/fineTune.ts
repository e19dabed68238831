import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { selectBackend, type BackendChoice } from '../electron/worker/tf/backend';
import { timeTrainingStep } from '../electron/worker/training/fineTuneEstimate';
import { fineTunePlan } from '../electron/worker/training/fineTunePlan';
import { debianFashionMnistDir } from '../electron/worker/datasets/fashionMnist';
import { fineTuneStudy } from './fineTuneStudy';
import { round, type BenchResult } from './types';

const LABELS = 1000;
const run = promisify(execFile);

/**
 * Fine-tuning the built-in network: seconds per epoch at 1,000 labels on each TF.js backend
 * here (timed over a few batches of the real layers, scaled to 1,000 samples), next to
 * PyTorch training the same layers on the same batch in the same run; and the accuracy gain
 * over frozen + head at 1,000 Fashion-MNIST labels (val 300 for early stopping, 1,000
 * official test images). The full study at 200/1,000/5,000 labels is `npm run bench:finetune`.
 */
export async function benchFineTune(options: { backends?: BackendChoice[]; steps?: number } = {}): Promise<BenchResult> {
  const figures: Record<string, number> = {};
  const reference: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const notes: string[] = [];
  const steps = options.steps ?? 3;
  for (const name of options.backends ?? ['wasm', 'cpu']) {
    const backend = await selectBackend({ only: [name] });
    const perSample = await timeTrainingStep(fineTunePlan(backend), steps);
    figures[`${name}_seconds_per_epoch_at_${LABELS}_labels`] = round(perSample * LABELS, 1);
  }
  const python = '/usr/bin/python3';
  try {
    const { stdout } = await run(python, [resolve(import.meta.dirname, 'reference', 'fine_tune_top.py'), '2', String(steps)]);
    reference[`pytorch_seconds_per_epoch_at_${LABELS}_labels`] = round(Number(stdout.trim()) * LABELS, 1);
    ratios.wasm_vs_pytorch = round(figures[`wasm_seconds_per_epoch_at_${LABELS}_labels`] / reference[`pytorch_seconds_per_epoch_at_${LABELS}_labels`]);
  } catch (error) {
    notes.push(`no PyTorch reference: ${(error as Error).message.split('\n')[0]}`);
  }
  notes.push(`time per epoch from ${steps} batches of 32 (block 16 + Conv_1 + head, portable formulation), scaled to ${LABELS} samples; PyTorch 2 threads, same layers, batch norm in inference mode`);
  if (existsSync(join(debianFashionMnistDir, 'train-images-idx3-ubyte.gz'))) {
    const backend = await selectBackend({ only: ['wasm'] });
    const dir = await mkdtemp(join(tmpdir(), 'studio-bench-finetune-'));
    try {
      const [row] = await fineTuneStudy(dir, backend, { labels: [LABELS], val: 300, test: 1000, learningRates: [fineTunePlan(backend).learningRate] });
      figures[`fine_tuned_test_accuracy_at_${LABELS}_labels`] = round(row.tuned.test, 3);
      reference[`frozen_plus_head_test_accuracy_at_${LABELS}_labels`] = round(row.frozen.test, 3);
      reference[`pixels_28x28_plus_head_test_accuracy_at_${LABELS}_labels`] = round(row.pixels.test, 3);
      ratios.accuracy_gain_points = round((row.tuned.test - row.frozen.test) * 100, 1);
      notes.push(`Fashion-MNIST, ${LABELS} labels, val 300, test 1,000 official test images; ${row.epochsRun} epochs, best ${row.bestEpoch} (${row.kept} kept)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } else {
    notes.push('accuracy gain skipped: Debian dataset-fashion-mnist is not installed');
  }
  return { name: 'fine-tuning the built-in MobileNetV2', figures, reference, ratios, notes };
}

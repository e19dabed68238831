import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend } from '../electron/worker/tf/backend';
import { fineTuneStudy, pct } from './fineTuneStudy';
import { fineTunePlan } from '../electron/worker/training/fineTunePlan';

/**
 * `npm run bench:finetune`: fine-tuned vs frozen + head on Fashion-MNIST at 200, 1,000 and
 * 5,000 labels (val 500 from the training images for early stopping and for choosing the
 * step size; test 2,000 from the official test set). Writes docs/fine-tuning.json.
 * `-- --labels 1000 --lr 1e-4,3e-4 --epochs 3 --dir D` runs a subset (a step-size sweep reads
 * val only) and keeps the images and cached activations in D for the next invocation.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { labels: { type: 'string' }, lr: { type: 'string' }, val: { type: 'string' }, test: { type: 'string' }, out: { type: 'string' }, epochs: { type: 'string' }, dir: { type: 'string' }, 'head-lr': { type: 'string' }, patience: { type: 'string' } } });
  const labels = (values.labels ?? '200,1000,5000').split(',').map(Number);
  const learningRates = values.lr ? values.lr.split(',').map(Number) : [fineTunePlan(await selectBackend()).learningRate];
  const backend = await selectBackend();
  // --dir keeps the images and the cached activations for the next invocation.
  const dir = values.dir ? resolve(values.dir) : await mkdtemp(join(tmpdir(), 'studio-bench-finetune-'));
  const started = Date.now();
  try {
    const rows = await fineTuneStudy(dir, backend, { labels, val: Number(values.val ?? 500), test: Number(values.test ?? 2000), learningRates, plan: { ...(values.epochs ? { maxEpochs: Number(values.epochs) } : {}), ...(values['head-lr'] ? { headLearningRate: Number(values['head-lr']) } : {}), ...(values.patience ? { patience: Number(values.patience) } : {}) }, log: (line) => console.error(line) });
    console.log('\nlabels | step | frozen + head (test) | fine-tuned + head (test) | gain | val frozen → tuned | pixels 28×28 + head | s/epoch | epochs (best)');
    for (const r of rows) {
      console.log(`${r.labels} | ${r.learningRate} | ${pct(r.frozen.test)} | ${pct(r.tuned.test)} | ${((r.tuned.test - r.frozen.test) * 100).toFixed(1)} pts | ${pct(r.frozen.val)} → ${pct(r.tuned.val)} | ${pct(r.pixels.test)} | ${r.secondsPerEpoch.toFixed(1)} | ${r.epochsRun} (${r.bestEpoch})`);
    }
    const out = values.out ?? resolve(import.meta.dirname, '..', 'docs', 'fine-tuning.json');
    await writeFile(out, JSON.stringify({ measuredAt: new Date().toISOString(), backend: backend.name, node: process.version, minutes: Math.round((Date.now() - started) / 60000), val: Number(values.val ?? 500), test: Number(values.test ?? 2000), rows }, null, 1));
    console.error(`written to ${out}`);
  } finally {
    if (!values.dir) await rm(dir, { recursive: true, force: true });
  }
}

void main();

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seededRandom } from '../electron/worker/acquisition/seededRandom';
import { loadFashionMnist } from '../electron/worker/datasets/index';
import { defaultHeadConfig } from '../electron/worker/heads/index';
import { findLabelIssues } from '../electron/worker/quality/confidentLearning';
import { outOfFoldProbabilities } from '../electron/worker/quality/outOfFold';
import { selectBackend } from '../electron/worker/tf/backend';
import type { BenchResult } from './types';

const run = promisify(execFile);
const labeled = 5000;
const noise = 0.1;
const top = 500;

/**
 * Planted label noise on Fashion-MNIST (Debian's dataset-fashion-mnist): 5,000 training
 * images, pixel features, 10 % of the labels flipped to a random other class. The studio's
 * out-of-fold pass (5 stratified folds, its default linear head on TF.js) and confident
 * learning rank the suspects; precision and recall of the top 500 against the flips. The
 * reference, same data, same run: scikit-learn LogisticRegression cross_val_predict with the
 * same confident-learning rule written in numpy (bench/labelNoiseReference.py).
 */
export async function benchLabelNoise(): Promise<BenchResult> {
  const backend = await selectBackend();
  const data = await loadFashionMnist();
  const dim = data.train.height * data.train.width * data.train.channels;
  const random = seededRandom(2026);
  const x = data.train.pixels.slice(0, labeled * dim);
  const truth = data.train.labels.slice(0, labeled);
  const given = Int32Array.from(truth);
  const flipped = new Set<number>();
  while (flipped.size < labeled * noise) flipped.add(random.int(labeled));
  for (const i of flipped) given[i] = (truth[i] + 1 + random.int(9)) % 10;

  const started = performance.now();
  const probabilities = await outOfFoldProbabilities({ x, y: given, count: labeled, dim }, defaultHeadConfig('linear'), { numClasses: 10, folds: 5, seed: 1 });
  const oofSeconds = (performance.now() - started) / 1000;
  const { issues } = findLabelIssues({ probabilities, given, count: labeled, numClasses: 10 });
  const studioRanking = rankAll(issues.map((i) => i.index), probabilities, given);

  const folder = await mkdtemp(join(tmpdir(), 'studio-bench-noise-'));
  let reference: { seconds: number; issues: number[]; ranking: number[] };
  try {
    await writeFile(join(folder, 'x.f32'), Buffer.from(x.buffer, x.byteOffset, x.byteLength));
    await writeFile(join(folder, 'given.i32'), Buffer.from(given.buffer));
    const { stdout } = await run('/usr/bin/python3', [join(import.meta.dirname, 'labelNoiseReference.py'), folder, String(labeled), String(dim)], { maxBuffer: 64 * 1024 * 1024 });
    reference = JSON.parse(stdout);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const score = (ranking: number[]) => {
    const hits = ranking.slice(0, top).filter((i) => flipped.has(i)).length;
    return { precision: round(hits / top), recall: round(hits / flipped.size) };
  };
  const mine = score(studioRanking);
  const theirs = score(reference.ranking);
  return {
    name: `Planted label noise: Fashion-MNIST, ${labeled} labels, ${noise * 100} % flipped, pixel features (top ${top} suspects)`,
    figures: { 'precision@500': mine.precision, 'recall@500': mine.recall, 'flagged by confident learning': issues.length, 'out-of-fold pass, s (5 folds)': round(oofSeconds) },
    reference: { 'precision@500 (sklearn LR + CL)': theirs.precision, 'recall@500 (sklearn LR + CL)': theirs.recall, 'flagged (sklearn LR + CL)': reference.issues.length, 'cross_val_predict, s': round(reference.seconds) },
    ratios: { 'precision vs reference': round(mine.precision / Math.max(theirs.precision, 1e-9)), 'out-of-fold time vs reference': round(oofSeconds / Math.max(reference.seconds, 1e-9)) },
    notes: [`TF.js backend ${backend.name}; the machine was shared with other work while measuring, so times are skewed (the ratio is what to compare).`],
  };
}

/** Confident learning's issues first (worst first), then every other sample by self-confidence. */
function rankAll(issues: number[], probabilities: Float32Array, given: Int32Array): number[] {
  const flagged = new Set(issues);
  const self = (i: number) => probabilities[i * 10 + given[i]];
  const rest = Array.from({ length: given.length }, (_, i) => i).filter((i) => !flagged.has(i)).sort((a, b) => self(a) - self(b));
  return [...issues, ...rest];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

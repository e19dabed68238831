import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { describeOptions, parseStrategySpec } from '../electron/worker/acquisition/index';
import { loadFashionMnist } from '../electron/worker/datasets/index';
import { defaultHeadConfig } from '../electron/worker/heads/index';
import { writeLearningCurve } from '../electron/worker/plots/writePlot';
import { pixelFeatures } from '../electron/worker/simulation/features';
import { simulationDefaults } from '../electron/worker/simulation/defaults';
import { meanLabelsToTarget } from '../electron/worker/simulation/labelsToTarget';
import { seedPoolRows, simulate } from '../electron/worker/simulation/simulate';
import type { SimulationReport, SimulationSettings } from '../electron/worker/simulation/types';
import { selectBackend } from '../electron/worker/tf/backend';
import { sklearnReference, type SklearnReport } from './sklearnReference';
import type { BenchResult } from './types';

/**
 * The papers' versions first, then the named departures (acquisition/options.ts) the app
 * can use on big pools, so the benchmark reports each strategy both ways.
 */
export const benchStrategies = [
  'random',
  'margin',
  'entropy',
  'bald',
  'badge',
  'k-center',
  'hybrid',
  'entropy:shortlist=2000',
  'bald:shortlist=2000',
  'badge:shortlist=2000',
  'k-center:subsample=5000,projection=64',
  'hybrid:projection=64',
];

/**
 * Labels each strategy needs before a round reaches 80 % accuracy on Fashion-MNIST
 * (first crossing, mean and per seed), through the app's own loop (simulation/), with
 * DESIGN.md's scikit-learn loop run on the same pools in the same run as the reference.
 * Writes the learning-curve plot of the papers' versions (docs/learning-curve.svg/.png
 * unless `plot` says otherwise). `evaluateOn: 'tuning'` scores on the tuning carve instead
 * of the test set, for choosing settings (and skips the plot and the reference).
 */
export async function benchActiveLearning(options: { settings?: Partial<SimulationSettings>; plot?: string | null; progress?(m: string): void } = {}): Promise<BenchResult & { report: SimulationReport; sklearn: SklearnReport | null }> {
  // Each run stops one round after its first crossing: the figure is settled then, and the run stays within minutes.
  const settings: SimulationSettings = { ...simulationDefaults(), strategies: benchStrategies, roundsAfterTarget: 1, ...options.settings };
  const backend = await selectBackend({ only: ['wasm', 'cpu'] });
  const dataset = await loadFashionMnist();
  const data = { classNames: dataset.classNames, train: pixelFeatures(dataset.train), test: pixelFeatures(dataset.test) };
  const onTest = settings.evaluateOn === 'test';
  const load = loadavg()[0];
  const t0 = performance.now();
  const reference = onTest
    ? sklearnReference({ train: data.train, test: data.test, pools: seedPoolRows(data, settings), seeds: settings.seeds, strategies: ['random', 'entropy', 'margin'], initial: settings.initial, batch: settings.batch, rounds: 40, target: settings.target })
    : Promise.resolve(null);
  const report = await simulateSeedsInParallel(settings, options.progress);
  const seconds = (performance.now() - t0) / 1000;
  const sklearnOutcome = await reference;
  const sklearn = sklearnOutcome && !('unavailable' in sklearnOutcome) ? sklearnOutcome : null;
  const random = report.strategies.random?.labelsToTarget ?? null;
  const figures: Record<string, number> = { runtime_s: Math.round(seconds) };
  for (const [name, runs] of Object.entries(report.strategies)) {
    if (runs.labelsToTarget !== null) figures[`${name}_labels_to_80`] = runs.labelsToTarget;
    if (runs.labelsToTarget !== null && random) figures[`${name}_vs_random`] = Number((runs.labelsToTarget / random).toFixed(2));
  }
  const head = { ...defaultHeadConfig('linear', 'pixels'), ...settings.head };
  const notes = [
    `protocol: Fashion-MNIST pixels (784-d, /255), pool ${settings.pool?.toLocaleString('en-US')} drawn per seed from the 60,000 training images minus a ${settings.tuningCarve.toLocaleString('en-US')}-image tuning carve; frozen 80/10/10 splits; first ${settings.initial} labels and +${settings.batch} per round, every 4th label a random val sample until each class has ${settings.valPerClass} (the queue's rule), the others by ${settings.initialStrategy} first and then the strategy from the train split; the app's train path (trainRoundHead: warm start, early stopping on the val labels); accuracy on the ${onTest ? 'official 10,000-image test set' : 'tuning carve'}; seeds ${settings.seeds.join(', ')}; labels = train + val labels of the first round at or above ${settings.target * 100} %`,
    `head: ${JSON.stringify(head)}; MC-dropout passes ${settings.mcPasses}; TF.js backend ${backend.name} (the linear head runs on the studio's SIMD engine)`,
    `machine: 1-minute load average ${load.toFixed(1)} at the start (2 cores, shared with other work); seeds in parallel processes, the scikit-learn reference beside them`,
  ];
  if (sklearnOutcome && 'unavailable' in sklearnOutcome) notes.push(`scikit-learn reference unavailable: ${sklearnOutcome.unavailable}`);
  if (onTest && options.plot !== null) {
    const papers: SimulationReport = { ...report, strategies: Object.fromEntries(Object.entries(report.strategies).filter(([spec]) => !spec.includes(':'))) };
    await writeLearningCurve(papers, options.plot ?? 'docs/learning-curve', {
      title: 'Active learning on Fashion-MNIST (pixels, linear head, the app\'s loop)',
      subtitle: `mean of seeds ${settings.seeds.join(', ')} (band: min–max); pool ${settings.pool?.toLocaleString('en-US')}, +${settings.batch} per round; a run ends a round after 80 %`,
    });
  }
  return {
    name: `active learning: labels to ${settings.target * 100} % ${onTest ? 'test' : 'tuning-carve'} accuracy on Fashion-MNIST (first crossing)`,
    figures,
    reference: sklearn ? Object.fromEntries(Object.entries(sklearn.strategies).flatMap(([k, v]) => (v.labelsToTarget === null ? [] : [[`sklearn_${k}_labels_to_80`, v.labelsToTarget]]))) : {},
    notes,
    report,
    sklearn,
  };
}

/**
 * Seeds are independent runs: each goes to its own process (all at once by default, or
 * `STUDIO_BENCH_PROCESSES` at a time), and the reports are merged in seed order: the same
 * figures as one process, in about the time of one seed.
 */
async function simulateSeedsInParallel(settings: SimulationSettings, progress?: (m: string) => void): Promise<SimulationReport> {
  const parallel = Math.max(1, Number(process.env.STUDIO_BENCH_PROCESSES ?? 3));
  const queue = [...settings.seeds];
  const reports = new Map<number, SimulationReport>();
  const worker = async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) reports.set(seed, await seedInChild({ ...settings, seeds: [seed] }, progress));
  };
  await Promise.all(Array.from({ length: Math.min(parallel, settings.seeds.length) }, worker));
  const merged: SimulationReport = { strategies: {}, target: settings.target, evaluatedOn: settings.evaluateOn };
  for (const spec of settings.strategies) {
    const seeds = settings.seeds.flatMap((seed) => reports.get(seed)?.strategies[spec]?.seeds ?? []);
    merged.strategies[spec] = { seeds, labelsToTarget: meanLabelsToTarget(seeds) };
  }
  return merged;
}

function seedInChild(settings: SimulationSettings, progress?: (m: string) => void): Promise<SimulationReport> {
  return new Promise((resolveChild, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--seed-worker'], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    child.stderr!.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((line) => progress?.(line)));
    child.once('message', (report) => resolveChild(report as SimulationReport));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the simulation of seed ${settings.seeds[0]} exited with ${code}`))));
    child.send(settings);
  });
}

/** A child's side of simulateSeedsInParallel: one settings message in, one report out. */
async function seedWorker(): Promise<void> {
  const settings = await new Promise<SimulationSettings>((resolveMessage) => process.once('message', (m) => resolveMessage(m as SimulationSettings)));
  await selectBackend({ only: ['wasm', 'cpu'] });
  const dataset = await loadFashionMnist();
  const data = { classNames: dataset.classNames, train: pixelFeatures(dataset.train), test: pixelFeatures(dataset.test) };
  const report = await simulate(data, settings, { progress: (m) => process.stderr.write(`${m}\n`) });
  process.send!(report, () => process.exit(0));
}

/** The README table: first crossing, mean and per seed, ratio to random, and the scikit-learn loop on the same pools. */
export function table(result: { report: SimulationReport; sklearn: SklearnReport | null }): string {
  const random = result.report.strategies.random?.labelsToTarget ?? null;
  const rows = Object.entries(result.report.strategies).map(([spec, runs]) => {
    const { name, options } = parseStrategySpec(spec);
    const label = `${name}${describeOptions(options) ? ` (${describeOptions(options)})` : ''}`;
    const mean = runs.labelsToTarget;
    const ratio = mean !== null && random ? (mean / random).toFixed(2) : '—';
    const perSeed = runs.seeds.map((s) => s.labelsToTarget?.toLocaleString('en-US') ?? 'not reached').join(' / ');
    const sk = result.sklearn?.strategies[spec];
    const sklearn = sk ? (sk.labelsToTarget?.toLocaleString('en-US') ?? 'not reached') : '';
    return `| ${label} | ${mean?.toLocaleString('en-US') ?? 'not reached'} | ${ratio} | ${perSeed} | ${sklearn} |`;
  });
  return ['| strategy | labels to 80 % | vs random | per seed (1 / 2 / 3) | scikit-learn loop, same pools |', '|---|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--seed-worker')) {
  void seedWorker();
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { 'evaluate-on': { type: 'string' }, strategies: { type: 'string' }, seeds: { type: 'string' }, rounds: { type: 'string' }, head: { type: 'string' } } });
  const settings: Partial<SimulationSettings> = {};
  if (values['evaluate-on'] === 'tuning') settings.evaluateOn = 'tuning';
  if (values.strategies) settings.strategies = values.strategies.split(' ');
  if (values.seeds) settings.seeds = values.seeds.split(',').map(Number);
  if (values.rounds) settings.rounds = Number(values.rounds);
  if (values.head) settings.head = JSON.parse(values.head);
  benchActiveLearning({ settings, progress: (m) => process.stderr.write(`${m}\n`) }).then((result) => {
    console.log(table(result));
    console.log(`\n${result.notes!.join('\n')}\nruntime ${result.figures.runtime_s} s`);
    const { report, sklearn, ...summary } = result;
    console.log(JSON.stringify({ ...summary, perSeed: Object.fromEntries(Object.entries(report.strategies).map(([k, v]) => [k, v.seeds.map((s) => s.labelsToTarget)])), sklearnSeeds: sklearn && Object.fromEntries(Object.entries(sklearn.strategies).map(([k, v]) => [k, v.seeds.map((s) => s.labelsToTarget)])) }, null, 2));
  });
}

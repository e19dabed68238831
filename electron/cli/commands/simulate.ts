import { UsageError, defineCommand } from '../command';
import { loadDataset } from '../../worker/datasets/index';
import { writeLearningCurve } from '../../worker/plots/writePlot';
import { pixelFeatures } from '../../worker/simulation/features';
import { simulate } from '../../worker/simulation/simulate';
import { simulationDefaults } from '../../worker/simulation/defaults';
import type { SimulationReport } from '../../worker/simulation/types';
import { selectBackend } from '../../worker/tf/backend';
import { defaultHeadConfig, type HeadConfig } from '../../worker/heads/index';

/**
 * `simulate`: active learning with a labeled dataset as the oracle, to compare strategies
 * by the labels they need. Progress goes to stderr; Ctrl+C prints what has finished.
 */
export const simulateCommand = defineCommand<SimulationReport>({
  name: 'simulate',
  usage:
    'simulate --dataset fashion-mnist|fashion-mnist:DIR|DIR [--strategies a,b:shortlist=2000,…] [--initial N] [--batch B] [--rounds R] [--seeds 1,2,3] [--pool P] [--target 0.8] [--initial-strategy cold-start|random] [--head l2=0.5,epochs=40] [--evaluate-on test|tuning] [--plot PATH]',
  summary: 'Simulate active learning on a labeled dataset and compare query strategies.',
  options: {
    dataset: { type: 'string' },
    strategies: { type: 'string' },
    initial: { type: 'string' },
    batch: { type: 'string' },
    rounds: { type: 'string' },
    seeds: { type: 'string' },
    pool: { type: 'string' },
    target: { type: 'string' },
    'initial-strategy': { type: 'string' },
    head: { type: 'string' },
    'evaluate-on': { type: 'string' },
    plot: { type: 'string' },
  },
  async run({ values, progress, signal }) {
    const settings = simulationDefaults();
    const text = (name: string) => values[name] as string | undefined;
    if (!text('dataset')) throw new UsageError('--dataset is required (fashion-mnist or a folder of class folders).');
    if (text('strategies')) settings.strategies = splitSpecs(text('strategies')!);
    settings.initial = count(text('initial'), 'initial', settings.initial);
    settings.batch = count(text('batch'), 'batch', settings.batch);
    settings.rounds = count(text('rounds'), 'rounds', settings.rounds);
    if (text('pool')) settings.pool = count(text('pool'), 'pool', 0);
    if (text('seeds')) settings.seeds = text('seeds')!.split(',').map((s) => count(s, 'seeds', 0));
    if (text('target')) {
      settings.target = Number(text('target'));
      if (!(settings.target > 0 && settings.target <= 1)) throw new UsageError('--target must be an accuracy between 0 and 1, e.g. 0.8.');
    }
    const initialStrategy = text('initial-strategy');
    if (initialStrategy) {
      if (initialStrategy !== 'cold-start' && initialStrategy !== 'random') throw new UsageError('--initial-strategy must be cold-start or random.');
      settings.initialStrategy = initialStrategy;
    }
    if (text('head')) settings.head = headOverrides(text('head')!);
    const evaluateOn = text('evaluate-on');
    if (evaluateOn) {
      if (evaluateOn !== 'test' && evaluateOn !== 'tuning') throw new UsageError('--evaluate-on must be test or tuning (a carve of the training images outside every pool, for choosing settings).');
      settings.evaluateOn = evaluateOn;
    }
    const backend = await selectBackend({ only: ['wasm', 'cpu'] });
    progress(`TF.js backend: ${backend.name}`);
    const dataset = await loadDataset(text('dataset')!, progress);
    progress(`${dataset.name}: ${dataset.train.count} training images (${settings.pool ?? dataset.train.count} in the pool), ${dataset.test.count} test images, ${dataset.classNames.length} classes; first ${settings.initial} labels by ${settings.initialStrategy}`);
    const report = await simulate({ classNames: dataset.classNames, train: pixelFeatures(dataset.train), test: pixelFeatures(dataset.test) }, settings, { progress, signal });
    if (signal.aborted) progress('Stopped: the report holds the rounds that finished.');
    const plot = text('plot');
    if (plot) {
      const files = await writeLearningCurve(report, plot, { title: `Active learning on ${dataset.name}`, subtitle: describe(settings) });
      progress(`plot written: ${files.join(', ')}`);
    }
    return report;
  },
  format(report) {
    const on = report.evaluatedOn === 'test' ? 'test' : 'tuning-carve';
    const lines = [`Labels of the first round at ${Math.round(report.target * 1000) / 10}% ${on} accuracy (mean over seeds):`];
    const random = report.strategies.random?.labelsToTarget ?? null;
    for (const [name, runs] of Object.entries(report.strategies)) {
      const perSeed = runs.seeds.map((s) => `seed ${s.seed}: ${s.labelsToTarget ?? 'not reached'}`).join(', ');
      const ratio = random && runs.labelsToTarget ? `  (${(runs.labelsToTarget / random).toFixed(2)}× random)` : '';
      lines.push(`  ${name.padEnd(18)} ${String(runs.labelsToTarget ?? 'not reached').padStart(12)}${ratio}   [${perSeed}]`);
    }
    return lines.join('\n');
  },
});

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number (got "${value}").`);
  return n;
}

export function describe(settings: ReturnType<typeof simulationDefaults>): string {
  const head = Object.keys(settings.head).length ? `the app's default head with ${JSON.stringify(settings.head)}` : "the app's default head";
  return `pixels features, ${head}; first ${settings.initial} (${settings.initialStrategy}), +${settings.batch} per round, ${settings.valPerClass} val labels per class, pool ${settings.pool ?? 'all'}, seeds ${settings.seeds.join(',')}`;
}

/** "random,bald:shortlist=2000,k-center:subsample=5000,projection=64" → the specs (an option list stays with its strategy). */
export function splitSpecs(text: string): string[] {
  const specs: string[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (specs.length && /^[a-z]+=/.test(part) && specs[specs.length - 1].includes(':')) specs[specs.length - 1] += `,${part}`;
    else specs.push(part);
  }
  return specs;
}

/** "l2=0.5,epochs=40,standardize=false" → head overrides (numbers and booleans). */
function headOverrides(text: string): Partial<HeadConfig> {
  const out: Record<string, number | boolean | string> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value] = part.split('=', 2);
    if (!(key in defaultHeadConfig())) throw new UsageError(`--head: unknown setting "${key}" (known: ${Object.keys(defaultHeadConfig()).join(', ')}).`);
    out[key] = value === 'true' ? true : value === 'false' ? false : Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return out as Partial<HeadConfig>;
}

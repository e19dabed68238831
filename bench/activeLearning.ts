import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadFashionMnist } from '../electron/worker/datasets/index';
import { writeLearningCurve } from '../electron/worker/plots/writePlot';
import { pixelFeatures } from '../electron/worker/simulation/features';
import { simulationDefaults } from '../electron/worker/simulation/defaults';
import { simulate } from '../electron/worker/simulation/simulate';
import type { SimulationReport, SimulationSettings } from '../electron/worker/simulation/types';
import { selectBackend } from '../electron/worker/tf/backend';
import type { BenchResult } from './types';

/**
 * DESIGN.md's plain scikit-learn loop (LogisticRegression on pixels/255, pool 20,000, first
 * 100 random, +100 per round, official test set, seeds 1–3): labels to reach 80%. Quoted,
 * not re-measured: scikit-learn is not installed on these machines.
 */
export const scikitLearnReference = { random: 1333, entropy: 1800, margin: 733 };

/**
 * Labels each strategy needs to reach 80% test accuracy on Fashion-MNIST with the pixels
 * features, seeds 1–3, and the ratio against random. Writes the learning-curve plot
 * (docs/learning-curve.svg/.png unless `plot` says otherwise).
 */
export async function benchActiveLearning(options: { settings?: Partial<SimulationSettings>; plot?: string | null; progress?(m: string): void } = {}): Promise<BenchResult & { report: SimulationReport }> {
  const settings: SimulationSettings = { ...simulationDefaults(), ...options.settings };
  const backend = await selectBackend({ only: ['wasm', 'cpu'] });
  const dataset = await loadFashionMnist();
  const t0 = performance.now();
  const report = await simulate({ classNames: dataset.classNames, train: pixelFeatures(dataset.train), test: pixelFeatures(dataset.test) }, settings, { progress: options.progress });
  const seconds = (performance.now() - t0) / 1000;
  const random = report.strategies.random?.labelsToTarget ?? null;
  const figures: Record<string, number> = { runtime_s: Math.round(seconds) };
  for (const [name, runs] of Object.entries(report.strategies)) {
    if (runs.labelsToTarget !== null) figures[`${name}_labels_to_80`] = runs.labelsToTarget;
    if (runs.labelsToTarget !== null && random) figures[`${name}_vs_random`] = Number((runs.labelsToTarget / random).toFixed(2));
  }
  const settingsText = `pixels (784-d), ${settings.head.kind} head ${JSON.stringify(settings.head)}, pool ${settings.pool}, first ${settings.initial} by ${settings.initialStrategy}, +${settings.batch} × ${settings.rounds} rounds, seeds ${settings.seeds.join(',')}, MC passes ${settings.mcPasses}, TF.js ${backend.name}`;
  if (options.plot !== null) {
    await writeLearningCurve(report, options.plot ?? 'docs/learning-curve', {
      title: 'Active learning on Fashion-MNIST (pixels, linear head)',
      subtitle: `mean of seeds ${settings.seeds.join(', ')} (band: min–max); pool ${settings.pool?.toLocaleString('en-US')}, first ${settings.initial} ${settings.initialStrategy}, +${settings.batch} per round`,
    });
  }
  return {
    name: 'active learning: labels to 80% test accuracy on Fashion-MNIST',
    figures,
    reference: Object.fromEntries(Object.entries(scikitLearnReference).map(([k, v]) => [`sklearn_${k}_labels_to_80`, v])),
    notes: [settingsText],
    report,
  };
}

export function table(result: BenchResult & { report: SimulationReport }): string {
  const random = result.report.strategies.random?.labelsToTarget ?? null;
  const rows = Object.entries(result.report.strategies).map(([name, runs]) => {
    const mean = runs.labelsToTarget;
    const ratio = mean !== null && random ? (mean / random).toFixed(2) : '—';
    const perSeed = runs.seeds.map((s) => s.labelsToTarget ?? 'never').join(' / ');
    const sklearn = scikitLearnReference[name as keyof typeof scikitLearnReference];
    return `| ${name.padEnd(16)} | ${String(mean ?? 'not reached').padStart(11)} | ${ratio.padStart(9)} | ${perSeed.padEnd(21)} | ${String(sklearn ?? '').padStart(13)} |`;
  });
  return [
    '| strategy         | labels→80%  | vs random | per seed              | sklearn loop  |',
    '|------------------|-------------|-----------|-----------------------|---------------|',
    ...rows,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchActiveLearning({ progress: (m) => process.stderr.write(`${m}\n`) }).then((result) => {
    console.log(table(result));
    console.log(`\n${result.notes!.join('\n')}\nruntime ${result.figures.runtime_s} s`);
    const { report: _report, ...summary } = result;
    console.log(JSON.stringify(summary, null, 2));
  });
}

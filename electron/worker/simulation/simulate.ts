import { query, strategies as builtIn, type CandidatePool, type StrategyRegistry } from '../acquisition/index';
import { gatherRows } from '../acquisition/math/projection';
import { subsample } from '../acquisition/math/subsample';
import type { LabeledRows } from './features';
import { labelsToTarget, meanLabelsToTarget } from './labelsToTarget';
import { runLoop } from './loop';
import type { SimulationHooks, SimulationReport, SimulationSettings } from './types';

export interface SimulationData {
  classNames: string[];
  train: LabeledRows;
  test: LabeledRows;
}

/**
 * Runs every strategy for every seed and reports learning curves and labels-to-target.
 * Seeds run in the outer loop so that a Ctrl+C still leaves every strategy with results.
 */
export async function simulate(data: SimulationData, settings: SimulationSettings, hooks: SimulationHooks = {}, registry: StrategyRegistry = builtIn): Promise<SimulationReport> {
  const chosen = settings.strategies.map((name) => registry.get(name));
  const report: SimulationReport = { strategies: Object.fromEntries(chosen.map((s) => [s.name, { seeds: [], labelsToTarget: null }])), target: settings.target };
  for (const seed of settings.seeds) {
    if (hooks.signal?.aborted) break;
    const poolRows = subsample(data.train.count, settings.pool ?? data.train.count, seed);
    const initial = await firstBatch(data, poolRows, settings, seed, registry);
    hooks.progress?.(`seed ${seed}: pool of ${poolRows.length}, first ${initial.length} labels chosen by ${settings.initialStrategy}`);
    for (const strategy of chosen) {
      if (hooks.signal?.aborted) break;
      const curve = await runLoop({ strategy, seed, train: data.train, test: data.test, classNames: data.classNames, poolRows, initial }, settings, hooks);
      if (curve.length) report.strategies[strategy.name].seeds.push({ seed, curve, labelsToTarget: labelsToTarget(curve, settings.target) });
    }
  }
  for (const runs of Object.values(report.strategies)) runs.labelsToTarget = meanLabelsToTarget(runs.seeds);
  return report;
}

/** The first labeled batch, shared by all strategies for one seed; indices into `poolRows`. */
async function firstBatch(data: SimulationData, poolRows: Int32Array, settings: SimulationSettings, seed: number, registry: StrategyRegistry): Promise<number[]> {
  const pool: CandidatePool = {
    count: poolRows.length,
    embeddings: gatherRows(data.train.x, data.train.dim, poolRows),
    dim: data.train.dim,
    numClasses: data.classNames.length,
    classNames: data.classNames,
  };
  const picks = await query(registry.get(settings.initialStrategy), pool, { seed, n: settings.initial });
  return picks.map((p) => p.index);
}

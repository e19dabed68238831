import type { Split } from '../../../shared/contract/schemas';
import { StudioError } from '../../../shared/contract/channel';
import { parseStrategySpec, query, strategies as builtIn, type CandidatePool, type StrategyRegistry } from '../acquisition/index';
import { gatherRows } from '../acquisition/math/projection';
import { subsample } from '../acquisition/math/subsample';
import type { LabeledRows } from './features';
import { labelsToTarget, meanLabelsToTarget } from './labelsToTarget';
import { runLoop } from './loop';
import { seedPool, type SeedPool } from './seedPool';
import type { SimulationHooks, SimulationReport, SimulationSettings } from './types';

export interface SimulationData {
  classNames: string[];
  train: LabeledRows;
  test: LabeledRows;
  /** The frozen split of each training row, when the rows come from a project; drawn like an import otherwise. */
  splits?: Split[];
}

/** Fixed, so the tuning carve is the same rows whatever the seeds. */
const tuningSeed = 0x7e57;

/**
 * Runs every strategy for every seed and reports learning curves and labels-to-target
 * (first crossing). Seeds run in the outer loop so that a Ctrl+C still leaves every
 * strategy with results.
 */
export async function simulate(data: SimulationData, settings: SimulationSettings, hooks: SimulationHooks = {}, registry: StrategyRegistry = builtIn): Promise<SimulationReport> {
  const chosen = settings.strategies.map((spec) => {
    const { name, options } = parseStrategySpec(spec);
    return { spec, strategy: registry.get(name), options };
  });
  const { available, evaluation } = carve(data, settings);
  const report: SimulationReport = { strategies: Object.fromEntries(chosen.map((s) => [s.spec, { seeds: [], labelsToTarget: null }])), target: settings.target, evaluatedOn: settings.evaluateOn };
  for (const seed of settings.seeds) {
    if (hooks.signal?.aborted) break;
    const pool = seedPool(available, settings.pool, seed, data.splits);
    const initial = await firstPicks(data, pool, settings, seed, registry);
    hooks.progress?.(`seed ${seed}: pool of ${pool.rows.length} (${pool.valOrder.length} in the val split), first ${settings.initial} labels: val asks by the queue's rule, the rest by ${settings.initialStrategy}`);
    for (const { spec, strategy, options } of chosen) {
      if (hooks.signal?.aborted) break;
      const curve = await runLoop({ strategy, spec, options, seed, train: data.train, evaluation, classNames: data.classNames, pool, initial }, settings, hooks);
      if (curve.length) report.strategies[spec].seeds.push({ seed, curve, labelsToTarget: labelsToTarget(curve, settings.target) });
    }
  }
  for (const runs of Object.values(report.strategies)) runs.labelsToTarget = meanLabelsToTarget(runs.seeds);
  return report;
}

/** The training rows of each seed's pool, as `simulate` draws them (for a reference loop on the same pools). */
export function seedPoolRows(data: SimulationData, settings: SimulationSettings): Int32Array[] {
  const { available } = carve(data, settings);
  return settings.seeds.map((seed) => seedPool(available, settings.pool, seed, data.splits).rows);
}

/**
 * Sets `tuningCarve` training rows aside (when the training part has room for them beside
 * the pool): pools are drawn from the rest, and with `evaluateOn: 'tuning'` accuracy is
 * measured on the carve, so settings can be chosen without ever looking at the test set.
 */
function carve(data: SimulationData, settings: SimulationSettings): { available: Int32Array; evaluation: LabeledRows } {
  const { train } = data;
  const room = train.count - (settings.pool ?? train.count);
  const size = room >= settings.tuningCarve ? settings.tuningCarve : 0;
  if (settings.evaluateOn === 'tuning' && size === 0) {
    throw new StudioError('invalid-request', `Tuning needs ${settings.tuningCarve} training images beside the pool of ${settings.pool ?? train.count}; there are ${train.count}.`, 'Use a smaller --pool, or evaluate on the test set.');
  }
  const carved = subsample(train.count, size, tuningSeed);
  const inCarve = new Uint8Array(train.count);
  carved.forEach((r) => (inCarve[r] = 1));
  const available = Int32Array.from({ length: train.count }, (_, r) => r).filter((r) => !inCarve[r]);
  if (settings.evaluateOn === 'test') return { available, evaluation: data.test };
  return { available, evaluation: { x: gatherRows(train.x, train.dim, carved), y: Int32Array.from(carved, (r) => train.y[r]), count: carved.length, dim: train.dim } };
}

/** The first batch's strategy picks (pool indices, in order) from the train split, shared by all strategies of a seed. */
async function firstPicks(data: SimulationData, pool: SeedPool, settings: SimulationSettings, seed: number, registry: StrategyRegistry): Promise<number[]> {
  const candidates = Int32Array.from(pool.rows.keys()).filter((p) => pool.splits[p] === 'train');
  const rows = Int32Array.from(candidates, (p) => pool.rows[p]);
  const candidatePool: CandidatePool = {
    count: rows.length,
    embeddings: gatherRows(data.train.x, data.train.dim, rows),
    dim: data.train.dim,
    numClasses: data.classNames.length,
    classNames: data.classNames,
  };
  const picks = await query(registry.get(settings.initialStrategy), candidatePool, { seed, n: settings.initial });
  return picks.map((p) => candidates[p.index]);
}

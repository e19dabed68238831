import { StudioError } from '../../../shared/contract/channel';
import type { ValidSampleCondition } from '../../../shared/contract/sampleConditions';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { ProbabilityCache } from '../ml/ProbabilityCache';
import { conditionsFilter, namedRun, sortSamples, type ConditionContext } from './conditions/index';
import type { DataCheckLists } from './conditions/dataChecks';
import { predictionLookup } from './conditions/runPredictions';
import type { Project } from './Project';
import { filterSamples, toRow } from './sampleQueries';

/** `samples:*`; `dataChecks` answers the data-check conditions (the quality service). */
export function registerSampleHandlers(registry: HandlerRegistry, host: StudioHost, dataChecks?: DataCheckLists): void {
  // Scrolling a drill-down fetches page after page of the same run: its probabilities are kept.
  const cache = new ProbabilityCache();
  const contextFor = (project: Project): ConditionContext => ({
    project,
    predictions: async (runId) => predictionLookup(project, runId, await cache.get(project, runId)),
    dataChecks,
  });
  registry.handle('samples:list', async ({ filter, sort, offset, limit }) => {
    const project = host.requireProject();
    const context = contextFor(project);
    // A confusion-matrix cell (`predicted`) is a prediction condition like any other.
    const where: ValidSampleCondition[] = [...(filter.predicted ? [{ kind: 'prediction' as const, ...filter.predicted }] : []), ...(filter.where ?? [])];
    const meets = await conditionsFilter(where, context);
    const matching = await sortSamples(filterSamples(project, filter).filter(meets), sort, context);
    const run = namedRun(sort, where);
    const predictionOf = run ? await context.predictions(run) : null;
    const items = matching.slice(offset, offset + limit).map((s) => (predictionOf ? { ...toRow(project, s), prediction: predictionOf(s.id) } : toRow(project, s)));
    return { total: matching.length, items };
  });
  registry.handle('samples:get', ({ id }) => {
    const project = host.requireProject();
    const sample = project.samples.get(id);
    if (!sample) throw new StudioError('not-found', `There is no sample with id ${id} in this project.`);
    return { sample: toRow(project, sample), history: project.labels.book.historyOf(id) };
  });
}

import { StudioError } from '../../../shared/contract/channel';
import type { SampleFilter } from '../../../shared/contract/samples';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { readRunProbabilities, type RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from './Project';
import { filterSamples, toRow, type PredictedClassOf } from './sampleQueries';

/** The samples a data-check filter lists, in its order (the quality service answers). */
export interface QualityLists {
  idsFor(kind: NonNullable<SampleFilter['quality']>): Promise<readonly string[]>;
}

export function registerSampleHandlers(registry: HandlerRegistry, host: StudioHost, quality?: QualityLists): void {
  const predictions = new RunPredictions();
  registry.handle('samples:list', async ({ filter, offset, limit }) => {
    const project = host.requireProject();
    const predicted = filter.predicted ? { classOf: await predictions.classOf(project, filter.predicted.runId), classId: filter.predicted.classId } : undefined;
    const only = filter.quality ? ((await quality?.idsFor(filter.quality)) ?? []) : undefined;
    const matching = filterSamples(project, filter, predicted, only);
    return { total: matching.length, items: matching.slice(offset, offset + limit).map((s) => toRow(project, s)) };
  });
  registry.handle('samples:get', ({ id }) => {
    const project = host.requireProject();
    const sample = project.samples.get(id);
    if (!sample) throw new StudioError('not-found', `There is no sample with id ${id} in this project.`);
    return { sample: toRow(project, sample), history: project.labels.book.historyOf(id) };
  });
}

/**
 * The top class a finished run gives each sample, for the gallery's "predicted as" filter
 * (a confusion-matrix cell). A run's probabilities never change once written, so the last
 * one read is kept: scrolling a drill-down fetches page after page of the same run.
 */
class RunPredictions {
  private last: { key: string; probabilities: Promise<RunProbabilities> } | null = null;

  async classOf(project: Project, runId: string): Promise<PredictedClassOf> {
    const key = `${project.dir}\n${runId}`;
    if (this.last?.key !== key) {
      const probabilities = readRunProbabilities(project.dir, runId);
      this.last = { key, probabilities };
      probabilities.catch(() => {
        if (this.last?.key === key) this.last = null;
      });
    }
    const probabilities = await this.last.probabilities;
    return (sampleId) => probabilities.suggestion(sampleId)?.classId ?? null;
  }
}

import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { filterSamples, toRow } from './sampleQueries';

export function registerSampleHandlers(registry: HandlerRegistry, host: StudioHost): void {
  registry.handle('samples:list', ({ filter, offset, limit }) => {
    const project = host.requireProject();
    const matching = filterSamples(project, filter);
    return { total: matching.length, items: matching.slice(offset, offset + limit).map((s) => toRow(project, s)) };
  });
  registry.handle('samples:get', ({ id }) => {
    const project = host.requireProject();
    const sample = project.samples.get(id);
    if (!sample) throw new StudioError('not-found', `There is no sample with id ${id} in this project.`);
    return { sample: toRow(project, sample), history: project.labels.book.historyOf(id) };
  });
}

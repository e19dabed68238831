import { StudioError } from '../../../shared/contract/channel';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { MlServices } from '../ml/index';
import type { LoopService } from './LoopService';

/**
 * `training:*` and `runs:*`. Runs go through the loop so an on-demand run counts as a
 * round, refreshes the queue and shows in the status bar like an automatic one.
 */
export function registerTrainingHandlers(registry: HandlerRegistry, loop: LoopService, ml: MlServices): void {
  registry.handle('training:start', async (request) => ({ runId: await (await loop.session()).startRun(request) }));
  registry.handle('training:cancel', async ({ runId }) => ({ cancelled: (await loop.session()).training.cancel(runId) }));
  registry.handle('runs:list', async () => (await ml.runs.runs((await loop.session()).project)).reverse());
  registry.handle('runs:get', async ({ id }) => {
    const run = (await ml.runs.runs((await loop.session()).project)).find((r) => r.id === id);
    if (!run) throw new StudioError('not-found', `There is no run ${id} in this project.`, 'runs:list shows the runs there are.');
    return run;
  });
}

import { MlWorker, type MlWorkerOptions } from './MlWorker';
import { ModelCatalog } from './models/ModelCatalog';
import { RunService } from './RunService';

export interface MlServices {
  worker: MlWorker;
  catalog: ModelCatalog;
  runs: RunService;
  /** Stops the worker process. */
  dispose(): Promise<void>;
}

/**
 * The ML side of the studio, wired: one worker process (started lazily), the model
 * catalog (local models are checked by the worker before they are added) and the run
 * service. The app, the headless host and the CLI each make one.
 */
export function createMlServices(options: { cacheDir?: string; worker?: MlWorkerOptions } = {}): MlServices {
  const worker = new MlWorker(options.worker);
  const catalog = new ModelCatalog({
    cacheDir: options.cacheDir,
    validate: (backbone) => worker.run({ kind: 'validate-backbone', backbone }),
  });
  return { worker, catalog, runs: new RunService({ worker, catalog }), dispose: () => worker.dispose() };
}

export { MlWorker } from './MlWorker';
export { ModelCatalog } from './models/ModelCatalog';
export { RunService, type RunHandle, type StartRunOptions } from './RunService';
export { RunStore } from './RunStore';
export { getProbabilities, readRunProbabilities, type RunProbabilities } from './probabilities';
export { takeLabelSnapshot } from './labelSnapshot';

import { HandlerRegistry } from './rpc/HandlerRegistry';
import { EventHub } from './rpc/EventHub';
import { StudioHost } from './host/StudioHost';
import { SettingsStore } from './settings/SettingsStore';
import { registerAppHandlers, registerProjectHandlers } from './project/handlers';
import { registerSampleHandlers } from './project/sampleHandlers';
import { registerClassHandlers } from './classes/handlers';
import { registerLabelHandlers } from './labels/handlers';
import { registerQueueHandlers } from './queue/handlers';
import { registerImportHandlers } from './imports/handlers';
import { ProjectImages } from './host/ProjectImages';
import { createMlServices, type MlServices } from './ml/index';
import type { MlWorkerOptions } from './ml/MlWorker';
import { registerModelHandlers } from './ml/modelHandlers';
import { LoopService } from './loop/LoopService';
import { registerLoopHandlers } from './loop/handlers';
import { registerTrainingHandlers } from './loop/trainingHandlers';
import { registerBackboneHandlers } from './loop/backboneHandlers';
import type { ImageVariant } from '../../shared/contract/bridge';

export interface StudioOptions {
  mode: 'electron' | 'browser';
  version: string;
  /** Settings folder; defaults to the OS config folder or STUDIO_CONFIG_DIR. */
  configDir?: string;
  purpose?: string;
  /** Model cache folder and ML worker options (tests pass their own). */
  ml?: { cacheDir?: string; worker?: MlWorkerOptions };
}

/** A studio's services, wired: what Electron's main process, `studio serve` and tests start. */
export interface Studio {
  host: StudioHost;
  registry: HandlerRegistry;
  events: EventHub;
  /** The ML worker (started on its first job), model catalog and runs. */
  ml: MlServices;
  /** The active-learning loop of the open project. */
  loop: LoopService;
  /** Image bytes by sample id, for the custom protocol and the browser-mode route. */
  images(sampleId: string, variant: ImageVariant): Promise<{ data: Buffer; mime: string }>;
  /** Where a browser-mode upload batch is saved: inside the open project. */
  uploads(batchId: string): string;
  dispose(): Promise<void>;
}

export async function createStudio(options: StudioOptions): Promise<Studio> {
  const settings = await SettingsStore.open(options.configDir);
  const events = new EventHub();
  const host = new StudioHost({ settings, events, mode: options.mode, version: options.version, purpose: options.purpose });
  const registry = new HandlerRegistry();
  const images = new ProjectImages(host);
  const ml = createMlServices(options.ml);
  const loop = new LoopService(host, ml);
  registerStudioHandlers(registry, host, images, { ml, loop });
  const dispose = async () => {
    await host.dispose(); // closes the project: its run and queries are cancelled first
    loop.dispose();
    await ml.dispose();
  };
  return { host, registry, events, ml, loop, images: (id, variant) => images.get(id, variant), uploads: (batchId) => host.requireWritableProject().path('uploads', batchId), dispose };
}

/** Every feature's handlers. Adding a feature: one line here (docs/recipes/add-a-channel.md). */
export function registerStudioHandlers(registry: HandlerRegistry, host: StudioHost, images: ProjectImages, services: { ml: MlServices; loop: LoopService }): void {
  registerAppHandlers(registry, host);
  registerProjectHandlers(registry, host);
  registerClassHandlers(registry, host);
  registerImportHandlers(registry, host);
  registerSampleHandlers(registry, host);
  registerLabelHandlers(registry, host);
  registerQueueHandlers(registry, services.loop, images);
  registerModelHandlers(registry, services.ml, host.events);
  registerTrainingHandlers(registry, services.loop, services.ml);
  registerLoopHandlers(registry, services.loop, services.ml);
  registerBackboneHandlers(registry, services.loop, services.ml);
}

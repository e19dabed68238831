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
import { TeamService } from './team/TeamService';
import { registerTeamHandlers } from './team/handlers';
import { QueueService } from './queue/QueueService';
import { registerReviewHandlers } from './review/handlers';
import { registerSplitHandlers } from './splits/handlers';
import { registerDatasetHandlers } from './dataset/handlers';
import { registerEvaluateHandlers } from './evaluate/handlers';
import { registerExportHandlers } from './export/handlers';
import { registerBatchHandlers } from './batches/handlers';
import type { ImageVariant } from '../../shared/contract/bridge';
import { QualityService } from './quality/QualityService';
import { registerQualityHandlers } from './quality/handlers';

export interface StudioOptions {
  mode: 'electron' | 'browser';
  version: string;
  /** Settings folder; defaults to the OS config folder or STUDIO_CONFIG_DIR. */
  configDir?: string;
  purpose?: string;
  /** Model cache folder and ML worker options (tests pass their own). */
  ml?: { cacheDir?: string; worker?: MlWorkerOptions };
  /** The clock leases run on (tests move one by hand), and how long a lease lasts. */
  queue?: { clock?: () => number; leaseMs?: number };
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
  /** The open project's team: roles, overlap. */
  team: TeamService;
  /** What each client is handed next, with leases. */
  queue: QueueService;
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
  const quality = new QualityService(host, ml, loop);
  const team = new TeamService(host);
  const queue = new QueueService(host, loop, team, options.queue);
  registerStudioHandlers(registry, host, images, { ml, loop, quality, team, queue });
  const dispose = async () => {
    await host.dispose(); // closes the project: its run and queries are cancelled first
    loop.dispose();
    quality.dispose();
    queue.dispose();
    team.dispose();
    await ml.dispose();
  };
  return { host, registry, events, ml, loop, team, queue, images: (id, variant) => images.get(id, variant), uploads: (batchId) => host.requireWritableProject().path('uploads', batchId), dispose };
}

/** Every feature's handlers. Adding a feature: one line here (docs/recipes/add-a-channel.md). */
export function registerStudioHandlers(
  registry: HandlerRegistry,
  host: StudioHost,
  images: ProjectImages,
  services: { ml: MlServices; loop: LoopService; quality: QualityService; team: TeamService; queue: QueueService },
): void {
  registerAppHandlers(registry, host);
  registerProjectHandlers(registry, host);
  registerClassHandlers(registry, host);
  registerImportHandlers(registry, host);
  registerSampleHandlers(registry, host, services.quality);
  registerLabelHandlers(registry, host, services);
  registerQueueHandlers(registry, host, services.queue, images);
  registerModelHandlers(registry, services.ml, host.events);
  registerTrainingHandlers(registry, services.loop, services.ml);
  registerLoopHandlers(registry, services.loop, services.ml);
  registerBackboneHandlers(registry, services.loop, services.ml);
  registerTeamHandlers(registry, host, services.team);
  registerReviewHandlers(registry, host, services);
  registerSplitHandlers(registry, host);
  registerDatasetHandlers(registry, host);
  registerEvaluateHandlers(registry, services.loop);
  registerExportHandlers(registry, host, services.ml);
  registerBatchHandlers(registry, host, services.ml, services.loop);
  registerQualityHandlers(registry, host, services);
}

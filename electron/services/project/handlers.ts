import { basename, join } from 'node:path';
import { homedir } from 'node:os';
import type { HandlerRegistry } from '../rpc/HandlerRegistry';
import type { StudioHost } from '../host/StudioHost';
import { projectStatus } from './sampleQueries';
import { createDemoProject } from '../demo';
import { StudioError } from '../../../shared/contract/channel';

/** Where "Try the demo" puts its project unless the user picks a folder. */
export function defaultDemoDir(): string {
  return process.env.STUDIO_DEMO_DIR ?? join(homedir(), 'Active Learning Studio', 'Demo project');
}

export function registerAppHandlers(registry: HandlerRegistry, host: StudioHost): void {
  registry.handle('app:info', () => ({
    version: host.version,
    mode: host.mode,
    platform: process.platform,
    annotator: host.settings.data.annotator,
    firstRun: host.settings.data.firstRun,
    defaultDemoDir: defaultDemoDir(),
    nativeDialogs: host.mode === 'electron',
  }));
  registry.handle('app:set-annotator', async ({ name }) => {
    await host.settings.setAnnotator(name);
    return {};
  });
}

export function registerProjectHandlers(registry: HandlerRegistry, host: StudioHost): void {
  registry.handle('project:create', ({ dir, name, classes }) => host.create(dir, { name: name ?? basename(dir), classes }));
  registry.handle('project:open', ({ dir, recovery }) => host.open(dir, recovery));
  registry.handle('project:close', async () => {
    await host.close();
    return {};
  });
  registry.handle('project:current', () => host.project?.summary() ?? null);
  registry.handle('project:recent', () => host.settings.recent((dir) => host.hasProjectAt(dir)));
  registry.handle('project:status', () => projectStatus(host.requireProject()));
  registry.handle('project:demo', async ({ dir }) => {
    const target = dir ?? defaultDemoDir();
    if (host.hasProjectAt(target)) return host.open(target); // the demo was made before: reopen it
    return host.adopt(async () => {
      try {
        return (await createDemoProject(target)).project;
      } catch (error) {
        if (error instanceof StudioError) throw error;
        throw new StudioError('io', `The demo project could not be created in ${target}: ${(error as Error).message}`, 'Choose another folder for it.');
      }
    });
  });
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../../../shared/contract/channel';
import type { ClassInput, ProjectSummary } from '../../../shared/contract/project';
import { EventHub } from '../rpc/EventHub';
import { Project } from '../project/Project';
import type { SettingsStore } from '../settings/SettingsStore';
import { projectFiles } from '../project/documents';

export interface StudioHostOptions {
  settings: SettingsStore;
  events?: EventHub;
  mode: 'electron' | 'browser';
  version: string;
  /** Labels this process for other processes that find the project locked. */
  purpose?: string;
}

/**
 * One running studio: the user's settings, the project open right now (one at a time) and
 * the events its services emit. Electron's main process, the browser-mode server and tests
 * each make one; handlers receive it as a parameter.
 */
export class StudioHost {
  readonly settings: SettingsStore;
  readonly events: EventHub;
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  private current: Project | null = null;
  private readonly closers = new Set<() => Promise<void> | void>();
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: StudioHostOptions) {
    this.settings = options.settings;
    this.events = options.events ?? new EventHub();
    this.mode = options.mode;
    this.version = options.version;
  }

  get project(): Project | null {
    return this.current;
  }

  /** The open project, or a clear error telling the user to open one. */
  requireProject(): Project {
    if (!this.current) throw new StudioError('no-project', 'No project is open.', 'Create or open a project first.');
    return this.current;
  }

  requireWritableProject(): Project {
    const project = this.requireProject();
    if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only.');
    return project;
  }

  create(dir: string, options: { name?: string; classes?: ClassInput[] }): Promise<ProjectSummary> {
    return this.switchTo(() => Project.create(dir, { ...options, purpose: this.purpose }));
  }

  /** `recovery`: the user's answer to a `damaged` error (see `project:open`). */
  open(dir: string, recovery?: 'read-only' | 'accept-loss'): Promise<ProjectSummary> {
    if (this.current && this.current.dir === dir && !recovery) return Promise.resolve(this.current.summary());
    return this.switchTo(() => Project.open(dir, { purpose: this.purpose, readOnly: recovery === 'read-only', acceptLoss: recovery === 'accept-loss' }));
  }

  /** Opens a project made elsewhere in this process (the demo generator returns one). */
  adopt(make: () => Promise<Project>): Promise<ProjectSummary> {
    return this.switchTo(make);
  }

  async close(): Promise<void> {
    await this.serialise(async () => {
      await this.closeCurrent();
      this.events.emit('project:changed', { what: ['project'] });
    });
  }

  /** Services that hold per-project state (image caches, ML jobs) register a cleanup here. */
  onProjectClose(closer: () => Promise<void> | void): () => void {
    this.closers.add(closer);
    return () => this.closers.delete(closer);
  }

  hasProjectAt(dir: string): boolean {
    return [projectFiles.project, `${projectFiles.project}.1`, `${projectFiles.project}.bak`].some((f) => existsSync(join(dir, f)));
  }

  async dispose(): Promise<void> {
    await this.serialise(() => this.closeCurrent());
  }

  private get purpose(): string {
    return this.options.purpose ?? `studio ${this.mode}`;
  }

  private switchTo(make: () => Promise<Project>): Promise<ProjectSummary> {
    return this.serialise(async () => {
      await this.closeCurrent();
      const project = await make();
      this.current = project;
      await this.settings.rememberProject(project.dir, project.doc.name);
      this.events.emit('project:changed', { what: ['project'] });
      return project.summary();
    });
  }

  private async closeCurrent(): Promise<void> {
    if (!this.current) return;
    for (const closer of this.closers) await closer();
    const project = this.current;
    this.current = null;
    await project.close();
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const next = this.switching.then(work, work);
    this.switching = next.catch(() => undefined);
    return next;
  }
}

import { Low } from 'lowdb';
import { StudioError } from '../../../shared/contract/channel';
import { runsDocSchema, type RunRecord, type RunsDoc } from '../../../shared/ml/runs';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { projectFiles } from '../project/documents';
import type { Project } from '../project/Project';

/**
 * A project's run records in `runs.json`, written through lowdb with the durable adapter
 * (temp, fsync, rename, backup). A run still `running` when the project is opened again was
 * cut short by a studio that stopped: it is marked failed with that reason.
 */
export class RunStore {
  private static readonly byProject = new WeakMap<Project, Promise<RunStore>>();

  /**
   * The run store of an open project, one per Project instance, so every service sees the
   * same records and the "interrupted run" check runs once, when the project is opened.
   */
  static for(project: Project): Promise<RunStore> {
    let store = RunStore.byProject.get(project);
    if (!store) {
      store = RunStore.load(project);
      RunStore.byProject.set(project, store);
      store.catch(() => RunStore.byProject.delete(project));
    }
    return store;
  }

  private constructor(
    private readonly db: Low<RunsDoc>,
    private readonly writable: boolean,
  ) {}

  private static async load(project: Project): Promise<RunStore> {
    const adapter = new DurableJsonFile(project.path(projectFiles.runs), (json) => runsDocSchema.parse(json), projectFiles.runs);
    let doc: RunsDoc | null;
    try {
      doc = await adapter.read();
    } catch (error) {
      throw new StudioError('io', `Cannot read the project's runs: ${(error as Error).message}`);
    }
    const db = new Low<RunsDoc>(adapter, doc ?? { schemaVersion: 1, runs: [] });
    const store = new RunStore(db, !project.readOnly);
    const interrupted = db.data.runs.filter((r) => r.status === 'running');
    if (interrupted.length && store.writable) {
      for (const run of interrupted) {
        Object.assign(run, {
          status: 'failed',
          finishedAt: run.finishedAt ?? new Date().toISOString(),
          error: { code: 'internal', message: 'The studio stopped before this run finished.', hint: 'Start the run again.' },
        });
      }
      await db.write();
    }
    return store;
  }

  /** Oldest first. */
  list(): RunRecord[] {
    return this.db.data.runs.map((r) => structuredClone(r));
  }

  get(runId: string): RunRecord | null {
    const run = this.db.data.runs.find((r) => r.id === runId);
    return run ? structuredClone(run) : null;
  }

  /** The newest run with `status` (default: succeeded), or null. */
  latest(status: RunRecord['status'] = 'succeeded'): RunRecord | null {
    const runs = this.db.data.runs.filter((r) => r.status === status);
    return runs.length ? structuredClone(runs[runs.length - 1]) : null;
  }

  async add(record: RunRecord): Promise<void> {
    this.assertWritable();
    this.db.data.runs.push(runsDocSchema.shape.runs.element.parse(record));
    await this.db.write();
  }

  async update(runId: string, change: Partial<RunRecord>): Promise<RunRecord> {
    this.assertWritable();
    const run = this.db.data.runs.find((r) => r.id === runId);
    if (!run) throw new StudioError('not-found', `No run ${runId}.`);
    const next = runsDocSchema.shape.runs.element.parse({ ...run, ...change });
    Object.assign(run, next);
    await this.db.write();
    return structuredClone(next);
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; runs cannot be recorded.');
  }
}

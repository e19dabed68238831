import { StudioError } from '../../../shared/contract/channel';
import { runsDocSchema, type RunRecord, type RunsDoc } from '../../../shared/ml/runs';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { DurableDocument } from '../storage/DurableDocument';
import { projectFiles } from '../project/documents';
import type { Project } from '../project/Project';

/**
 * A project's run records in `runs.json`, written through the durable document layer
 * (checksummed, last generations kept); a change is visible only once it is on disk. A run
 * still `running` when the project is opened again was cut short by a studio that stopped:
 * it is marked failed with that reason.
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
    private readonly doc: DurableDocument<RunsDoc>,
    private readonly writable: boolean,
  ) {}

  private static async load(project: Project): Promise<RunStore> {
    const file = new DurableJsonFile(project.path(projectFiles.runs), (json) => runsDocSchema.parse(json), { label: projectFiles.runs, readOnly: project.readOnly, fs: project.fs });
    let doc: DurableDocument<RunsDoc>;
    try {
      doc = await DurableDocument.open(file, () => ({ schemaVersion: 1, runs: [] }));
    } catch (error) {
      throw new StudioError('damaged', `Cannot read the project's runs: ${(error as Error).message}`, 'Copy runs.json from a backup of the project folder.');
    }
    for (const notice of doc.notices) project.addNotice(notice);
    const store = new RunStore(doc, !project.readOnly);
    if (store.writable && doc.data.runs.some((r) => r.status === 'running')) {
      await doc.update((d) => {
        for (const run of d.runs.filter((r) => r.status === 'running')) {
          Object.assign(run, {
            status: 'failed',
            finishedAt: run.finishedAt ?? new Date().toISOString(),
            error: { code: 'internal', message: 'The studio stopped before this run finished.', hint: 'Start the run again.' },
          });
        }
      }, 'The interrupted runs were not marked as failed.');
    }
    return store;
  }

  /** Oldest first. */
  list(): RunRecord[] {
    return this.doc.data.runs.map((r) => structuredClone(r));
  }

  get(runId: string): RunRecord | null {
    const run = this.doc.data.runs.find((r) => r.id === runId);
    return run ? structuredClone(run) : null;
  }

  /** The newest run with `status` (default: succeeded), or null. */
  latest(status: RunRecord['status'] = 'succeeded'): RunRecord | null {
    const runs = this.doc.data.runs.filter((r) => r.status === status);
    return runs.length ? structuredClone(runs[runs.length - 1]) : null;
  }

  async add(record: RunRecord): Promise<void> {
    this.assertWritable();
    const parsed = runsDocSchema.shape.runs.element.parse(record);
    await this.doc.update((d) => {
      d.runs.push(parsed);
    }, 'The run was not recorded.');
  }

  async update(runId: string, change: Partial<RunRecord>): Promise<RunRecord> {
    this.assertWritable();
    const run = this.doc.data.runs.find((r) => r.id === runId);
    if (!run) throw new StudioError('not-found', `No run ${runId}.`);
    const next = runsDocSchema.shape.runs.element.parse({ ...run, ...change });
    await this.doc.update((d) => {
      d.runs[d.runs.findIndex((r) => r.id === runId)] = next;
    }, `The record of run ${runId} was not updated.`);
    return structuredClone(next);
  }

  private assertWritable(): void {
    if (!this.writable) throw new StudioError('conflict', 'The project is open read-only; runs cannot be recorded.');
  }
}

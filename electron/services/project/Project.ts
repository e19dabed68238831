import { basename, dirname, join, resolve } from 'node:path';
import { randomUUID, randomInt } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { Notice } from '../../../shared/contract/schemas';
import type { ClassInput, ProjectSummary } from '../../../shared/contract/project';
import { defaultSplitRatios, SplitAssigner } from '../../../shared/domain/splits';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { DurableDocument } from '../storage/DurableDocument';
import { ProjectLock } from '../storage/ProjectLock';
import { nodeFileSystem, type StorageFs } from '../storage/fileSystem';
import { failedWrite } from '../storage/storageErrors';
import { LabelStore } from '../labels/LabelStore';
import { SampleIndex } from './SampleIndex';
import { reconcileImportedLabels } from './reconcileImportedLabels';
import { NewerSchemaError, parseProjectDoc, PROJECT_SCHEMA_VERSION, projectFiles, type ProjectDoc } from './documents';
import { buildClasses } from '../classes/classDefaults';
import { openJournals } from './openJournals';
import { restoreMissingClasses } from './restoreClasses';

export interface OpenOptions {
  /** Read-only opens take no lock and refuse every change (CLI `status`, `samples`). */
  readOnly?: boolean;
  /** Who holds the lock, shown to a second process that tries to open the project. */
  purpose?: string;
  /**
   * Go on when a journal holds fewer records than studio.json lists (it was deleted, emptied
   * or cut short): the user chose to accept the loss, which the notices spell out.
   */
  acceptLoss?: boolean;
  /** The file system to write through (tests: one that simulates power cuts). */
  fs?: StorageFs;
}

/**
 * An open project folder: its documents, samples and labels, and the lock that makes this
 * process their only writer. Services receive a Project; they never touch its files directly.
 */
export class Project {
  readonly splits: SplitAssigner;

  private constructor(
    readonly dir: string,
    private readonly meta: DurableDocument<ProjectDoc>,
    readonly samples: SampleIndex,
    readonly labels: LabelStore,
    private readonly lock: ProjectLock | null,
    readonly notices: Notice[],
    readonly fs: StorageFs,
  ) {
    this.splits = new SplitAssigner(meta.data.splitRatios);
    for (const s of samples.all) this.splits.record(s.importedLabel ?? '', s.split);
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  /** The project document as it is on disk. Change it only through `updateMeta`. */
  get doc(): ProjectDoc {
    return this.meta.data;
  }

  static create(dir: string, options: { name?: string; classes?: ClassInput[]; purpose?: string; fs?: StorageFs } = {}): Promise<Project> {
    return Project.make(dir, options).catch((error: unknown) => {
      throw failedWrite(error, { notSaved: 'The project was not created.', saved: 'Nothing was written that needs keeping.' });
    });
  }

  private static async make(dir: string, options: { name?: string; classes?: ClassInput[]; purpose?: string; fs?: StorageFs }): Promise<Project> {
    const fs = options.fs ?? nodeFileSystem;
    dir = resolve(dir);
    const existed = (await fs.kind(dir)) === 'directory';
    await fs.mkdir(dir);
    if (!existed) await fs.syncDirectory(dirname(dir)); // fsync:project-folder (the new folder's name)
    const entries = await fs.readdir(dir);
    if (entries.includes(projectFiles.project)) {
      throw new StudioError('conflict', `${dir} already holds a project.`, 'Open it instead, or choose an empty folder.');
    }
    const visible = entries.filter((e) => !e.startsWith('.'));
    if (visible.length > 0) {
      throw new StudioError('conflict', `${dir} is not empty.`, 'Choose an empty or new folder for the project; images can live anywhere.');
    }
    const lock = await ProjectLock.acquire(join(dir, projectFiles.lock), options.purpose ?? 'create', fs);
    try {
      const doc: ProjectDoc = {
        schemaVersion: PROJECT_SCHEMA_VERSION,
        id: randomUUID(),
        name: options.name ?? basename(dir),
        createdAt: new Date().toISOString(),
        seed: randomInt(1, 2 ** 31 - 1),
        splitRatios: defaultSplitRatios,
        classes: buildClasses(options.classes ?? []),
        journals: { samples: 0, labels: 0 },
      };
      const meta = await DurableDocument.create(projectFile(dir, fs, false), doc, 'The project was not created.');
      const samples = await SampleIndex.open(dir, { readOnly: false, fs });
      const labels = await LabelStore.open(dir, { readOnly: false, fs });
      return new Project(dir, meta, samples, labels, lock, [], fs);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<Project> {
    const fs = options.fs ?? nodeFileSystem;
    const readOnly = options.readOnly ?? false;
    dir = resolve(dir);
    await assertProjectFolder(fs, dir);
    const lock = readOnly
      ? null
      : await ProjectLock.acquire(join(dir, projectFiles.lock), options.purpose ?? 'open', fs).catch((error: unknown) => {
          throw failedWrite(error, { notSaved: 'The project was not opened for writing (its lock could not be written).', saved: 'It can still be opened read-only.' });
        });
    try {
      const file = projectFile(dir, fs, readOnly);
      let doc: ProjectDoc | null;
      try {
        doc = await file.read();
      } catch (error) {
        if (error instanceof NewerSchemaError) {
          throw new StudioError('unsupported', `This project was ${error.message}.`, 'Update the studio to open it.');
        }
        throw Object.assign(new StudioError('damaged', `Cannot open the project: ${(error as Error).message}`, 'Copy the project folder from a backup.'), { cause: error });
      }
      if (!doc) throw new StudioError('not-found', `${dir} is not a studio project (no ${projectFiles.project}).`);
      const { samples, labels, notices } = await openJournals(dir, doc, { readOnly, fs, acceptLoss: options.acceptLoss ?? false });
      const project = new Project(dir, DurableDocument.from(file, doc), samples, labels, lock, [], fs);
      project.notices.push(...(await restoreMissingClasses(project, file)), ...notices);
      if (!readOnly) {
        const recovered = await reconcileImportedLabels(project);
        if (recovered > 0) project.notices.push({ level: 'info', message: `Recorded ${recovered} imported label(s) that an interrupted import had not saved yet.` });
        if (samples.loss || labels.loss) await project.recordJournalCounts();
      }
      return project;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /**
   * Changes studio.json: `change` edits a copy, which becomes `doc` only once it is durable.
   * `notSaved` tells the user what a failed write lost (`The class "zebra" was not created.`).
   */
  updateMeta<R>(change: (draft: ProjectDoc) => R, notSaved: string): Promise<R> {
    if (this.readOnly) return Promise.reject(new StudioError('conflict', 'The project is open read-only.'));
    return this.meta.update((draft) => {
      const result = change(draft);
      draft.journals = { samples: this.samples.records, labels: this.labels.records };
      return result;
    }, notSaved);
  }

  /** Writes the journals' record counts into studio.json when they moved on. */
  private async recordJournalCounts(): Promise<void> {
    const now = this.doc.journals;
    if (now && now.samples === this.samples.records && now.labels === this.labels.records) return;
    await this.updateMeta(() => undefined, 'The record counts were not updated.');
  }

  /** A notice found after opening (a document of the loop or the runs restored). */
  addNotice(notice: Notice): void {
    if (!this.notices.some((n) => n.message === notice.message)) this.notices.push(notice);
  }

  summary(): ProjectSummary {
    return {
      dir: this.dir,
      id: this.doc.id,
      name: this.doc.name,
      createdAt: this.doc.createdAt,
      schemaVersion: this.doc.schemaVersion,
      classes: this.doc.classes,
      sampleCount: this.samples.size,
      readOnly: this.readOnly,
      notices: this.notices,
    };
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  async close(): Promise<void> {
    if (!this.readOnly) await this.recordJournalCounts().catch(() => undefined); // a lower bound: missing it is safe
    await this.samples.close();
    await this.labels.close();
    await this.lock?.release();
  }
}

function projectFile(dir: string, fs: StorageFs, readOnly: boolean): DurableJsonFile<ProjectDoc> {
  return new DurableJsonFile(join(dir, projectFiles.project), parseProjectDoc, { label: projectFiles.project, readOnly, fs });
}

async function assertProjectFolder(fs: StorageFs, dir: string): Promise<void> {
  const kind = await fs.kind(dir);
  if (kind === 'file') throw new StudioError('not-found', `${dir} is a file, not a project folder.`);
  if (kind === null) throw new StudioError('not-found', `No project folder at ${dir}.`, 'Check the path, or create a project there.');
}

import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { randomUUID, randomInt } from 'node:crypto';
import { Low } from 'lowdb';
import { StudioError } from '../../../shared/contract/channel';
import type { Notice } from '../../../shared/contract/schemas';
import type { ProjectSummary } from '../../../shared/contract/project';
import { defaultSplitRatios, SplitAssigner } from '../../../shared/domain/splits';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { ProjectLock } from '../storage/ProjectLock';
import { isCode } from '../storage/durableWrite';
import { LabelStore } from '../labels/LabelStore';
import { SampleIndex } from './SampleIndex';
import { reconcileImportedLabels } from './reconcileImportedLabels';
import { NewerSchemaError, parseProjectDoc, PROJECT_SCHEMA_VERSION, projectFiles, type ProjectDoc } from './documents';
import { buildClasses } from '../classes/classDefaults';
import type { ClassInput } from '../../../shared/contract/project';

export interface OpenOptions {
  /** Read-only opens take no lock and refuse every change (CLI `status`, `samples`). */
  readOnly?: boolean;
  /** Who holds the lock, shown to a second process that tries to open the project. */
  purpose?: string;
}

/**
 * An open project folder: its documents, samples and labels, and the lock that makes this
 * process their only writer. Services receive a Project; they never touch its files directly.
 */
export class Project {
  readonly splits: SplitAssigner;

  private constructor(
    readonly dir: string,
    readonly meta: Low<ProjectDoc>,
    readonly samples: SampleIndex,
    readonly labels: LabelStore,
    private readonly lock: ProjectLock | null,
    readonly notices: Notice[],
  ) {
    this.splits = new SplitAssigner(meta.data.splitRatios);
    for (const s of samples.all) this.splits.record(s.importedLabel ?? '', s.split);
  }

  get readOnly(): boolean {
    return this.lock === null;
  }

  get doc(): ProjectDoc {
    return this.meta.data;
  }

  static async create(dir: string, options: { name?: string; classes?: ClassInput[]; purpose?: string } = {}): Promise<Project> {
    dir = resolve(dir);
    await mkdir(dir, { recursive: true });
    const entries = await readdir(dir);
    if (entries.includes(projectFiles.project)) {
      throw new StudioError('conflict', `${dir} already holds a project.`, 'Open it instead, or choose an empty folder.');
    }
    const visible = entries.filter((e) => !e.startsWith('.'));
    if (visible.length > 0) {
      throw new StudioError('conflict', `${dir} is not empty.`, 'Choose an empty or new folder for the project; images can live anywhere.');
    }
    const lock = await ProjectLock.acquire(join(dir, projectFiles.lock), options.purpose ?? 'create');
    try {
      const doc: ProjectDoc = {
        schemaVersion: PROJECT_SCHEMA_VERSION,
        id: randomUUID(),
        name: options.name ?? basename(dir),
        createdAt: new Date().toISOString(),
        seed: randomInt(1, 2 ** 31 - 1),
        splitRatios: defaultSplitRatios,
        classes: buildClasses(options.classes ?? []),
      };
      const meta = new Low(new DurableJsonFile(join(dir, projectFiles.project), parseProjectDoc, projectFiles.project), doc);
      await meta.write();
      const samples = await SampleIndex.open(dir, false);
      const labels = await LabelStore.open(dir, false);
      return new Project(dir, meta, samples, labels, lock, []);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<Project> {
    dir = resolve(dir);
    await assertProjectFolder(dir);
    const lock = options.readOnly ? null : await ProjectLock.acquire(join(dir, projectFiles.lock), options.purpose ?? 'open');
    try {
      const adapter = new DurableJsonFile(join(dir, projectFiles.project), parseProjectDoc, projectFiles.project, options.readOnly ?? false);
      let doc: ProjectDoc | null;
      try {
        doc = await adapter.read();
      } catch (error) {
        if (error instanceof NewerSchemaError) {
          throw new StudioError('unsupported', `This project was ${error.message}.`, 'Update the studio to open it.');
        }
        throw new StudioError('io', `Cannot open the project: ${(error as Error).message}`);
      }
      if (!doc) throw new StudioError('not-found', `${dir} is not a studio project (no ${projectFiles.project}).`);
      const meta = new Low(adapter, doc);
      meta.data = doc;
      const samples = await SampleIndex.open(dir, options.readOnly ?? false);
      const labels = await LabelStore.open(dir, options.readOnly ?? false);
      const notices = [...adapter.notices, ...samples.notices, ...labels.notices];
      const project = new Project(dir, meta, samples, labels, lock, notices);
      if (!project.readOnly) {
        const recovered = await reconcileImportedLabels(project);
        if (recovered > 0) notices.push({ level: 'info', message: `Recorded ${recovered} imported label(s) that an interrupted import had not saved yet.` });
      }
      return project;
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  /** Writes studio.json durably after a change to `doc`. */
  async saveMeta(): Promise<void> {
    if (this.readOnly) throw new StudioError('conflict', 'The project is open read-only.');
    await this.meta.write();
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
    await this.samples.close();
    await this.labels.close();
    await this.lock?.release();
  }
}

async function assertProjectFolder(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new StudioError('not-found', `${dir} is a file, not a project folder.`);
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new StudioError('not-found', `No project folder at ${dir}.`, 'Check the path, or create a project there.');
    throw error;
  }
}

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/channel';
import { batchRecordSchema, heldSampleSchema, type BatchRecord, type HeldSample } from '../../../shared/contract/batches';
import { DurableDocument } from '../storage/DurableDocument';
import { DurableJsonFile } from '../storage/DurableJsonFile';
import { AppendJournal } from '../storage/AppendJournal';
import type { Project } from '../project/Project';

const batchesDocSchema = z.object({ schemaVersion: z.literal(1), batches: z.array(batchRecordSchema) });
type BatchesDoc = z.infer<typeof batchesDocSchema>;

/** Where a project keeps its new-data batches. */
export const batchFiles = { doc: 'batches.json', dir: 'batches', samples: 'samples.jsonl', predictions: 'predictions' } as const;

/**
 * A project's new-data batches: `batches.json` (names, sources, what was moved into the
 * project and the audits drawn), a durable document that changes only once a change is on
 * disk, and per batch a journal of
 * its held images (`batches/<id>/samples.jsonl`, appended in durable batches like the
 * project's own samples). Held images are read once and kept in memory.
 */
export class BatchStore {
  private static readonly byProject = new WeakMap<Project, Promise<BatchStore>>();
  private readonly held = new Map<string, HeldSample[]>();
  private readonly byHash = new Map<string, HeldSample>();

  static for(project: Project): Promise<BatchStore> {
    let store = BatchStore.byProject.get(project);
    if (!store) {
      store = BatchStore.load(project);
      BatchStore.byProject.set(project, store);
      store.catch(() => BatchStore.byProject.delete(project));
    }
    return store;
  }

  private constructor(
    private readonly project: Project,
    private readonly doc: DurableDocument<BatchesDoc>,
  ) {}

  private static async load(project: Project): Promise<BatchStore> {
    const file = new DurableJsonFile(project.path(batchFiles.doc), (json) => batchesDocSchema.parse(json), { label: batchFiles.doc, readOnly: project.readOnly, fs: project.fs });
    const doc = await DurableDocument.open(file, (): BatchesDoc => ({ schemaVersion: 1, batches: [] })).catch((error: unknown) => {
      throw new StudioError('io', `Cannot read the project's batches: ${(error as Error).message}`, 'Copy batches.json from a backup of the project folder.');
    });
    for (const notice of doc.notices) project.addNotice(notice);
    const store = new BatchStore(project, doc);
    for (const batch of store.list()) {
      const { entries } = await AppendJournal.read(store.samplesPath(batch.id), { parse: (j) => heldSampleSchema.parse(j), fs: project.fs, label: `${batch.name}'s ${batchFiles.samples}` });
      store.held.set(batch.id, entries);
      for (const sample of entries) store.byHash.set(sample.hash, sample);
    }
    return store;
  }

  list(): BatchRecord[] {
    return this.doc.data.batches.map((b) => structuredClone(b));
  }

  /** A batch by id or (case-insensitive) name. */
  find(idOrName: string): BatchRecord | null {
    const key = idOrName.trim().toLowerCase();
    const batch = this.doc.data.batches.find((b) => b.id === idOrName || b.name.toLowerCase() === key);
    return batch ? structuredClone(batch) : null;
  }

  require(idOrName: string): BatchRecord {
    const batch = this.find(idOrName);
    if (!batch) throw new StudioError('not-found', `There is no batch "${idOrName}" in this project.`, 'Import one with `studio batch import DIR SRC --name NAME` or from the Batches panel.');
    return batch;
  }

  /** Every held image of the batch, moved into the project or not, in import order. */
  samples(batchId: string): HeldSample[] {
    return this.held.get(batchId) ?? [];
  }

  /** The batch of this name, created when there is none yet. */
  async ensure(name: string, sources: string[]): Promise<BatchRecord> {
    this.assertWritable();
    const existing = this.find(name);
    if (existing) {
      await this.change(existing.id, (b) => ({ ...b, sources: [...new Set([...b.sources, ...sources])].slice(0, 1000) }));
      return this.require(existing.id);
    }
    const record = batchRecordSchema.parse({ id: this.newId(name), name: name.trim(), createdAt: new Date().toISOString(), sources, count: 0, moved: {}, audits: [] });
    await this.doc.update((d) => void d.batches.push(record), `The batch "${record.name}" was not created.`);
    this.held.set(record.id, []);
    return structuredClone(record);
  }

  /** Appends images to the batch durably; they become visible once on disk. */
  async openJournal(batchId: string): Promise<{ append(samples: HeldSample[]): Promise<void>; close(): Promise<void> }> {
    this.assertWritable();
    await mkdir(dirname(this.samplesPath(batchId)), { recursive: true });
    const { journal } = await AppendJournal.open(this.samplesPath(batchId), { parse: (j) => heldSampleSchema.parse(j), fs: this.project.fs, label: `${batchFiles.samples} of ${batchId}` });
    return {
      append: async (samples) => {
        await Promise.all(samples.map((s) => journal.append(s)));
        this.held.get(batchId)!.push(...samples);
        for (const sample of samples) this.byHash.set(sample.hash, sample);
        await this.change(batchId, (b) => ({ ...b, count: this.samples(batchId).length }));
      },
      close: () => journal.close(),
    };
  }

  /** The held image with these bytes in any batch, if one exists. */
  heldByHash(hash: string): HeldSample | undefined {
    return this.byHash.get(hash);
  }

  async change(batchId: string, update: (batch: BatchRecord) => BatchRecord): Promise<BatchRecord> {
    this.assertWritable();
    if (!this.doc.data.batches.some((b) => b.id === batchId)) throw new StudioError('not-found', `There is no batch ${batchId}.`);
    return this.doc.update((d) => {
      const index = d.batches.findIndex((b) => b.id === batchId);
      d.batches[index] = batchRecordSchema.parse(update(d.batches[index]));
      return structuredClone(d.batches[index]);
    }, `The change to batch ${batchId} was not saved.`);
  }

  /** `batches/<id>/predictions/<runId>/`: the run's probabilities for the batch. */
  predictionsDir(batchId: string, runId: string): string {
    return this.project.path(batchFiles.dir, batchId, batchFiles.predictions, runId);
  }

  private samplesPath(batchId: string): string {
    return join(this.project.path(batchFiles.dir, batchId), batchFiles.samples);
  }

  private newId(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'batch';
    let id = `batch-${slug}`;
    for (let n = 2; this.doc.data.batches.some((b) => b.id === id); n++) id = `batch-${slug}-${n}`;
    return id;
  }

  private assertWritable(): void {
    if (this.project.readOnly) throw new StudioError('conflict', 'The project is open read-only; its batches cannot change.');
  }
}

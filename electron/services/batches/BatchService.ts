import { createHash } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { BatchPick, BatchReport, BatchSummary } from '../../../shared/contract/batches';
import { mulberry32 } from '../../../shared/domain/mulberry32';
import type { Sample } from '../../../shared/domain/records';
import type { RunRecord } from '../../../shared/ml/runs';
import type { QueuePick } from '../loop/loopDocument';
import type { MlWorker } from '../ml/MlWorker';
import type { ModelCatalog } from '../ml/models/ModelCatalog';
import { readRunProbabilities } from '../ml/probabilityFiles';
import { RunStore } from '../ml/RunStore';
import type { Project } from '../project/Project';
import { batchPredictions, type PredictProgress } from './batchPredictions';
import { batchSummary } from './batchSummary';
import { BatchStore } from './BatchStore';
import { driftReport, leastConfident } from './driftReport';
import { moveIntoProject } from './moveIntoProject';

/** Puts picks at the front of the project's labeling queue (the loop's current batch). */
export type QueueFront = (project: Project, runId: string, picks: QueuePick[]) => Promise<void>;

export interface BatchDeps {
  worker: MlWorker;
  catalog: ModelCatalog;
  queueFront: QueueFront;
}

/**
 * New-data batches of an open project: the drift report of a batch by a run, sending its
 * least confident images to the queue, drawing a random audit sample to label, and adding
 * the rest to the project. Importing is `importBatch`.
 */
export class BatchService {
  constructor(private readonly deps: BatchDeps) {}

  async list(project: Project): Promise<BatchSummary[]> {
    return (await BatchStore.for(project)).list().map(batchSummary);
  }

  async report(project: Project, batchName: string, runId?: string, onProgress?: PredictProgress): Promise<BatchReport> {
    const store = await BatchStore.for(project);
    const batch = store.require(batchName);
    const run = await this.succeededRun(project, runId);
    const predictions = await batchPredictions(this.deps, project, store, batch, run, onProgress);
    const projectScores = await readRunProbabilities(project.dir, run.id);
    const audit = [...batch.audits].reverse().find((a) => a.runId === run.id) ?? batch.audits.at(-1);
    const auditRun = audit && audit.runId !== run.id ? await this.succeededRun(project, audit.runId).catch(() => null) : null;
    const auditScores = !audit ? null : auditRun ? (await batchPredictions(this.deps, project, store, batch, auditRun)).probabilities : predictions.probabilities;
    return driftReport(project, run, batch, store.samples(batch.id), predictions, projectScores, auditScores);
  }

  /** Moves the `n` least confident held images into the project (train split) and queues them first. */
  async queueLeastConfident(project: Project, batchName: string, runId: string, n: number): Promise<BatchPick> {
    const { store, batch, run, predictions } = await this.prepare(project, batchName, runId);
    const names = this.classNames(project, run);
    const picks = leastConfident(project, store.samples(batch.id), predictions.probabilities, names, n);
    const held = new Map(store.samples(batch.id).map((h) => [h.id, h]));
    const moved = await moveIntoProject(project, store, batch.id, picks.map((p) => held.get(p.sampleId)!), 'least-confident');
    const note = (id: string) => {
      const pick = picks.find((p) => p.sampleId === id)!;
      return `new batch "${batch.name}": the model is ${Math.round(pick.probability * 100)} % sure it is ${pick.label}`;
    };
    const scoreOf = (id: string) => 1 - (picks.find((p) => p.sampleId === id)?.probability ?? 0);
    return this.queue(project, run.id, moved, (s) => ({ sampleId: s.id, score: scoreOf(s.id), note: note(s.id) }), `the ${moved.length} least confident images of "${batch.name}"`);
  }

  /**
   * Draws `n` images at random from the whole batch (seeded, recorded with the run whose
   * stored predictions it checks), moves those not yet in the project into it, and queues
   * the unlabeled ones first. Their labels give an unbiased accuracy of that run on the batch.
   */
  async drawAudit(project: Project, batchName: string, runId: string, n: number): Promise<BatchPick> {
    const { store, batch, run, predictions } = await this.prepare(project, batchName, runId);
    const scored = store.samples(batch.id).filter((h) => predictions.probabilities.row(h.id) !== null);
    if (scored.length === 0) throw new StudioError('invalid-request', `No image of "${batch.name}" could be predicted, so there is nothing to audit.`);
    const seed = createHash('sha256').update(`${batch.id} ${batch.audits.length}`).digest().readUInt32LE(0);
    const random = mulberry32(seed);
    const order = scored.map((h) => ({ h, key: random() })).sort((a, b) => a.key - b.key);
    const drawn = order.slice(0, Math.min(n, scored.length)).map((o) => o.h);
    await moveIntoProject(project, store, batch.id, drawn, 'audit');
    await store.change(batch.id, (b) => ({ ...b, audits: [...b.audits, { runId: run.id, at: new Date().toISOString(), sampleIds: drawn.map((h) => h.id) }] }));
    const inProject = drawn.map((h) => project.samples.get(h.id)!).filter((s) => project.labels.stateOf(s.id).classId === null);
    return this.queue(project, run.id, inProject, (s) => ({ sampleId: s.id, score: 1, note: `audit sample of "${batch.name}": drawn at random to measure the model on this batch` }), `an audit sample of ${drawn.length} images from "${batch.name}"`);
  }

  /** Adds every held image not yet in the project, with the project's split rule. */
  async moveRest(project: Project, batchName: string): Promise<BatchPick> {
    const store = await BatchStore.for(project);
    const batch = store.require(batchName);
    const moved = await moveIntoProject(project, store, batch.id, store.samples(batch.id), 'rest');
    return { moved: moved.length, queued: 0, heldOut: moved.filter((s) => s.split !== 'train').length, note: `${moved.length} images of "${batch.name}" added to the project with its split rule; the loop picks from them like any import.` };
  }

  private async queue(project: Project, runId: string, moved: Sample[], pick: (s: Sample) => QueuePick, what: string): Promise<BatchPick> {
    const train = moved.filter((s) => s.split === 'train');
    if (train.length) await this.deps.queueFront(project, runId, train.map(pick));
    const heldOut = moved.length - train.length;
    const followed = heldOut ? ` ${heldOut} followed a near-duplicate into the val or test split and will be asked as held-out images.` : '';
    return { moved: moved.length, queued: train.length, heldOut, note: `Sent ${what} to the front of the queue.${followed}` };
  }

  private async prepare(project: Project, batchName: string, runId: string) {
    if (project.readOnly) throw new StudioError('conflict', 'The project is open read-only.');
    const store = await BatchStore.for(project);
    const batch = store.require(batchName);
    const run = await this.succeededRun(project, runId);
    return { store, batch, run, predictions: await batchPredictions(this.deps, project, store, batch, run) };
  }

  private classNames(project: Project, run: RunRecord): string[] {
    const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
    return run.classIds.map((id) => names.get(id) ?? id);
  }

  private async succeededRun(project: Project, runId: string | undefined): Promise<RunRecord> {
    const runs = await RunStore.for(project);
    const run = runId ? runs.get(runId) : runs.latest('succeeded');
    if (!run) throw new StudioError('not-found', runId ? `There is no run ${runId} in this project.` : 'This project has no trained model yet.', 'Train a model first; its predictions are what the batch is compared by.');
    if (run.status !== 'succeeded') throw new StudioError('invalid-request', `Run ${run.id} ${run.status}; choose a run that finished.`);
    return run;
  }
}

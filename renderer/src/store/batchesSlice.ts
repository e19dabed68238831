import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { BatchPick, BatchReport, BatchSummary } from '../../../shared/contract/batches';
import type { ImportProgress, ImportReport } from '../../../shared/contract/imports';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import { slicePatcher } from './sliceTools';
import type { Slice } from './types';

/** A batch import in flight or just ended, as the Batches panel shows it. */
export interface BatchImport {
  name: string;
  jobId: string | null;
  progress: ImportProgress | null;
  result: { batch: BatchSummary; report: ImportReport } | null;
  error: StudioErrorPayload | null;
}

export interface BatchesState {
  list: BatchSummary[] | null;
  selectedId: string | null;
  importing: BatchImport | null;
  /** The report on screen, the run it is by, and how far predicting the batch has got. */
  report: { batchId: string; runId: string | null; status: 'loading' | 'ready' | 'failed'; value: BatchReport | null; error: StudioErrorPayload | null; progress: { phase: string; done: number; total: number } | null } | null;
  /** What the last pick (least confident, audit, move) did, in words. */
  lastPick: (BatchPick & { what: string }) | null;
  busy: boolean;
}

export interface BatchesSlice {
  batches: BatchesState;
  loadBatches(): Promise<void>;
  startBatchImport(name: string, sources: string[]): Promise<void>;
  cancelBatchImport(): Promise<void>;
  clearBatchImport(): void;
  /** Selects a batch and reports it by `runId` (the latest run when absent). */
  openBatchReport(batchId: string, runId?: string): Promise<void>;
  queueLeastConfident(n: number): Promise<void>;
  drawAudit(n: number): Promise<void>;
  moveBatchRest(): Promise<void>;
  onBatchImportProgress(progress: ImportProgress): void;
  onBatchImportFinished(jobId: string, batch: BatchSummary, report: ImportReport): void;
  onBatchImportFailed(jobId: string, error: StudioErrorPayload): void;
  onBatchPredictProgress(progress: { batchId: string; phase: string; done: number; total: number }): void;
}

export const createBatchesSlice: Slice<BatchesSlice> = (set, get, { api }) => {
  const patch = slicePatcher(set, 'batches');
  const patchImport = (change: Partial<BatchImport>) => patch((b) => ({ importing: b.importing ? { ...b.importing, ...change } : null }));
  const pick = async (what: string, request: () => Promise<BatchPick>) => {
    const report = get().batches.report;
    if (!report) return;
    patch({ busy: true });
    try {
      const picked = await request();
      patch({ lastPick: { ...picked, what } });
      get().notify('success', picked.note);
      await Promise.all([get().loadBatches(), get().openBatchReport(report.batchId, report.runId ?? undefined)]);
    } catch (error) {
      get().showError(error, what);
    } finally {
      patch({ busy: false });
    }
  };
  const current = () => get().batches.report;
  return {
    batches: { list: null, selectedId: null, importing: null, report: null, lastPick: null, busy: false },

    async loadBatches() {
      try {
        patch({ list: await unwrap(api.batches.list({})) });
      } catch (error) {
        if (get().project) get().showError(error, 'New-data batches');
      }
    },

    async startBatchImport(name, sources) {
      patch({ importing: { name, jobId: null, progress: null, result: null, error: null } });
      try {
        const { jobId } = await unwrap(api.batches.import({ name, sources }));
        patchImport({ jobId });
      } catch (error) {
        patchImport({ error: errorPayloadOf(error) });
      }
    },

    async cancelBatchImport() {
      const jobId = get().batches.importing?.jobId;
      if (jobId) await unwrap(api.batches.cancelImport({ jobId })).catch((error: unknown) => get().showError(error, 'The batch import could not be cancelled'));
    },

    clearBatchImport() {
      patch({ importing: null });
    },

    async openBatchReport(batchId, runId) {
      patch({ selectedId: batchId, report: { batchId, runId: runId ?? null, status: 'loading', value: current()?.batchId === batchId ? (current()?.value ?? null) : null, error: null, progress: null } });
      try {
        const value = await unwrap(api.batches.report(runId ? { batchId, runId } : { batchId }));
        if (current()?.batchId === batchId) patch({ report: { batchId, runId: value.runId, status: 'ready', value, error: null, progress: null } });
      } catch (error) {
        if (current()?.batchId === batchId) patch((b) => ({ report: { ...b.report!, status: 'failed', error: errorPayloadOf(error), progress: null } }));
      }
    },

    queueLeastConfident: (n) => pick('Sending the least confident images to the queue', () => unwrap(api.batches.queueLeastConfident({ batchId: current()!.batchId, runId: current()!.value!.runId, n }))),
    drawAudit: (n) => pick('Drawing an audit sample', () => unwrap(api.batches.drawAudit({ batchId: current()!.batchId, runId: current()!.value!.runId, n }))),
    moveBatchRest: () => pick('Adding the batch to the project', () => unwrap(api.batches.moveRest({ batchId: current()!.batchId }))),

    onBatchImportProgress(progress) {
      const importing = get().batches.importing;
      if (importing && (importing.jobId === null || importing.jobId === progress.jobId)) patchImport({ jobId: progress.jobId, progress });
    },
    onBatchImportFinished(jobId, batch, report) {
      if (get().batches.importing?.jobId !== jobId) return;
      patchImport({ result: { batch, report } });
      get().notify('success', `Batch "${batch.name}": ${report.imported} image${report.imported === 1 ? '' : 's'} held apart from training.`);
      void get().loadBatches();
    },
    onBatchImportFailed(jobId, error) {
      if (get().batches.importing?.jobId === jobId) patchImport({ error });
    },
    onBatchPredictProgress(progress) {
      const report = current();
      if (report?.batchId === progress.batchId && report.status === 'loading') patch({ report: { ...report, progress } });
    },
  };
};

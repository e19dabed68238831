import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { ExportProgress, ExportReport } from '../../../shared/contract/export';
import { unwrap } from '../api/studioApi';
import { errorPayloadOf } from './errors';
import { exportFailed, exportFinished, exportProgressed, isExporting, startingExport, type ExportJob } from './exportJob';
import type { Slice } from './types';

export interface ExportSlice {
  exporter: { job: ExportJob | null };
  /** Exports a run; without `outDir` into the project's `exports/<run id>` folder. */
  startExport(runId: string, outDir?: string): Promise<void>;
  cancelExport(): Promise<void>;
  /** Forget a finished or failed export. */
  clearExport(): void;
  onExportProgress(progress: ExportProgress): void;
  onExportFinished(jobId: string, report: ExportReport): void;
  onExportFailed(jobId: string, error: StudioErrorPayload): void;
}

export const createExportSlice: Slice<ExportSlice> = (set, get, deps) => {
  const patch = (change: (job: ExportJob | null) => ExportJob | null): void => set((s) => ({ exporter: { job: change(s.exporter.job) } }));
  return {
    exporter: { job: null },

    async startExport(runId, outDir) {
      if (isExporting(get().exporter.job)) {
        get().notify('error', 'A model export is already running.', 'Wait for it to finish or cancel it.');
        return;
      }
      patch(() => startingExport(runId));
      try {
        const { jobId } = await unwrap(deps.api.export.start(outDir ? { runId, outDir } : { runId }));
        patch((job) => (job && job.jobId === null && job.stage !== 'failed' ? { ...job, jobId, stage: job.stage === 'starting' ? 'running' : job.stage } : job));
      } catch (error) {
        patch((job) => exportFailed(job, null, errorPayloadOf(error)));
      }
    },

    async cancelExport() {
      const job = get().exporter.job;
      if (!job?.jobId || !isExporting(job)) return;
      patch((j) => (j ? { ...j, stage: 'cancelling' } : j));
      try {
        await unwrap(deps.api.export.cancel({ jobId: job.jobId }));
      } catch (error) {
        get().showError(error, 'The export could not be cancelled');
      }
    },

    clearExport() {
      if (!isExporting(get().exporter.job)) patch(() => null);
    },

    onExportProgress(progress) {
      patch((job) => exportProgressed(job, progress));
    },

    onExportFinished(jobId, report) {
      const before = get().exporter.job;
      patch((job) => exportFinished(job, jobId, report));
      if (before !== get().exporter.job) get().notify('success', 'Model exported.', report.outDir);
    },

    onExportFailed(jobId, error) {
      patch((job) => exportFailed(job, jobId, error));
    },
  };
};

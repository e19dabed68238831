import type { ImportProgress, ImportReport, ImportRequest } from '../../../shared/contract/imports';
import { unwrap } from '../api/studioApi';
import type { DroppedFile } from './deps';
import { errorPayloadOf } from './errors';
import { applyFailed, applyFinished, applyProgress, isActive, jobStarted, startingJob, uploadingJob, type ImportJob } from './importJob';
import type { Slice } from './types';

/** What the import dialog opens with: typed or browsed paths, or files dropped on the window. */
export type ImportPrefill = { kind: 'paths'; sources: string[] } | { kind: 'dropped'; files: DroppedFile[]; folders: number };

export interface ImportSlice {
  importer: { dialogOpen: boolean; prefill: ImportPrefill | null; job: ImportJob | null };
  openImport(prefill?: ImportPrefill): void;
  closeImport(): void;
  startImport(request: ImportRequest): Promise<void>;
  /** Browser mode: upload dropped files, then import the folder they landed in. */
  startDroppedImport(files: readonly DroppedFile[], labelsFrom: 'none' | 'folders'): Promise<void>;
  cancelImport(): Promise<void>;
  /** Forget a finished or failed import (closes its report). */
  clearImportJob(): void;
  onImportProgress(progress: ImportProgress): void;
  onImportFinished(jobId: string, report: ImportReport): void;
  onImportFailed(jobId: string, message: string): void;
}

export const createImportSlice: Slice<ImportSlice> = (set, get, deps) => {
  let uploadAbort: AbortController | null = null;
  const patchJob = (change: (job: ImportJob | null) => ImportJob | null): void =>
    set((s) => ({ importer: { ...s.importer, job: change(s.importer.job) } }));

  return {
    importer: { dialogOpen: false, prefill: null, job: null },

    openImport(prefill) {
      set((s) => ({ importer: { ...s.importer, dialogOpen: true, prefill: prefill ?? null } }));
    },
    closeImport() {
      set((s) => ({ importer: { ...s.importer, dialogOpen: false, prefill: null } }));
    },

    async startImport(request) {
      if (isActive(get().importer.job) && get().importer.job?.stage !== 'uploading') {
        get().notify('error', 'An import is already running.', 'Wait for it to finish or cancel it.');
        return;
      }
      set((s) => ({ importer: { ...s.importer, prefill: null, job: startingJob(request, s.importer.job) } }));
      try {
        const { jobId } = await unwrap(deps.api.import.start(request));
        patchJob((job) => jobStarted(job, jobId));
      } catch (error) {
        const { message, hint } = errorPayloadOf(error);
        patchJob((job) => applyFailed(job, null, { message, ...(hint ? { hint } : {}) }));
      }
    },

    async startDroppedImport(files, labelsFrom) {
      if (isActive(get().importer.job)) {
        get().notify('error', 'An import is already running.', 'Wait for it to finish or cancel it.');
        return;
      }
      const abort = new AbortController();
      uploadAbort = abort;
      set((s) => ({ importer: { ...s.importer, prefill: null, job: uploadingJob(files.length) } }));
      let dir: string;
      try {
        dir = await deps.upload(files, (upload) => patchJob((job) => (job?.stage === 'uploading' ? { ...job, upload } : job)), abort.signal);
      } catch (error) {
        const { message, hint } = abort.signal.aborted ? { message: 'Upload cancelled; nothing was imported.', hint: undefined } : errorPayloadOf(error);
        patchJob((job) => applyFailed(job, null, { message, ...(hint ? { hint } : {}) }));
        return;
      } finally {
        uploadAbort = null;
      }
      await get().startImport({ sources: [dir], labelsFrom });
    },

    async cancelImport() {
      const job = get().importer.job;
      if (!job || !isActive(job)) return;
      if (job.stage === 'uploading') {
        uploadAbort?.abort();
        return;
      }
      if (!job.jobId) return;
      patchJob((j) => (j ? { ...j, stage: 'cancelling' } : j));
      try {
        await unwrap(deps.api.import.cancel({ jobId: job.jobId }));
      } catch (error) {
        get().showError(error, 'The import could not be cancelled');
      }
    },

    clearImportJob() {
      if (!isActive(get().importer.job)) patchJob(() => null);
    },

    onImportProgress(progress) {
      patchJob((job) => applyProgress(job, progress));
    },

    onImportFinished(jobId, report) {
      const before = get().importer.job;
      patchJob((job) => applyFinished(job, jobId, report));
      if (before !== get().importer.job) {
        const what = `${report.imported} image${report.imported === 1 ? '' : 's'} imported`;
        const problems = report.rejected.length + report.duplicates.length;
        get().notify(problems ? 'info' : 'success', report.cancelled ? `Import cancelled: ${what}.` : `${what}.`, problems ? 'The import report lists every file that was left out.' : undefined);
      }
      void get().refreshStatus();
      void get().loadClasses();
      get().invalidateGallery();
      void get().refillQueue();
    },

    onImportFailed(jobId, message) {
      patchJob((job) => applyFailed(job, jobId, { message }));
    },
  };
};

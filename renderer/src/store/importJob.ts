import type { ImportProgress, ImportReport, ImportRequest } from '../../../shared/contract/imports';
import type { UploadProgress } from './deps';

/**
 * One import as the UI follows it: (browser mode) uploading the dropped files, then the
 * studio's job reporting progress until it finishes, fails or is cancelled. Events name
 * their job; events of other jobs (another tab's import) are ignored.
 */
export interface ImportJob {
  jobId: string | null;
  stage: 'uploading' | 'starting' | 'running' | 'cancelling' | 'finished' | 'failed';
  request: ImportRequest | null;
  upload: UploadProgress | null;
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: { message: string; hint?: string } | null;
}

export function uploadingJob(total: number): ImportJob {
  return { jobId: null, stage: 'uploading', request: null, upload: { done: 0, total }, progress: null, report: null, error: null };
}

export function startingJob(request: ImportRequest, previous: ImportJob | null): ImportJob {
  return { jobId: null, stage: 'starting', request, upload: previous?.upload ?? null, progress: null, report: null, error: null };
}

export function isActive(job: ImportJob | null): boolean {
  return job !== null && (job.stage === 'uploading' || job.stage === 'starting' || job.stage === 'running' || job.stage === 'cancelling');
}

/** Progress can arrive before `import:start` answers with the id; a starting job adopts it. */
function owns(job: ImportJob | null, jobId: string): job is ImportJob {
  return job !== null && (job.jobId === jobId || (job.jobId === null && job.stage === 'starting'));
}

export function jobStarted(job: ImportJob | null, jobId: string): ImportJob | null {
  if (!job || (job.jobId !== null && job.jobId !== jobId)) return job;
  return { ...job, jobId, stage: job.stage === 'starting' ? 'running' : job.stage };
}

export function applyProgress(job: ImportJob | null, progress: ImportProgress): ImportJob | null {
  if (!owns(job, progress.jobId) || !isActive(job)) return job;
  return { ...job, jobId: progress.jobId, stage: job.stage === 'cancelling' ? 'cancelling' : 'running', progress };
}

export function applyFinished(job: ImportJob | null, jobId: string, report: ImportReport): ImportJob | null {
  if (!owns(job, jobId)) return job;
  return { ...job, jobId, stage: 'finished', report };
}

export function applyFailed(job: ImportJob | null, jobId: string | null, error: { message: string; hint?: string }): ImportJob | null {
  if (!job || (jobId !== null && !owns(job, jobId))) return job;
  return { ...job, jobId: jobId ?? job.jobId, stage: 'failed', error };
}

/** 0..1 for the progress bar, or null while the total is not known yet (scanning). */
export function progressFraction(job: ImportJob): number | null {
  if (job.stage === 'uploading' && job.upload) return job.upload.total ? job.upload.done / job.upload.total : null;
  const p = job.progress;
  if (!p || p.phase === 'scanning' || p.total === 0) return null;
  return Math.min(1, p.done / p.total);
}

/** One line for the status bar and the dialog heading. */
export function describeJob(job: ImportJob): string {
  const p = job.progress;
  switch (job.stage) {
    case 'uploading':
      return `Uploading ${job.upload?.done ?? 0} of ${job.upload?.total ?? 0} files…`;
    case 'starting':
      return 'Starting the import…';
    case 'running':
      if (!p || p.phase === 'scanning') return `Looking for images… ${p ? `${p.total} found` : ''}`.trim();
      return `Importing ${p.done} of ${p.total}: ${p.imported} imported, ${p.duplicates} duplicates, ${p.rejected} rejected`;
    case 'cancelling':
      return 'Cancelling… images imported so far stay.';
    case 'finished': {
      const r = job.report!;
      const head = r.cancelled ? 'Import cancelled' : 'Import finished';
      return `${head}: ${r.imported} imported, ${r.duplicates.length} duplicates, ${r.rejected.length} rejected`;
    }
    case 'failed':
      return `Import failed: ${job.error?.message ?? 'unknown error'}`;
  }
}

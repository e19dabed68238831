import type { StudioErrorPayload } from '../../../shared/contract/channel';
import type { ExportProgress, ExportReport } from '../../../shared/contract/export';

/**
 * One model export as the Model tab shows it: starting (no job id yet), running with its
 * latest step, cancelling, then finished with its report or failed with the studio's error.
 */
export interface ExportJob {
  runId: string;
  jobId: string | null;
  stage: 'starting' | 'running' | 'cancelling' | 'finished' | 'failed';
  progress: ExportProgress | null;
  report: ExportReport | null;
  error: StudioErrorPayload | null;
}

export function startingExport(runId: string): ExportJob {
  return { runId, jobId: null, stage: 'starting', progress: null, report: null, error: null };
}

export const isExporting = (job: ExportJob | null): boolean => job !== null && (job.stage === 'starting' || job.stage === 'running' || job.stage === 'cancelling');

const ours = (job: ExportJob | null, jobId: string): job is ExportJob => job !== null && (job.jobId === jobId || job.jobId === null);

export function exportProgressed(job: ExportJob | null, progress: ExportProgress): ExportJob | null {
  if (!ours(job, progress.jobId) || !isExporting(job)) return job;
  return { ...job, jobId: progress.jobId, stage: job.stage === 'cancelling' ? 'cancelling' : 'running', progress };
}

export function exportFinished(job: ExportJob | null, jobId: string, report: ExportReport): ExportJob | null {
  return ours(job, jobId) ? { ...job, jobId, stage: 'finished', report } : job;
}

export function exportFailed(job: ExportJob | null, jobId: string | null, error: StudioErrorPayload): ExportJob | null {
  if (job === null || (jobId !== null && !ours(job, jobId))) return job;
  return { ...job, jobId: jobId ?? job.jobId, stage: 'failed', error };
}

const stepText: Record<ExportProgress['step'], string> = {
  preparing: 'Reading the run, its backbone and its test figures…',
  onnx: 'Composing model.onnx (preprocessing, backbone and head in one graph)…',
  tfjs: 'Writing the TF.js model…',
  verifying: "Checking both models against the studio's own predictions",
  writing: 'Writing the model card, labels and examples…',
};

/** The line under the progress bar. */
export function describeExport(job: ExportJob): string {
  if (job.stage === 'starting') return 'Starting the export…';
  if (job.stage === 'cancelling') return 'Cancelling: nothing will be left in the export folder…';
  if (job.stage === 'finished') return `Exported to ${job.report?.outDir}.`;
  if (job.stage === 'failed') return 'The export failed.';
  const p = job.progress;
  if (!p) return 'Exporting…';
  return p.step === 'verifying' && p.total ? `${stepText.verifying} on ${p.total} images: ${p.done} done.` : stepText[p.step];
}

const order: ExportProgress['step'][] = ['preparing', 'onnx', 'tfjs', 'verifying', 'writing'];

/** 0..1 across the five steps (verification counts its images), null before the first step. */
export function exportFraction(job: ExportJob): number | null {
  const p = job.progress;
  if (!p) return null;
  const within = p.total ? p.done / p.total : 0;
  return (order.indexOf(p.step) + within) / order.length;
}

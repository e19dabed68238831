import type { EpochFigures, RunProgress, RunRecord } from '../../../shared/ml/runs';
import { isTooFew, tooFewText } from '../../../shared/domain/honestFigures';

/**
 * The training run the Model tab and the status bar follow: one started here, or one the
 * loop started in the background (its progress is adopted when it arrives). Epoch figures
 * accumulate from progress events so the chart grows live; the finished record replaces
 * them with the stored history. Every function here is pure.
 */
export interface TrainingJob {
  runId: string | null;
  stage: 'starting' | 'running' | 'cancelling' | 'finished' | 'failed-to-start';
  progress: RunProgress | null;
  /** Head epochs so far, in epoch order. */
  history: EpochFigures[];
  /** Epochs the head will train at most (from the latest training progress). */
  epochs: number | null;
  run: RunRecord | null;
  error: { message: string; hint?: string } | null;
}

export function startingTraining(): TrainingJob {
  return { runId: null, stage: 'starting', progress: null, history: [], epochs: null, run: null, error: null };
}

export function isTraining(job: TrainingJob | null): boolean {
  return job !== null && (job.stage === 'starting' || job.stage === 'running' || job.stage === 'cancelling');
}

export function trainingStarted(job: TrainingJob | null, runId: string): TrainingJob | null {
  if (!job || (job.runId !== null && job.runId !== runId)) return job;
  if (job.stage === 'finished') return job; // the run ended before `training:start` answered
  return { ...job, runId, stage: job.stage === 'starting' ? 'running' : job.stage };
}

export function trainingFailedToStart(job: TrainingJob | null, error: { message: string; hint?: string }): TrainingJob {
  return { ...(job ?? startingTraining()), stage: 'failed-to-start', error };
}

/** Progress of our run, or of a new run the loop started: a finished or foreign job is replaced. */
export function applyTrainingProgress(job: TrainingJob | null, progress: RunProgress): TrainingJob {
  const ours = job !== null && (job.runId === progress.runId || (job.runId === null && job.stage === 'starting'));
  const base: TrainingJob = ours ? job : { ...startingTraining(), stage: 'running' };
  if (ours && job.stage === 'finished') return job; // a late event after the record arrived
  const stage = base.stage === 'cancelling' ? 'cancelling' : 'running';
  if (progress.phase !== 'training') return { ...base, runId: progress.runId, stage, progress };
  return { ...base, runId: progress.runId, stage, progress, epochs: progress.epochs, history: withEpoch(base.history, progress.epoch) };
}

export function applyTrainingFinished(job: TrainingJob | null, run: RunRecord): TrainingJob | null {
  const ours = job !== null && (job.runId === run.id || (job.runId === null && job.stage === 'starting'));
  if (job && !ours && isTraining(job)) return job; // another run's record: not the one on screen
  const history = run.history.length > 0 ? run.history : (ours ? job.history : []);
  return { ...(ours ? job : startingTraining()), runId: run.id, stage: 'finished', run, history, epochs: run.head.epochs };
}

/**
 * The loop says a run is going (started by the loop, another window, or before a reload):
 * follow it unless this window already does, or already saw it end.
 */
export function adoptRun(job: TrainingJob | null, runId: string, progress: RunProgress | null): TrainingJob | null {
  if (job?.runId === runId) return job;
  if (job?.stage === 'starting') return job; // our own start is about to answer with its id
  if (progress) return applyTrainingProgress(null, progress);
  return { ...startingTraining(), runId, stage: 'running' };
}

export function cancellingTraining(job: TrainingJob | null): TrainingJob | null {
  return job && isTraining(job) ? { ...job, stage: 'cancelling' } : job;
}

function withEpoch(history: readonly EpochFigures[], epoch: EpochFigures): EpochFigures[] {
  const next = history.filter((e) => e.epoch !== epoch.epoch);
  next.push(epoch);
  return next.sort((a, b) => a.epoch - b.epoch);
}

/** What is happening now, as the status bar and the Model tab say it, and 0..1 for the bar (null: unknown). */
export function describeProgress(progress: RunProgress | null): { text: string; fraction: number | null } {
  if (!progress) return { text: 'Starting the run…', fraction: null };
  switch (progress.phase) {
    case 'downloading': {
      const got = megabytes(progress.receivedBytes);
      return progress.totalBytes
        ? { text: `Downloading the backbone ${got} of ${megabytes(progress.totalBytes)}`, fraction: ratio(progress.receivedBytes, progress.totalBytes) }
        : { text: `Downloading the backbone ${got}`, fraction: null };
    }
    case 'embedding':
      return { text: `Embedding ${count(progress.done)}/${count(progress.total)}`, fraction: ratio(progress.done, progress.total) };
    case 'fine-tuning':
      return { text: `Fine-tuning the backbone, epoch ${progress.epoch.epoch}/${progress.epochs}`, fraction: ratio(progress.epoch.epoch, progress.epochs) };
    case 'fine-tuning-step':
      return {
        text: `Fine-tuning the backbone, epoch ${progress.epoch}/${progress.epochs}: ${count(progress.done)}/${count(progress.total)} images`,
        fraction: ratio(progress.epoch - 1 + (ratio(progress.done, progress.total) ?? 0), progress.epochs),
      };
    case 'training':
      return { text: `Training epoch ${progress.epoch.epoch}/${progress.epochs}`, fraction: ratio(progress.epoch.epoch, progress.epochs) };
    case 'scoring':
      return { text: `Scoring ${count(progress.done)}/${count(progress.total)}`, fraction: ratio(progress.done, progress.total) };
  }
}

/** The outcome line of a finished run. */
export function describeOutcome(run: RunRecord): string {
  switch (run.status) {
    case 'succeeded': {
      const val = run.metrics?.val;
      const figure = val
        ? `val accuracy ${percent(val.accuracy)} (n = ${count(val.count)}${isTooFew(val.count) ? `: ${tooFewText('val')}, read as rough` : ''})`
        : `train accuracy ${percent(run.metrics?.train.accuracy ?? 0)} (no val labels yet)`;
      return `Trained in ${duration(run.durationMs)}: ${figure}.`;
    }
    case 'cancelled':
      return 'The run was cancelled; the previous model stays in use.';
    case 'failed':
      return `The run failed: ${run.error?.message ?? 'no reason was recorded'}`;
    case 'running':
      return 'Still running.';
  }
}

export function percent(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

const count = (n: number) => n.toLocaleString('en-US');
const ratio = (done: number, total: number) => (total > 0 ? Math.min(1, Math.max(0, done / total)) : null);

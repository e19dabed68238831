import type { Figure } from '../../../shared/contract/evaluation';
import type { LoopStatus } from '../../../shared/contract/loop';
import { figureDescription, isTooFew, wholePercent } from '../../../shared/domain/honestFigures';
import { describeProgress, isTraining, type TrainingJob } from './trainingJob';

/**
 * The status bar's words for the active-learning loop. Pure, so the wording is tested
 * without a page: "Round 3", "12/20 until retrain", "val 81% (n = 120) · test 78% (n = 300)".
 */
export function roundText(status: LoopStatus): string {
  return status.round > 0 ? `Round ${status.round}` : 'No model yet';
}

/** How far the labels are toward the next retrain. */
export function retrainText(status: LoopStatus): string {
  const { labelsSinceRun: since, retrainEvery: every } = status;
  const newLabels = `${since} new label${since === 1 ? '' : 's'}`;
  if (!status.autoRetrain) return `${newLabels} since the last run (auto-retrain off)`;
  if (status.training) return newLabels;
  if (since >= every) return status.lastRun ? `${since}/${every}: retraining soon` : `${since} labels: ready for the first training`;
  return status.lastRun ? `${since}/${every} until retrain` : `${since}/${every} until the first training`;
}

/** One figure of the status bar: muted when it rests on too few labels; the title says its interval and n. */
export interface StatusFigure {
  text: string;
  muted: boolean;
  title: string;
}

/** The last run's val and test accuracy, each with its n, or why there are none. */
export function lastRunText(status: LoopStatus): StatusFigure[] | null {
  const run = status.lastRun;
  if (!run) return null;
  if (run.status === 'failed') return [{ text: 'last run failed', muted: false, title: '' }];
  if (run.status === 'cancelled') return [{ text: 'last run cancelled', muted: false, title: '' }];
  if (run.status === 'running') return null;
  return [splitFigure('val', run.val), splitFigure('test', run.test)];
}

function splitFigure(split: 'val' | 'test', figure: Figure | null): StatusFigure {
  const what = split === 'val' ? 'Val accuracy' : 'Test accuracy';
  if (!figure) return { text: `${split} —`, muted: true, title: `${what}: no ${split} labels the model was scored on yet` };
  return { text: `${split} ${wholePercent(figure.value)} (n = ${figure.n})`, muted: isTooFew(figure.n), title: figureDescription(what, split, figure) };
}

/** Held-out labels still wanted, e.g. "test labels needed for 2 classes". */
export function heldOutText(status: LoopStatus): string | null {
  if (status.heldOutNeeded.length === 0) return null;
  const bySplit = (split: 'val' | 'test') => new Set(status.heldOutNeeded.filter((n) => n.split === split).map((n) => n.classId)).size;
  const parts = (['test', 'val'] as const).filter((s) => bySplit(s) > 0).map((s) => `${s} labels short in ${bySplit(s)} class${bySplit(s) === 1 ? '' : 'es'}`);
  return parts.join(', ');
}

/**
 * What the status bar says about training, or null when nothing runs. This window's own
 * events are the freshest; a run started elsewhere shows through the loop status. Between
 * the end of a run and the loop's next status, the queue is being rescored with the new model.
 */
export function trainingText(status: LoopStatus, job: TrainingJob | null): { text: string; fraction: number | null } | null {
  if (job && isTraining(job)) return job.stage === 'cancelling' ? { text: 'Cancelling the run…', fraction: null } : describeProgress(job.progress);
  if (!status.training) return null;
  if (job?.stage === 'finished' && job.runId === status.training.runId) return { text: 'Updating the queue…', fraction: null };
  return describeProgress(status.training.progress);
}

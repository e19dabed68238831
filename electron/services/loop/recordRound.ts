import type { RunRecord } from '../../../shared/ml/runs';
import { readRunProbabilities, type RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import type { LoopStore } from './LoopStore';
import type { StoredRound } from './loopDocument';
import { pickedSince, roundStrategy } from './roundLabels';

export interface RecordedRound {
  round: StoredRound;
  /** True when the run replaced the latest round's model (no new labels) instead of adding a round. */
  replaced: boolean;
  probabilities: RunProbabilities | null;
}

/**
 * A succeeded run becomes a round of the loop, whether the studio's loop or the CLI trained
 * it, so the learning curve has every model. `labelSeq` is where the label journal stood
 * when the run was asked for. A run that learned from no more labels than the latest round
 * (a retrain, another head, corrected labels) replaces that round's model rather than adding a
 * point at the same place. Test figures are not stored: roundScores re-scores every round.
 */
export async function recordRound(project: Project, store: LoopStore, run: RunRecord, labelSeq: number): Promise<RecordedRound> {
  // A run without readable probabilities is still a round; it just cannot be scored.
  const probabilities = await readRunProbabilities(project.dir, run.id).catch(() => null);
  const labels = run.labels.train + run.labels.val;
  const rounds = store.rounds;
  const latest = rounds.at(-1);
  const facts = { runId: run.id, at: run.finishedAt ?? new Date().toISOString(), labels, valAccuracy: run.metrics?.val?.accuracy ?? null, labelSeq, test: null };
  if (latest && labels <= latest.labels) {
    const picked = pickedSince(project, store.picks, startOf(project, rounds.at(-2)), labelSeq);
    const round = await store.replaceLatestRound({ ...facts, picked, strategy: roundStrategy(picked), retrains: latest.retrains + 1 });
    return { round, replaced: true, probabilities };
  }
  const picked = pickedSince(project, store.picks, startOf(project, latest), labelSeq);
  const round = await store.addRound({ ...facts, picked, strategy: roundStrategy(picked), retrains: 0 });
  return { round, replaced: false, probabilities };
}

/** Where the labels of the round after `previous` begin in the journal (an older studio's rounds: by time). */
function startOf(project: Project, previous: StoredRound | undefined): number {
  if (!previous) return 0;
  if (previous.labelSeq !== null) return previous.labelSeq;
  let seq = 0;
  for (const d of project.labels.book.decisions) if (d.at <= previous.at) seq = d.seq;
  return seq;
}

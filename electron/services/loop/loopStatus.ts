import type { Figure } from '../../../shared/contract/evaluation';
import type { LoopSettings, LoopStatus } from '../../../shared/contract/loop';
import type { RunRecord } from '../../../shared/ml/runs';
import type { HeldOutState } from '../queue/heldOut';
import type { QueueBatch } from './loopDocument';
import type { ActiveRun } from './LoopTraining';
import type { StoredRound } from './loopDocument';
import { valFigure } from './roundScores';

export interface StatusInputs {
  settings: LoopSettings;
  rounds: StoredRound[];
  /** Oldest first. */
  runs: RunRecord[];
  labelsSinceRun: number;
  active: ActiveRun | null;
  backend: string | null;
  heldOut: HeldOutState;
  batch: QueueBatch | null;
  batchLeft: number;
  /** The last finished run's accuracy on today's test labels (null when it failed or there are none). */
  lastTest: Figure | null;
}

/** The status bar's view of the loop, from what the session knows. */
export function loopStatus(inputs: StatusInputs): LoopStatus {
  const { settings, rounds, runs, active, batch } = inputs;
  const finished = runs.filter((r) => r.status !== 'running');
  const last = finished.at(-1) ?? null;
  return {
    round: rounds.length,
    labelsSinceRun: inputs.labelsSinceRun,
    retrainEvery: settings.retrainEvery,
    autoRetrain: settings.autoRetrain,
    strategy: settings.strategy,
    lastRun: last
      ? { id: last.id, status: last.status, val: valFigure(last), test: last.status === 'succeeded' ? inputs.lastTest : null, finishedAt: last.finishedAt }
      : null,
    training: active ? { runId: active.handle.runId, progress: active.progress } : null,
    backend: inputs.backend ?? [...runs].reverse().find((r) => r.backend)?.backend?.name ?? null,
    heldOutNeeded: inputs.heldOut.needs,
    queue: { size: inputs.batchLeft, strategy: batch?.strategy ?? 'import-order', runId: batch?.runId ?? null, refreshedAt: batch?.refreshedAt ?? null },
  };
}

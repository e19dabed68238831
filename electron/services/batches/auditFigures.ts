import type { BatchRecord, BatchReport } from '../../../shared/contract/batches';
import { wilsonInterval } from '../../../shared/domain/intervals';
import type { RunRecord } from '../../../shared/ml/runs';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';

/**
 * The batch's latest audit: its images were drawn at random from the whole batch, so the
 * share the auditing run got right among those labeled so far estimates its accuracy on
 * the batch without bias (Wilson interval). The run is the one whose predictions were
 * stored when the audit was drawn; later runs may learn from these labels, so the audit
 * measures that run only. `scores` are its predictions for the batch.
 */
export function auditFigures(project: Project, batch: BatchRecord, run: RunRecord, scores: RunProbabilities | null): BatchReport['audit'] {
  const audit = [...batch.audits].reverse().find((a) => a.runId === run.id) ?? batch.audits.at(-1);
  if (!audit) return null;
  let labeled = 0;
  let correct = 0;
  for (const id of audit.sampleIds) {
    const classId = project.labels.stateOf(id).classId;
    const predicted = scores?.suggestion(id)?.classId;
    if (classId === null || !predicted) continue;
    labeled += 1;
    if (predicted === classId) correct += 1;
  }
  const other = audit.runId !== run.id ? ` It checks run ${audit.runId}, not the run of this report.` : '';
  const progress = labeled < audit.sampleIds.length ? ` ${audit.sampleIds.length - labeled} still to label (they are at the front of the queue).` : '';
  return {
    runId: audit.runId,
    at: audit.at,
    drawn: audit.sampleIds.length,
    labeled,
    correct,
    accuracy: labeled ? { ...wilsonInterval(correct, labeled)!, n: labeled } : null,
    note: `${audit.sampleIds.length} images drawn at random from the batch; ${labeled} labeled so far.${progress}${other}`,
  };
}

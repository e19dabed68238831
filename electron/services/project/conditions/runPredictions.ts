import type { RowPrediction } from '../../../../shared/contract/sampleConditions';
import { classColumns, type ScoredRows } from '../../loop/evaluateRun';
import type { Project } from '../Project';

/** A run's prediction for a sample in today's classes (null when the run did not score it). */
export type PredictionLookup = (sampleId: string) => RowPrediction | null;

/**
 * Top class, its probability and the margin to the runner-up, in today's classes (a merged
 * class's columns added up, a deleted class's dropped), the same way evaluation counts them.
 */
export function predictionLookup(project: Project, runId: string, scored: ScoredRows): PredictionLookup {
  const columns = classColumns(project, scored.classIds);
  const classIds = project.doc.classes.map((c) => c.id);
  const mapped = new Float64Array(classIds.length);
  return (sampleId) => {
    const row = scored.row(sampleId);
    if (!row) return null;
    mapped.fill(0);
    for (let j = 0; j < columns.length; j++) if (columns[j] >= 0) mapped[columns[j]] += row[j];
    let best = 0;
    for (let c = 1; c < mapped.length; c++) if (mapped[c] > mapped[best]) best = c;
    let second = 0;
    for (let c = 0; c < mapped.length; c++) if (c !== best && mapped[c] > second) second = mapped[c];
    return { runId, classId: classIds[best], probability: mapped[best], margin: mapped[best] - second };
  };
}

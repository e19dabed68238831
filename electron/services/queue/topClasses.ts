import type { QueueItem } from '../../../shared/contract/queue';
import type { RunProbabilities } from '../ml/probabilityFiles';

/**
 * The model's `k` most probable classes for a sample, best first, among the project's
 * classes today (a class deleted since the run is left out). Empty before any model.
 */
export function topClasses(probabilities: RunProbabilities | null, sampleId: string, classIds: ReadonlySet<string>, k = 3): QueueItem['top'] {
  const row = probabilities?.row(sampleId);
  if (!probabilities || !row) return [];
  const top: QueueItem['top'] = [];
  for (let c = 0; c < row.length; c++) {
    const classId = probabilities.classIds[c];
    if (!classIds.has(classId)) continue;
    top.push({ classId, probability: row[c] });
  }
  return top.sort((a, b) => b.probability - a.probability).slice(0, k);
}

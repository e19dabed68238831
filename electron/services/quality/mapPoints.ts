import type { MapPoints } from '../../../shared/contract/quality';
import { readEmbeddingMap } from '../../worker/quality/qualityFiles';
import { readRunProbabilities, type RunProbabilities } from '../ml/probabilityFiles';
import { RunStore } from '../ml/RunStore';
import { currentGroupViews } from './overview';
import type { QualitySession } from './QualitySession';

const splitIndex = { train: 0, val: 1, test: 2 } as const;

/**
 * The map's points with everything they can be coloured by: current label, the newest
 * run's prediction and confidence, split, and the data-check flags. Null before any map.
 */
export async function mapPoints(session: QualitySession): Promise<MapPoints | null> {
  const { project, report } = session;
  const latest = (await RunStore.for(project)).latest('succeeded');
  const backboneId = report?.backboneId ?? latest?.backbone.id;
  if (!backboneId) return null;
  const map = await readEmbeddingMap(project.dir, backboneId);
  if (!map) return null;
  const classIds = project.doc.classes.map((c) => c.id);
  const column = new Map(classIds.map((id, i) => [id, i]));
  let probabilities: RunProbabilities | null = null;
  if (latest) probabilities = await readRunProbabilities(project.dir, latest.id).catch(() => null);
  const suspected = new Set(report?.suspects.map((s) => s.sampleId));
  const outliers = new Set(report?.outliers.map((o) => o.sampleId));
  const grouped = new Set(currentGroupViews(session).flatMap((g) => g.members.map((m) => m.id)));
  const points: MapPoints = { method: map.method, backboneId, classIds, ids: [], x: [], y: [], label: [], predicted: [], confidence: [], split: [], flags: [] };
  map.sampleIds.forEach((id, i) => {
    const sample = project.samples.get(id);
    if (!sample) return;
    const classId = project.labels.stateOf(id).classId;
    const guess = probabilities?.suggestion(id) ?? null;
    points.ids.push(id);
    points.x.push(map.x[i]);
    points.y.push(map.y[i]);
    points.label.push(classId === null ? -1 : (column.get(classId) ?? -1));
    points.predicted.push(guess ? (column.get(guess.classId) ?? -1) : -1);
    points.confidence.push(guess ? Math.round(guess.probability * 1000) / 1000 : -1);
    points.split.push(splitIndex[sample.split]);
    points.flags.push((suspected.has(id) ? 1 : 0) | (outliers.has(id) ? 2 : 0) | (grouped.has(id) ? 4 : 0));
  });
  return points;
}

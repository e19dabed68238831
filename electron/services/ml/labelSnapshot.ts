import { createHash } from 'node:crypto';
import { StudioError } from '../../../shared/contract/channel';
import type { LabelSnapshot } from '../../../shared/ml/runs';
import type { Project } from '../project/Project';

export interface TrainingLabels {
  classIds: string[];
  /** [sampleId, class index] for labeled train and val samples. */
  labels: [string, number][];
  snapshot: LabelSnapshot;
}

/**
 * The labels a run learns from, taken at the moment it starts: labeled samples of the
 * train and val splits (the test split is never trained on), class index = position in
 * the project's class list. The sha256 covers the sorted "sampleId classId" lines.
 */
export function takeLabelSnapshot(project: Project): TrainingLabels {
  const classIds = project.doc.classes.map((c) => c.id);
  if (classIds.length < 2) throw new StudioError('invalid-request', 'Training needs at least two classes.', 'Add classes to the project first.');
  const index = new Map(classIds.map((id, i) => [id, i]));
  const perClass: LabelSnapshot['perClass'] = Object.fromEntries(classIds.map((id) => [id, { train: 0, val: 0 }]));
  const labels: [string, number][] = [];
  const lines: string[] = [];
  let train = 0;
  let val = 0;
  for (const sample of project.samples.all) {
    if (sample.split === 'test') continue;
    const classId = project.labels.stateOf(sample.id).classId;
    const classIndex = classId === null ? undefined : index.get(classId);
    if (classIndex === undefined) continue;
    labels.push([sample.id, classIndex]);
    lines.push(`${sample.id} ${classId}`);
    perClass[classId!][sample.split] += 1;
    if (sample.split === 'train') train += 1;
    else val += 1;
  }
  lines.sort();
  const sha256 = createHash('sha256').update(lines.join('\n')).digest('hex');
  return { classIds, labels, snapshot: { train, val, perClass, sha256 } };
}

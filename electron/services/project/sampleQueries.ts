import { basename } from 'node:path';
import type { ProjectStatus } from '../../../shared/contract/project';
import type { SampleFilter, SampleRow } from '../../../shared/contract/samples';
import type { Sample } from '../../../shared/domain/records';
import type { Split } from '../../../shared/contract/schemas';
import type { Project } from './Project';

type ValidFilter = { status: NonNullable<SampleFilter['status']>; classId?: string; split?: Split };

/**
 * Samples matching a filter's status, class and split, in import order. Conditions on a
 * run's predictions are applied by the caller (conditions/), which reads the run.
 */
export function filterSamples(project: Project, filter: ValidFilter): Sample[] {
  const book = project.labels.book;
  return project.samples.all.filter((sample) => {
    if (filter.split && sample.split !== filter.split) return false;
    const state = book.stateOf(sample.id);
    if (filter.classId && state.classId !== filter.classId) return false;
    switch (filter.status) {
      case 'unlabeled':
        return state.classId === null;
      case 'labeled':
        return state.classId !== null;
      case 'flagged':
        return state.flag !== null;
      case 'skipped':
        return state.skipped && state.classId === null;
      case 'conflict':
        return state.needsReview !== undefined;
      case 'reviewed':
        return state.reviewed !== undefined;
      default:
        return true;
    }
  });
}

export function toRow(project: Project, sample: Sample): SampleRow {
  return {
    id: sample.id,
    fileName: basename(sample.path),
    relativePath: sample.relativePath,
    path: sample.path,
    split: sample.split,
    width: sample.width,
    height: sample.height,
    importedLabel: sample.importedLabel,
    label: project.labels.stateOf(sample.id),
    version: project.labels.book.versionOf(sample.id),
  };
}

/** Counts per class and split, unlabeled, flagged: what `studio status` prints. */
export function projectStatus(project: Project): ProjectStatus {
  const zero = () => ({ train: 0, val: 0, test: 0 });
  const perSplit = zero();
  const labeledPerSplit = zero();
  const perClass = new Map(project.doc.classes.map((c) => [c.id, { classId: c.id, name: c.name, count: 0, perSplit: zero() }]));
  let labeled = 0;
  let flagged = 0;
  let skipped = 0;
  for (const sample of project.samples.all) {
    perSplit[sample.split] += 1;
    const state = project.labels.stateOf(sample.id);
    if (state.flag) flagged += 1;
    const entry = state.classId ? perClass.get(state.classId) : undefined;
    if (entry) {
      labeled += 1;
      labeledPerSplit[sample.split] += 1;
      entry.count += 1;
      entry.perSplit[sample.split] += 1;
    } else if (state.skipped) {
      skipped += 1;
    }
  }
  const total = project.samples.size;
  return { total, labeled, unlabeled: total - labeled, flagged, skipped, perSplit, labeledPerSplit, perClass: [...perClass.values()], notices: [...project.notices] };
}

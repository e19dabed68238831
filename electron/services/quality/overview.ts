import type { DuplicateGroupView, QualityOverview } from '../../../shared/contract/quality';
import type { DuplicateGroup } from '../../../shared/ml/quality';
import type { Project } from '../project/Project';
import { dhashDuplicateGroups } from './dhashGroups';
import { groupViews, leakyTestIds } from './groupViews';
import type { QualitySession } from './QualitySession';
import { openSuspects } from './reviewQueue';

/** Samples as they stand now, for the review queue's checks. */
export function sampleNow(project: Project) {
  return (sampleId: string) => {
    const sample = project.samples.get(sampleId);
    return sample ? { classId: project.labels.stateOf(sampleId).classId, split: sample.split } : undefined;
  };
}

/** Duplicate groups: by embedding once a report exists, by difference hash before. */
export function duplicateGroupsOf(session: QualitySession): DuplicateGroup[] {
  return session.report?.duplicateGroups ?? dhashDuplicateGroups(session.project.samples.all, session.store.settings.dhashDistance);
}

export function currentGroupViews(session: QualitySession): DuplicateGroupView[] {
  return groupViews(session.project, duplicateGroupsOf(session), session.store.ignoredGroups);
}

/** Everything the Data tab lists, with the notices a lead needs to read the figures right. */
export function qualityOverview(session: QualitySession): QualityOverview {
  const { project, report, store } = session;
  const groups = currentGroupViews(session);
  const { items, reviewed } = report ? openSuspects({ report, sampleNow: sampleNow(project), reviewOf: (id) => store.reviewOf(id) }) : { items: [], reviewed: 0 };
  const notices: string[] = [];
  if (!report) notices.push('Suspected label errors and outliers appear after the first training run; duplicates are found by difference hash until then.');
  const leaks = leakyTestIds(groups).size;
  if (leaks > 0) notices.push(`${leaks} test image${leaks === 1 ? ' has' : 's have'} a duplicate in train or val. Splits are fixed at import, so they stay where they are and are left out of the test figures of new rounds.`);
  const outliers = (report?.outliers ?? []).flatMap((o) => {
    const sample = project.samples.get(o.sampleId);
    return sample ? [{ ...o, split: sample.split, classId: project.labels.stateOf(o.sampleId).classId }] : [];
  });
  return {
    runId: report?.runId ?? null,
    createdAt: report?.createdAt ?? null,
    checked: report?.checked ?? 0,
    folds: report?.settings.folds ?? store.settings.folds,
    suspects: items,
    reviewed,
    duplicateGroups: groups,
    outliers,
    outlierSpace: report?.outlierSpace ?? null,
    settings: store.settings,
    notices,
  };
}

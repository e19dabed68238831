import type { DuplicateGroupView } from '../../../shared/contract/quality';
import type { DuplicateGroup } from '../../../shared/ml/quality';
import type { Project } from '../project/Project';

/** A group's identity: its sorted member ids. A group whose members change is a new group. */
export function groupKey(ids: readonly string[]): string {
  return [...ids].sort().join(',');
}

/**
 * Duplicate groups as the Data tab shows them: members with their split and label, whether
 * the group straddles splits, and its leaky test members (test samples with a copy in train
 * or val). Members excluded by "keep one" (skipped, no label) and ignored groups drop out.
 */
export function groupViews(project: Project, groups: readonly DuplicateGroup[], ignored: ReadonlySet<string>): DuplicateGroupView[] {
  const views: DuplicateGroupView[] = [];
  for (const group of groups) {
    const key = groupKey(group.ids);
    if (ignored.has(key)) continue;
    const members = group.ids.flatMap((id) => {
      const sample = project.samples.get(id);
      if (!sample) return [];
      const state = project.labels.stateOf(id);
      return [{ id, split: sample.split, classId: state.classId, excluded: state.skipped && state.classId === null }];
    });
    const active = members.filter((m) => !m.excluded);
    if (active.length < 2) continue;
    const splits = new Set(active.map((m) => m.split));
    const outsideTest = active.some((m) => m.split !== 'test');
    const labels = new Set(active.map((m) => m.classId).filter((c) => c !== null));
    views.push({
      key,
      kind: group.kind,
      source: group.source,
      closeness: group.closeness,
      members: active.map(({ id, split, classId }) => ({ id, split, classId })),
      straddles: splits.size > 1,
      leakyTestIds: outsideTest ? active.filter((m) => m.split === 'test').map((m) => m.id) : [],
      mixedLabels: labels.size > 1,
    });
  }
  // Leaks first (they distort the test figures), then bigger groups.
  return views.sort((a, b) => Number(b.straddles) - Number(a.straddles) || b.members.length - a.members.length);
}

/** Every leaky test sample of the groups: left out of the test figures. */
export function leakyTestIds(views: readonly DuplicateGroupView[]): Set<string> {
  return new Set(views.flatMap((v) => v.leakyTestIds));
}

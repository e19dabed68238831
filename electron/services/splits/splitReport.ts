import type { SplitReport } from '../../../shared/contract/splits';
import type { Split } from '../../../shared/contract/schemas';
import { groupCap, groupImages, isSmallImage } from '../../../shared/domain/nearDuplicateGroups';
import type { Sample } from '../../../shared/domain/records';
import { splitTolerance } from '../../../shared/domain/splits';
import type { Project } from '../project/Project';

const splitOrder: Split[] = ['train', 'val', 'test'];
const shownSamples = 20;
const zero = () => ({ train: 0, val: 0, test: 0 });

/**
 * The split report of a project, computed from its samples as they are now: per imported
 * label and per class, counts per split against the target shares; and the project's
 * near-duplicate groups (exact, the same rule the importer uses), with those that straddle.
 */
export function splitReport(project: Project): SplitReport {
  const samples = project.samples.all;
  const ratios = project.doc.splitRatios;
  const strata = new Map<string | null, Record<Split, number>>();
  for (const s of samples) {
    const counts = strata.get(s.importedLabel) ?? zero();
    counts[s.split] += 1;
    strata.set(s.importedLabel, counts);
  }
  const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
  const perClass = new Map(project.doc.classes.map((c) => [c.id, { classId: c.id, name: c.name, total: 0, perSplit: zero() }]));
  for (const s of samples) {
    const classId = project.labels.stateOf(s.id).classId;
    const entry = classId && names.has(classId) ? perClass.get(classId)! : null;
    if (!entry) continue;
    entry.total += 1;
    entry.perSplit[s.split] += 1;
  }
  return {
    total: samples.length,
    ratios,
    strata: [...strata]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([label, perSplit]) => {
        const total = perSplit.train + perSplit.val + perSplit.test;
        const target = { train: ratios.train * total, val: ratios.val * total, test: ratios.test * total };
        const tolerance = splitTolerance(total);
        const withinTolerance = splitOrder.every((s) => Math.abs(perSplit[s] - target[s]) <= tolerance);
        return { label, total, perSplit, target, tolerance, withinTolerance };
      }),
    perClass: [...perClass.values()],
    groups: cachedGroupSummary(project),
  };
}

/**
 * Samples are only ever appended and never change their hashes or splits, so the groups of a
 * project stay the same until its sample count does: labeling does not recompute them.
 */
const summaries = new WeakMap<Project, { size: number; groups: SplitReport['groups'] }>();

function cachedGroupSummary(project: Project): SplitReport['groups'] {
  const cached = summaries.get(project);
  if (cached && cached.size === project.samples.size) return cached.groups;
  const groups = groupSummary(project.samples.all);
  summaries.set(project, { size: project.samples.size, groups });
  return groups;
}

function groupSummary(samples: readonly Sample[]): SplitReport['groups'] {
  const cap = groupCap(samples.length);
  const { groups, resplit } = groupImages(samples, cap);
  const multi = groups.filter((g) => g.length > 1);
  const straddling = multi
    .map((g) => {
      const perSplit = zero();
      for (const s of g) perSplit[s.split] += 1;
      return { images: g.length, perSplit, samples: g.slice(0, shownSamples).map((s) => s.id) };
    })
    .filter((g) => splitOrder.filter((s) => g.perSplit[s] > 0).length > 1);
  return {
    cap,
    count: multi.length,
    images: multi.reduce((sum, g) => sum + g.length, 0),
    keptWhole: multi.length - straddling.length,
    straddling,
    resplit,
    notCompared: samples.filter((s) => !s.fineHash && isSmallImage(s.width, s.height)).length,
  };
}

import type { Delta, RunComparison, RunSummary } from '../../../shared/contract/evaluate';
import { isTooFew } from '../../../shared/domain/honestFigures';
import { predictedClass } from '../../../shared/domain/metrics';
import { evaluateOnSplit, labeledRows, type ScoredRows } from '../loop/evaluateRun';
import type { Project } from '../project/Project';

export interface ComparedRun {
  summary: RunSummary;
  scored: ScoredRows;
}

/**
 * Two runs judged on the same test labels (today's labeled test samples both scored, leaky
 * duplicates left out as in every test figure): overall and per-class figures, their
 * differences, and how many predictions changed.
 */
export function compareRuns(project: Project, base: ComparedRun, other: ComparedRun, leaky: ReadonlySet<string> = new Set()): RunComparison {
  const both = (sampleId: string) => !leaky.has(sampleId) && base.scored.row(sampleId) !== null && other.scored.row(sampleId) !== null;
  const before = evaluateOnSplit(project, 'test', base.scored, { only: both });
  const after = evaluateOnSplit(project, 'test', other.scored, { only: both });
  const classIds = project.doc.classes.map((c) => c.id);
  return {
    base: base.summary,
    other: other.summary,
    count: before?.count ?? 0,
    tooFew: isTooFew(before?.count ?? 0),
    accuracy: delta(before?.accuracy?.value, after?.accuracy?.value),
    macroF1: delta(before?.macroF1?.value, after?.macroF1?.value),
    perClass: classIds.map((classId, c) => {
      const [b, a] = [before?.perClass[c], after?.perClass[c]];
      return { classId, n: b?.support ?? 0, precision: delta(b?.precision, a?.precision), recall: delta(b?.recall, a?.recall), f1: delta(b?.f1, a?.f1) };
    }),
    changed: changedPredictions(project, base.scored, other.scored, both),
  };
}

function delta(base: number | null | undefined, other: number | null | undefined): Delta {
  const b = base ?? null;
  const o = other ?? null;
  return { base: b, other: o, delta: b !== null && o !== null ? o - b : null };
}

/** Test samples, labeled and scored by both, whose prediction changed: fixed, broken, or another wrong class. */
export function changedPredictions(project: Project, base: ScoredRows, other: ScoredRows, only: (sampleId: string) => boolean): RunComparison['changed'] {
  const k = project.doc.classes.length;
  const a = labeledRows(project, 'test', base, { only });
  const b = labeledRows(project, 'test', other, { only });
  const changed = { fixed: 0, broken: 0, otherwise: 0 };
  a.truth.forEach((truth, i) => {
    const [was, now] = [predictedClass(a.probabilities, i, k), predictedClass(b.probabilities, i, k)];
    if (was === now) return;
    if (now === truth) changed.fixed += 1;
    else if (was === truth) changed.broken += 1;
    else changed.otherwise += 1;
  });
  return changed;
}

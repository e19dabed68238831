import type { FailureCase, FailureCases } from '../../../shared/contract/evaluate';
import { predictedClass } from '../../../shared/domain/metrics';
import { labeledRows, type ScoredRows } from '../loop/evaluateRun';
import type { Project } from '../project/Project';

/**
 * Where a run goes wrong on labeled held-out samples (val and/or test), per class, most
 * confident mistakes first: a wrong answer given with 0.95 says more about the data (a wrong
 * label, a look-alike class) than one given with 0.4. Train samples are left out: the model
 * learned them.
 */
export function failureCases(project: Project, runId: string, scored: ScoredRows, options: { splits: ('val' | 'test')[]; limit: number }): FailureCases {
  const classIds = project.doc.classes.map((c) => c.id);
  const k = classIds.length;
  const falsePositives = classIds.map((): FailureCase[] => []);
  const falseNegatives = classIds.map((): FailureCase[] => []);
  const support = new Array<number>(k).fill(0);
  let labeled = 0;
  for (const split of options.splits) {
    const rows = labeledRows(project, split, scored);
    rows.truth.forEach((truth, i) => {
      labeled += 1;
      support[truth] += 1;
      const predicted = predictedClass(rows.probabilities, i, k);
      if (predicted === truth) return;
      const mistake: FailureCase = {
        sampleId: rows.sampleIds[i],
        split,
        trueClassId: classIds[truth],
        predictedClassId: classIds[predicted],
        probability: rows.probabilities[i * k + predicted],
        trueProbability: rows.probabilities[i * k + truth],
      };
      falsePositives[predicted].push(mistake);
      falseNegatives[truth].push(mistake);
    });
  }
  const worstFirst = (cases: FailureCase[]) => ({ count: cases.length, cases: cases.sort((a, b) => b.probability - a.probability).slice(0, options.limit) });
  return {
    runId,
    splits: options.splits,
    labeled,
    perClass: classIds.map((classId, c) => ({ classId, support: support[c], falsePositives: worstFirst(falsePositives[c]), falseNegatives: worstFirst(falseNegatives[c]) })),
  };
}

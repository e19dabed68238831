import type { BatchRecord, BatchReport, HeldSample } from '../../../shared/contract/batches';
import { confidenceBins, minImagesForVerdict, populationStability, predictionProfile, psiThresholds, shiftLevel, shiftVerdict, type Distribution } from '../../../shared/domain/drift';
import type { RunRecord } from '../../../shared/ml/runs';
import type { RunProbabilities } from '../ml/probabilityFiles';
import type { Project } from '../project/Project';
import { auditFigures } from './auditFigures';
import type { BatchPredictions } from './batchPredictions';
import { batchSummary } from './batchSummary';

/**
 * The drift report of a batch by one run. The reference is the same run's predictions on
 * the project's images it did not learn from (the test split and the unlabeled pool, a
 * fair sample of the data the project holds; the labeled train and val images the run was
 * fitted to would look more confident than any new image).
 */
export function driftReport(project: Project, run: RunRecord, batch: BatchRecord, held: HeldSample[], predictions: BatchPredictions, projectScores: RunProbabilities, auditScores: RunProbabilities | null): BatchReport {
  const k = run.classIds.length;
  const names = new Map(project.doc.classes.map((c) => [c.id, c.name]));
  const classNames = run.classIds.map((id) => names.get(id) ?? id);
  const scores = predictions.probabilities;
  const batchProfile = predictionProfile(scores.values, scores.sampleIds.length, k);
  const referenceRows = notLearnedFrom(project, projectScores);
  const referenceProfile = predictionProfile(referenceRows.values, referenceRows.count, k);
  const classPsi = populationStability(batchProfile.classes, referenceProfile.classes);
  const confidencePsi = populationStability(batchProfile.confidence, referenceProfile.confidence);
  const n = batchProfile.classes.n;
  const referenceN = referenceProfile.classes.n;
  const classLevel = shiftLevel(classPsi.total, n, referenceN);
  const confidenceLevel = shiftLevel(confidencePsi.total, n, referenceN);
  const shareOf = (d: Distribution, i: number) => ({ count: d.counts[i], share: d.n ? d.counts[i] / d.n : 0 });
  const classes = run.classIds.map((classId, c) => ({ classId, name: classNames[c], batch: shareOf(batchProfile.classes, c), reference: shareOf(referenceProfile.classes, c), psi: classPsi.perBin[c] }));
  const movers = [...classes]
    .filter((c) => c.psi >= 0.02)
    .sort((a, b) => b.psi - a.psi)
    .slice(0, 3)
    .map((c) => `${c.name} (${percent(c.reference.share)} → ${percent(c.batch.share)})`);
  return {
    batch: batchSummary(batch),
    runId: run.id,
    scored: n,
    unreadable: predictions.unreadable,
    reference: { n: referenceProfile.classes.n, description: "the project's images this run did not learn from (test split and unlabeled images)" },
    classes,
    confidence: {
      bins: Array.from({ length: confidenceBins }, (_, b) => ({ from: b / confidenceBins, to: (b + 1) / confidenceBins, batch: shareOf(batchProfile.confidence, b), reference: shareOf(referenceProfile.confidence, b) })),
      psi: confidencePsi.total,
      level: confidenceLevel,
    },
    classPsi: classPsi.total,
    classLevel,
    verdict: shiftVerdict({ level: classLevel, psi: classPsi.total }, { level: confidenceLevel, psi: confidencePsi.total }, movers, n, referenceN),
    thresholds: { ...psiThresholds, minImages: minImagesForVerdict },
    leastConfident: leastConfident(project, held, scores, classNames, 20),
    audit: auditFigures(project, batch, run, auditScores),
  };
}

/** The held images not yet in the project, least confident first. */
export function leastConfident(project: Project, held: HeldSample[], scores: RunProbabilities, classNames: string[], n: number): BatchReport['leastConfident'] {
  return held
    .filter((h) => !project.samples.get(h.id))
    .flatMap((h) => {
      const top = scores.suggestion(h.id);
      return top ? [{ sampleId: h.id, relativePath: h.relativePath, label: classNames[scores.classIds.indexOf(top.classId)] ?? top.classId, probability: top.probability }] : [];
    })
    .sort((a, b) => a.probability - b.probability)
    .slice(0, n);
}

/** Rows of the run's project scores for samples not labeled in train or val. */
function notLearnedFrom(project: Project, scores: RunProbabilities): { values: Float32Array; count: number } {
  const k = scores.classIds.length;
  const rows: Float32Array[] = [];
  for (const sample of project.samples.all) {
    if (sample.split !== 'test' && project.labels.stateOf(sample.id).classId !== null) continue;
    const row = scores.row(sample.id);
    if (row) rows.push(row);
  }
  const values = new Float32Array(rows.length * k);
  rows.forEach((row, i) => values.set(row, i * k));
  return { values, count: rows.length };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

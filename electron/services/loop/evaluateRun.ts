import type { Evaluation } from '../../../shared/contract/evaluation';
import type { Split } from '../../../shared/contract/schemas';
import { evaluatePredictions } from '../../../shared/domain/metrics';
import { emptyLabelState } from '../../../shared/domain/records';
import type { Project } from '../project/Project';

/** A run's class probabilities by sample: its full probability file, or the rows of it a cache kept. */
export interface ScoredRows {
  classIds: readonly string[];
  row(sampleId: string): ArrayLike<number> | null;
}

/**
 * Where each of a run's probability columns goes among today's classes: a class merged since
 * into another adds to that one, a deleted class's column is dropped (-1). A run is always
 * judged on today's labels and classes, so every round is scored the same way.
 */
export function classColumns(project: Project, runClassIds: readonly string[]): Int32Array {
  const index = new Map(project.doc.classes.map((c, i) => [c.id, i]));
  const book = project.labels.book;
  return Int32Array.from(runClassIds, (id) => index.get(book.resolve({ ...emptyLabelState, classId: id }).classId ?? '') ?? -1);
}

/** The labeled samples of a split that a run scored: truth and probabilities in today's classes. */
export interface LabeledRows {
  sampleIds: string[];
  truth: number[];
  /** `sampleIds.length × classes` probabilities, row-major. */
  probabilities: Float32Array;
  chosenByModel: boolean[];
  /** Labeled rows left out because they were in `leaky` (test samples with a near-copy in train or val). */
  leakyExcluded: number;
}

export interface RowOptions {
  only?: (sampleId: string) => boolean;
  chosenByModel?: ReadonlySet<string>;
  /** Samples left out of the figures and counted: test samples whose near-copy sits in train or val. */
  leaky?: ReadonlySet<string>;
}

export function labeledRows(project: Project, split: Split, scored: ScoredRows, options: RowOptions = {}): LabeledRows {
  const classes = new Map(project.doc.classes.map((c, i) => [c.id, i]));
  const k = classes.size;
  const columns = classColumns(project, scored.classIds);
  const out: { sampleIds: string[]; truth: number[]; values: number[]; chosenByModel: boolean[] } = { sampleIds: [], truth: [], values: [], chosenByModel: [] };
  const mapped = new Float64Array(k);
  let leakyExcluded = 0;
  for (const sample of project.samples.all) {
    if (sample.split !== split || (options.only && !options.only(sample.id))) continue;
    const classId = project.labels.stateOf(sample.id).classId;
    const truth = classId === null ? undefined : classes.get(classId);
    const row = truth === undefined ? null : scored.row(sample.id);
    if (truth === undefined || !row) continue;
    if (options.leaky?.has(sample.id)) {
      leakyExcluded += 1;
      continue;
    }
    mapped.fill(0);
    for (let j = 0; j < columns.length; j++) if (columns[j] >= 0) mapped[columns[j]] += row[j];
    out.sampleIds.push(sample.id);
    out.truth.push(truth);
    for (let c = 0; c < k; c++) out.values.push(mapped[c]);
    out.chosenByModel.push(options.chosenByModel?.has(sample.id) ?? false);
  }
  return { sampleIds: out.sampleIds, truth: out.truth, probabilities: Float32Array.from(out.values), chosenByModel: out.chosenByModel, leakyExcluded };
}

/**
 * How a run does on today's labels of a split, in today's class order: accuracy and macro-F1
 * with intervals, per class, confusion, the labels chosen by model disagreement, and how many
 * `leaky` samples were left out. Null while the split has no label the run scored.
 */
export function evaluateOnSplit(project: Project, split: 'val' | 'test', scored: ScoredRows, options: RowOptions & { resamples?: number } = {}): Evaluation | null {
  const rows = labeledRows(project, split, scored, options);
  if (!rows.truth.length) return null;
  const classIds = project.doc.classes.map((c) => c.id);
  const predictions = { truth: rows.truth, probabilities: rows.probabilities, numClasses: classIds.length, chosenByModel: rows.chosenByModel };
  const evaluation = evaluatePredictions(split, classIds, predictions, options.resamples ? { resamples: options.resamples } : {});
  return rows.leakyExcluded ? { ...evaluation, leakyExcluded: rows.leakyExcluded } : evaluation;
}

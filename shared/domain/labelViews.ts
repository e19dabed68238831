import { z } from 'zod';

/**
 * Where a label decision was made, when not in the labeling queue: the plain gallery, or a
 * view that showed the model's predictions (a confusion-matrix drill-down, failure cases, a
 * gallery sorted or filtered by the model, a run comparison, the suspected label errors of the
 * data checks: their review mode or the gallery listing them). The renderer sends it with
 * `labels:set` and `labels:flag` (the review mode's `quality:review` sets it itself); it is
 * stored on the decision as `via`.
 */
export const labelViewSchema = z.enum(['gallery', 'drill-down', 'failure-cases', 'prediction-sort', 'run-comparison', 'suspected-labels']);
export type LabelView = z.infer<typeof labelViewSchema>;

/**
 * Views where the user saw the model's prediction before choosing what to look at. A test
 * label set there was picked because the model disagreed with it: "fixing" such labels makes
 * the model look better than it is, so the evaluation counts them apart.
 */
export const predictionViews: ReadonlySet<LabelView> = new Set<LabelView>(['drill-down', 'failure-cases', 'prediction-sort', 'run-comparison', 'suspected-labels']);

export function isPredictionView(via: LabelView | undefined): boolean {
  return via !== undefined && predictionViews.has(via);
}

/** What `labelsChosenByModel` reads of a decision (records' `Decision` has it all). */
export interface ViewedDecision {
  seq: number;
  kind: string;
  sampleId: string;
  via?: LabelView;
  after: { classId: string | null };
  /** Labeling together (decisionRules): an answer recorded beside the label that stands. */
  secondOpinion?: true;
  conflict?: unknown;
  answer?: string;
}

/**
 * Samples whose current label was set in a prediction view: the latest label decision in
 * force (not undone, not cleared since) had such a `via`. A second opinion, or a conflicting
 * answer kept beside someone else's label, did not set the label and changes nothing here.
 * Decisions oldest first.
 */
export function labelsChosenByModel(decisions: readonly ViewedDecision[], isUndone: (seq: number) => boolean): Set<string> {
  const chosen = new Set<string>();
  for (const d of decisions) {
    if (isUndone(d.seq) || (d.kind !== 'label' && d.kind !== 'clear')) continue;
    if (d.kind === 'label' && !setsLabel(d)) continue;
    if (d.kind === 'label' && isPredictionView(d.via)) chosen.add(d.sampleId);
    else chosen.delete(d.sampleId);
  }
  return chosen;
}

function setsLabel(d: ViewedDecision): boolean {
  if (d.secondOpinion) return false;
  return !d.conflict || d.after.classId === d.answer;
}

import type { SampleCondition, SampleSort } from '../../../shared/contract/sampleConditions';
import { galleryDataCheck } from './galleryDataCheck';
import type { GalleryFilter } from './gallerySlice';

export type PredictionCondition = Extract<SampleCondition, { kind: 'prediction' }>;

/** What the gallery's "by the model" controls show, read from the filter's conditions and sort. */
export interface ModelFilterView {
  runId: string | null;
  classId: string | null;
  correct: boolean | null;
  /** Upper bounds (null: none). */
  maxConfidence: number | null;
  maxMargin: number | null;
  sort: 'import' | 'confidence-asc' | 'confidence-desc' | 'margin-asc';
}

export function modelFilterView(filter: GalleryFilter): ModelFilterView {
  const p = filter.where.find((c): c is PredictionCondition => c.kind === 'prediction') ?? null;
  const by = filter.sort;
  // A data check's own order is not the model's: it reads as "import order" here (the plain order).
  const sort = by.by === 'margin' ? 'margin-asc' : by.by === 'confidence' ? (by.order === 'desc' ? 'confidence-desc' : 'confidence-asc') : 'import';
  return {
    runId: p?.runId ?? (by.by === 'confidence' || by.by === 'margin' ? by.runId : null),
    classId: p?.classId ?? null,
    correct: p?.correct ?? null,
    maxConfidence: p?.confidence?.max ?? null,
    maxMargin: p?.margin?.max ?? null,
    sort,
  };
}

/**
 * The filter's conditions and sort for a new model view: one prediction condition (other kinds
 * of condition are kept as they are), and the sort by that run. No run: no model conditions.
 */
export function withModelView(filter: GalleryFilter, view: ModelFilterView): Pick<GalleryFilter, 'where' | 'sort'> {
  const others = filter.where.filter((c) => c.kind !== 'prediction');
  // Without a sort by the model, a data check's list keeps its own order (worst first).
  const check = galleryDataCheck(filter);
  const plain: SampleSort = check ? { by: 'data-check', check } : { by: 'import' };
  if (!view.runId) return { where: others, sort: plain };
  const condition: PredictionCondition = {
    kind: 'prediction',
    runId: view.runId,
    ...(view.classId ? { classId: view.classId } : {}),
    ...(view.correct !== null ? { correct: view.correct } : {}),
    ...(view.maxConfidence !== null ? { confidence: { min: 0, max: view.maxConfidence } } : {}),
    ...(view.maxMargin !== null ? { margin: { min: 0, max: view.maxMargin } } : {}),
  };
  const sort: SampleSort =
    view.sort === 'import' ? plain : view.sort === 'margin-asc' ? { by: 'margin', runId: view.runId, order: 'asc' } : { by: 'confidence', runId: view.runId, order: view.sort === 'confidence-desc' ? 'desc' : 'asc' };
  return { where: [condition, ...others], sort };
}

import { useEffect } from 'react';
import { useStudio } from '../../hooks/useStudio';
import { galleryDataCheck } from '../../store/galleryDataCheck';
import { modelFilterView, withModelView, type ModelFilterView } from '../../store/galleryModelFilter';
import { selectClasses, selectGallery } from '../../store/selectors';
import { runTime } from '../model/runFacts';

const thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];
const margins = [0.05, 0.1, 0.2, 0.3];

/**
 * "By the model": filter by a run's predicted class, whether it is right (labeled images),
 * how sure it is, and sort by confidence or margin. Labels made in such a view are marked as
 * chosen by the model's predictions.
 */
export function GalleryModelFilters() {
  const { filter } = useStudio(selectGallery);
  const classes = useStudio(selectClasses);
  const runs = useStudio((s) => s.model.runs);
  const loadRuns = useStudio((s) => s.loadRuns);
  const setFilter = useStudio((s) => s.setGalleryFilter);
  useEffect(() => {
    if (runs === null) void loadRuns();
  }, [runs, loadRuns]);
  const finished = (runs ?? []).filter((r) => r.status === 'succeeded');
  const view = modelFilterView(filter);
  // Once edited here, the list is no longer what the view that opened it named: its chip goes.
  const change = (patch: Partial<ModelFilterView>) => setFilter({ ...withModelView(filter, { ...view, ...patch }), origin: null });
  if (finished.length === 0) return null;
  const number = (value: string) => (value === '' ? null : Number(value));
  return (
    <div className="gallery-model-filters" role="group" aria-label="By the model">
      <label className="filter-select">
        Model
        <select value={view.runId ?? ''} onChange={(e) => change({ runId: e.target.value || null })}>
          <option value="">Not by the model</option>
          {finished.map((r, i) => (
            <option key={r.id} value={r.id}>
              {i === 0 ? 'Latest run' : runTime(r)} ({r.labels.train + r.labels.val} labels)
            </option>
          ))}
        </select>
      </label>
      {view.runId && (
        <>
          <label className="filter-select">
            Predicted
            <select value={view.classId ?? ''} onChange={(e) => change({ classId: e.target.value || null })}>
              <option value="">Any class</option>
              {classes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-select" title="Right or wrong needs a label: choosing one lists labeled images only">
            Prediction
            <select value={view.correct === null ? '' : String(view.correct)} onChange={(e) => change({ correct: e.target.value === '' ? null : e.target.value === 'true' })}>
              <option value="">Right or wrong</option>
              <option value="false">Wrong (labeled)</option>
              <option value="true">Right (labeled)</option>
            </select>
          </label>
          <label className="filter-select">
            Confidence
            <select value={view.maxConfidence ?? ''} onChange={(e) => change({ maxConfidence: number(e.target.value) })}>
              <option value="">Any</option>
              {thresholds.map((t) => (
                <option key={t} value={t}>
                  at most {Math.round(t * 100)}%
                </option>
              ))}
            </select>
          </label>
          <label className="filter-select" title="Margin: the gap between the two most likely classes">
            Margin
            <select value={view.maxMargin ?? ''} onChange={(e) => change({ maxMargin: number(e.target.value) })}>
              <option value="">Any</option>
              {margins.map((t) => (
                <option key={t} value={t}>
                  at most {t.toFixed(2)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter-select">
            Sort
            <select value={view.sort} onChange={(e) => change({ sort: e.target.value as ModelFilterView['sort'] })}>
              <option value="import">{galleryDataCheck(filter) ? 'Data check order (worst first)' : 'Import order'}</option>
              <option value="confidence-asc">Least confident first</option>
              <option value="confidence-desc">Most confident first</option>
              <option value="margin-asc">Smallest margin first</option>
            </select>
          </label>
        </>
      )}
    </div>
  );
}

import type { Split } from '../../../../shared/contract/schemas';
import { useStudio } from '../../hooks/useStudio';
import type { GalleryStatus } from '../../store/gallerySlice';
import { selectClasses, selectGallery, selectStatus } from '../../store/selectors';
import { QualityFilterSelect } from '../data/QualityFilterSelect';
import { GalleryModelFilters } from './GalleryModelFilters';
import { ReviewNotice } from './ReviewNotice';

const statuses: { id: GalleryStatus; title: string }[] = [
  { id: 'all', title: 'All' },
  { id: 'unlabeled', title: 'Unlabeled' },
  { id: 'labeled', title: 'Labeled' },
  { id: 'flagged', title: 'Flagged' },
  { id: 'skipped', title: 'Skipped' },
];

export function GalleryFilters() {
  const { filter, total } = useStudio(selectGallery);
  const counts = useStudio(selectStatus);
  const classes = useStudio(selectClasses);
  const setFilter = useStudio((s) => s.setGalleryFilter);
  const clearOrigin = useStudio((s) => s.clearGalleryOrigin);
  const countOf = (id: GalleryStatus): number | undefined => (counts ? (id === 'all' ? counts.total : (counts as Partial<Record<GalleryStatus, number>>)[id]) : undefined);
  return (
    <div className="gallery-filters" role="toolbar" aria-label="Gallery filters">
      <div className="segmented" role="group" aria-label="Status">
        {statuses.map((s) => (
          <button key={s.id} type="button" aria-pressed={filter.status === s.id} className={filter.status === s.id ? 'active' : ''} onClick={() => setFilter({ status: s.id })}>
            {s.title}
            {countOf(s.id) !== undefined && <span className="count">{countOf(s.id)!.toLocaleString()}</span>}
          </button>
        ))}
      </div>
      <label className="filter-select">
        Class
        <select value={filter.classId ?? ''} onChange={(e) => setFilter({ classId: e.target.value || null })}>
          <option value="">Any class</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({(counts?.perClass.find((p) => p.classId === c.id)?.count ?? 0).toLocaleString()})
            </option>
          ))}
        </select>
      </label>
      <label className="filter-select">
        Split
        <select value={filter.split ?? ''} onChange={(e) => setFilter({ split: (e.target.value || null) as Split | null })}>
          <option value="">Any split</option>
          <option value="train">Train</option>
          <option value="val">Validation</option>
          <option value="test">Test</option>
        </select>
      </label>
      <QualityFilterSelect />
      {filter.origin && (
        <span className="filter-chip" aria-label="Opened from">
          {filter.origin.title}
          <button type="button" className="ghost small" aria-label="Clear the model filter" title="Back to these filters without the model's view" onClick={clearOrigin}>
            ✕
          </button>
        </span>
      )}
      <span className="gallery-total" role="status">
        {total === null ? 'Loading…' : `${total.toLocaleString()} image${total === 1 ? '' : 's'}`}
      </span>
      <GalleryModelFilters />
      <ReviewNotice />
    </div>
  );
}

import type { SampleFilter } from '../../../../shared/contract/samples';
import { useStudio } from '../../hooks/useStudio';
import { selectGallery } from '../../store/selectors';

type QualityFilter = NonNullable<SampleFilter['quality']>;

const options: { id: QualityFilter; title: string }[] = [
  { id: 'suspected', title: 'Suspected label errors' },
  { id: 'outlier', title: 'Outliers' },
  { id: 'duplicate', title: 'Duplicate groups' },
  { id: 'selection', title: 'Map selection' },
];

/** The gallery's data-check filter: the Data tab's lists, in their order (worst first). */
export function QualityFilterSelect() {
  const { filter } = useStudio(selectGallery);
  const setFilter = useStudio((s) => s.setGalleryFilter);
  return (
    <label className="filter-select">
      Data check
      <select value={filter.quality ?? ''} onChange={(e) => setFilter({ quality: (e.target.value || null) as QualityFilter | null })}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
    </label>
  );
}

import type { DataCheck } from '../../../../shared/contract/sampleConditions';
import { useStudio } from '../../hooks/useStudio';
import { galleryDataCheck, withDataCheck } from '../../store/galleryDataCheck';
import { selectGallery } from '../../store/selectors';

const options: { id: DataCheck; title: string }[] = [
  { id: 'suspected-label', title: 'Suspected label errors' },
  { id: 'outlier', title: 'Outliers' },
  { id: 'duplicate', title: 'Duplicate groups' },
  { id: 'map-selection', title: 'Map selection' },
];

/** The gallery's data-check filter: the Data tab's lists as a `where` condition, in their order (worst first). */
export function QualityFilterSelect() {
  const { filter } = useStudio(selectGallery);
  const setFilter = useStudio((s) => s.setGalleryFilter);
  return (
    <label className="filter-select">
      Data check
      <select value={galleryDataCheck(filter) ?? ''} onChange={(e) => setFilter(withDataCheck(filter, (e.target.value || null) as DataCheck | null))}>
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

import type { DataCheck, SampleCondition, SampleSort } from '../../../shared/contract/sampleConditions';
import type { GalleryFilter } from './gallerySlice';

const checks: ReadonlySet<string> = new Set<DataCheck>(['suspected-label', 'outlier', 'duplicate', 'map-selection']);

const isDataCheck = (condition: SampleCondition): condition is Extract<SampleCondition, { kind: DataCheck }> => checks.has(condition.kind);

/** The data check the gallery lists (its condition), if any. */
export function galleryDataCheck(filter: GalleryFilter): DataCheck | null {
  return filter.where.find(isDataCheck)?.kind ?? null;
}

/**
 * The filter's conditions and sort with one data check (or none): its condition replaces any
 * other data check's, conditions on the model stay. A list in import order (or in another
 * check's order) takes the check's own order, worst first; a sort by the model stays.
 */
export function withDataCheck(filter: GalleryFilter, check: DataCheck | null): Pick<GalleryFilter, 'where' | 'sort'> {
  const others = filter.where.filter((c) => !isDataCheck(c));
  const plain = filter.sort.by === 'import' || filter.sort.by === 'data-check';
  const sort: SampleSort = !plain ? filter.sort : check ? { by: 'data-check', check } : { by: 'import' };
  return { where: check ? [{ kind: check }, ...others] : others, sort };
}

/** A fresh gallery on one data check's list, worst first (the Data tab's "Show in the gallery"). */
export function dataCheckGallery(check: DataCheck): Partial<GalleryFilter> {
  return { status: 'all', classId: null, split: null, where: [{ kind: check }], sort: { by: 'data-check', check }, origin: null };
}

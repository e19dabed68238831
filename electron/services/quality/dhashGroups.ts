import { hammingHex } from '../../../shared/domain/dhash';
import type { Sample } from '../../../shared/domain/records';
import type { DuplicateGroup } from '../../../shared/ml/quality';
import { UnionFind } from '../../worker/quality/unionFind';

/** Under this size a 64-bit dHash is too coarse: only hashes at most 1 bit apart count. */
const smallImage = 64;

/**
 * Near-duplicate groups by difference hash, for projects without embeddings yet: images
 * whose hashes differ in at most `maxDistance` bits (1 for images under 64 px), joined into
 * connected components. Identical hashes are joined without comparing; the rest through
 * band buckets (two hashes within d bits agree exactly on one of d + 1 bands), every pair
 * of a bucket compared, none skipped.
 */
export function dhashDuplicateGroups(samples: readonly Sample[], maxDistance: number): DuplicateGroup[] {
  const sets = new UnionFind(samples.length);
  const limitOf = (s: Sample) => (Math.min(s.width, s.height) < smallImage ? Math.min(maxDistance, 1) : maxDistance);
  const firstWithHash = new Map<string, number>();
  samples.forEach((s, i) => {
    const first = firstWithHash.get(s.dhash);
    if (first === undefined) firstWithHash.set(s.dhash, i);
    else sets.union(first, i);
  });
  const distinct = [...firstWithHash.values()];
  const bands = maxDistance + 1;
  const width = Math.max(1, Math.floor(16 / bands));
  const widest = new Map<number, number>();
  for (let b = 0; b < Math.min(bands, 16); b++) {
    const buckets = new Map<string, number[]>();
    for (const i of distinct) {
      const start = b * width;
      const key = samples[i].dhash.slice(start, b === bands - 1 ? 16 : start + width);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const bucket of buckets.values()) {
      for (let a = 0; a < bucket.length; a++) {
        for (let c = a + 1; c < bucket.length; c++) {
          const i = bucket[a];
          const j = bucket[c];
          const distance = hammingHex(samples[i].dhash, samples[j].dhash);
          if (distance > Math.min(limitOf(samples[i]), limitOf(samples[j]))) continue;
          sets.union(i, j);
          widest.set(i, Math.max(widest.get(i) ?? 0, distance));
        }
      }
    }
  }
  return sets.groups().map((rows) => ({
    ids: rows.map((r) => samples[r].id),
    kind: 'near',
    source: 'dhash',
    closeness: Math.max(0, ...rows.map((r) => widest.get(r) ?? 0)),
  }));
}

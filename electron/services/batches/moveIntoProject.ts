import type { HeldSample } from '../../../shared/contract/batches';
import type { Split } from '../../../shared/contract/schemas';
import { NearDuplicateIndex } from '../../../shared/domain/dhash';
import { isSmallImage, nearDuplicatePolicy } from '../../../shared/domain/nearDuplicateGroups';
import type { Sample } from '../../../shared/domain/records';
import { SampleCommitter } from '../ingest/batchCommit';
import type { Project } from '../project/Project';
import type { BatchStore } from './BatchStore';

export type MoveWhy = 'least-confident' | 'audit' | 'rest';

/**
 * Moves held images of a batch into the project's samples, which is when they get a split.
 * `rest` (the user adds the batch to the project) takes the project's own split rule, as
 * an import would. Images picked one by one (the least confident, an audit sample) are
 * labels for training, so they go to the train split: images the model found hard must not
 * tilt the test split, and an audit checks the run that predicted them. Only a
 * near-duplicate of an image already in the project follows that image's split, so
 * near-duplicates never straddle splits. Images already in the project are left as they are.
 */
export async function moveIntoProject(project: Project, store: BatchStore, batchId: string, held: HeldSample[], why: MoveWhy): Promise<Sample[]> {
  const fresh = held.filter((h) => !project.samples.byContentHash(h.hash));
  if (fresh.length === 0) return [];
  let moved: Sample[];
  if (why === 'rest') {
    const batchName = store.require(batchId).name;
    const prepared = fresh.map(({ id: _id, addedAt: _at, fineHash, ...rest }) => ({ ...rest, fineHash: fineHash ?? '' }));
    await new SampleCommitter(project, `batch ${batchName}`, fresh.length).commit(prepared);
    moved = fresh.map((h) => project.samples.get(h.id)!).filter(Boolean);
  } else {
    const near = new NearHeld(project.samples.all);
    moved = fresh.map((h) => {
      const split: Split = near.splitOf(h) ?? 'train';
      project.splits.record('', split);
      const sample: Sample = { ...h, split, addedAt: new Date().toISOString() };
      near.hold(sample);
      return sample;
    });
    await project.samples.add(moved);
  }
  const at = new Date().toISOString();
  await store.change(batchId, (b) => ({ ...b, moved: { ...b.moved, ...Object.fromEntries(moved.map((s) => [s.id, { at, why, split: s.split }])) } }));
  return moved;
}

/**
 * The split of the image already in the project that `image` is a near-duplicate of, by the
 * import's policy (64-bit dHash between large images, the fine hash when either is small).
 */
class NearHeld {
  private readonly coarse = new NearDuplicateIndex<Sample>(nearDuplicatePolicy.dhashBits, 64);
  private readonly fine = new NearDuplicateIndex<Sample>(nearDuplicatePolicy.fineHashBits, 256);

  constructor(samples: readonly Sample[]) {
    for (const sample of samples) this.hold(sample);
  }

  hold(sample: Sample): void {
    if (!isSmallImage(sample.width, sample.height)) this.coarse.add(sample, sample.dhash);
    if (sample.fineHash) this.fine.add(sample, sample.fineHash);
  }

  splitOf(image: HeldSample): Split | null {
    const small = isSmallImage(image.width, image.height);
    if (image.fineHash) {
      for (const hit of this.fine.within(image.fineHash)) for (const s of hit.items) if (small || isSmallImage(s.width, s.height)) return s.split;
    }
    if (!small) for (const hit of this.coarse.within(image.dhash)) if (hit.items.length) return hit.items[0].split;
    return null;
  }
}

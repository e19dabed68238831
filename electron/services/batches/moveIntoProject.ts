import type { HeldSample } from '../../../shared/contract/batches';
import type { Split } from '../../../shared/contract/schemas';
import { NearDuplicateIndex } from '../../../shared/domain/dhash';
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
    await new SampleCommitter(project, `batch ${batchName}`).commit(fresh.map(({ id: _id, addedAt: _at, ...prepared }) => prepared));
    moved = fresh.map((h) => project.samples.get(h.id)!).filter(Boolean);
  } else {
    const among = new NearDuplicateIndex<Sample>();
    moved = fresh.map((h) => {
      const near = project.samples.nearDuplicates.nearest(h.dhash) ?? among.nearest(h.dhash);
      const split: Split = near ? near.item.split : 'train';
      project.splits.record('', split);
      const sample: Sample = { ...h, split, addedAt: new Date().toISOString() };
      among.add(sample, sample.dhash);
      return sample;
    });
    await project.samples.add(moved);
  }
  const at = new Date().toISOString();
  await store.change(batchId, (b) => ({ ...b, moved: { ...b.moved, ...Object.fromEntries(moved.map((s) => [s.id, { at, why, split: s.split }])) } }));
  return moved;
}

import type { Sample } from '../../../shared/domain/records';
import type { Dataset } from '../heads/index';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';

export interface LabeledSets {
  train: Dataset;
  val: Dataset | null;
  /** Labels whose sample is gone, sits in the test split, or has no embedding. */
  skipped: number;
}

/**
 * Splits the labels into the head's training and validation sets by each sample's frozen
 * split. Test-split labels are never used for training or early stopping.
 */
export async function labeledSets(labels: [string, number][], samples: Map<string, Sample>, store: EmbeddingStore): Promise<LabeledSets> {
  const parts = { train: [] as [string, number][], val: [] as [string, number][] };
  let skipped = 0;
  for (const [sampleId, classIndex] of labels) {
    const sample = samples.get(sampleId);
    if (!sample || sample.split === 'test' || !store.has(sample.hash)) {
      skipped += 1;
      continue;
    }
    parts[sample.split].push([sample.hash, classIndex]);
  }
  const toDataset = async (rows: [string, number][]): Promise<Dataset> => ({
    x: await store.read(rows.map((r) => r[0])),
    y: Int32Array.from(rows.map((r) => r[1])),
    count: rows.length,
    dim: store.dim,
  });
  return {
    train: await toDataset(parts.train),
    val: parts.val.length ? await toDataset(parts.val) : null,
    skipped,
  };
}

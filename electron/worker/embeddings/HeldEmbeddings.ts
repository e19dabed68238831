import { totalmem } from 'node:os';
import { EmbeddingRows } from './EmbeddingRows';

/** At most this share of the machine's memory, and never more than 2 GiB, holds one cache's vectors. */
const MEMORY_SHARE = 1 / 8;
const MAX_BYTES = 2 * 1024 ** 3;

/**
 * The embedding cache a worker used last, kept in memory between jobs: a round's train job,
 * the query after it and the next round all read the same pool, and reading 100,000 rows of
 * 1,280 floats from disk each time cost more than training the head. The rows are keyed by
 * cache folder and card fingerprint and checked against the hash file on every open (see
 * EmbeddingStore.open), so rows another process appended are read from the tail, and a
 * cache that was replaced or cut back is read afresh. One cache at a time: memory holds one
 * project's pool, not every project the worker has seen.
 */
export class HeldEmbeddings {
  private last: { dir: string; fingerprint: string; rows: EmbeddingRows } | null = null;

  constructor(readonly budgetBytes: number = Math.min(MAX_BYTES, Math.floor(totalmem() * MEMORY_SHARE))) {}

  /** The rows held for this cache, or fresh ones (the old cache's memory is let go). */
  rowsFor(dir: string, fingerprint: string, dim: number): EmbeddingRows {
    const last = this.last;
    if (last && last.dir === dir && last.fingerprint === fingerprint && last.rows.dim === dim) return last.rows;
    this.last = null;
    return this.fresh(dir, fingerprint, dim);
  }

  /** New empty rows for this cache, held from now on (its file no longer matches what was held). */
  fresh(dir: string, fingerprint: string, dim: number): EmbeddingRows {
    const rows = new EmbeddingRows(dim, Math.floor(this.budgetBytes / (dim * 4)));
    this.last = { dir, fingerprint, rows };
    return rows;
  }
}

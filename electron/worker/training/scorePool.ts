import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import type { Head } from '../heads/index';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';

const CHUNK = 4096;

interface ScoreOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

/**
 * Class probabilities for every sample that has an embedding, in sample order, predicted in
 * chunks. When the worker holds the cache's vectors in memory and the project's samples are
 * most of its rows, the head reads the held matrix directly, chunk by chunk in row order (no
 * gathering copies); otherwise rows are read from the file a chunk at a time, so memory stays
 * bounded however large the pool.
 */
export async function scorePool(
  head: Head,
  store: EmbeddingStore,
  samples: Sample[],
  options: ScoreOptions = {},
): Promise<{ sampleIds: string[]; probabilities: Float32Array }> {
  const scored = samples.filter((s) => store.has(s.hash));
  const held = store.heldVectors;
  const probabilities = held && scored.length * 2 >= store.size ? await scoreHeld(head, store, held, scored, options) : await scoreRead(head, store, scored, options);
  if (scored.length === 0) options.onProgress?.(0, 0);
  return { sampleIds: scored.map((s) => s.id), probabilities };
}

async function scoreRead(head: Head, store: EmbeddingStore, scored: Sample[], options: ScoreOptions): Promise<Float32Array> {
  const probabilities = new Float32Array(scored.length * head.numClasses);
  for (let from = 0; from < scored.length; from += CHUNK) {
    if (options.signal?.aborted) throw cancelled();
    const chunk = scored.slice(from, from + CHUNK);
    const x = await store.read(chunk.map((s) => s.hash));
    probabilities.set(head.predict(x, chunk.length), from * head.numClasses);
    options.onProgress?.(from + chunk.length, scored.length);
  }
  return probabilities;
}

async function scoreHeld(head: Head, store: EmbeddingStore, held: Float32Array, scored: Sample[], options: ScoreOptions): Promise<Float32Array> {
  const k = head.numClasses;
  const byRow = new Float32Array(store.size * k);
  for (let from = 0; from < store.size; from += CHUNK) {
    if (options.signal?.aborted) throw cancelled();
    const rows = Math.min(CHUNK, store.size - from);
    byRow.set(head.predict(held.subarray(from * store.dim, (from + rows) * store.dim), rows), from * k);
    options.onProgress?.(Math.round(((from + rows) / store.size) * scored.length), scored.length);
    // Let a cancel message in between chunks, as the reading path does.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const probabilities = new Float32Array(scored.length * k);
  scored.forEach((sample, i) => {
    const row = store.rowOf(sample.hash)!;
    probabilities.set(byRow.subarray(row * k, (row + 1) * k), i * k);
  });
  return probabilities;
}

function cancelled(): StudioError {
  return new StudioError('cancelled', 'The run was cancelled while scoring.');
}

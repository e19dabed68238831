import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import type { Head } from '../heads/index';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';

const CHUNK = 4096;

/**
 * Class probabilities for every sample that has an embedding, in sample order, read and
 * predicted in chunks so memory stays bounded however large the pool.
 */
export async function scorePool(
  head: Head,
  store: EmbeddingStore,
  samples: Sample[],
  options: { signal?: AbortSignal; onProgress?(done: number, total: number): void } = {},
): Promise<{ sampleIds: string[]; probabilities: Float32Array }> {
  const scored = samples.filter((s) => store.has(s.hash));
  const probabilities = new Float32Array(scored.length * head.numClasses);
  for (let from = 0; from < scored.length; from += CHUNK) {
    if (options.signal?.aborted) throw cancelled();
    const chunk = scored.slice(from, from + CHUNK);
    const x = await store.read(chunk.map((s) => s.hash));
    probabilities.set(head.predict(x, chunk.length), from * head.numClasses);
    options.onProgress?.(from + chunk.length, scored.length);
  }
  if (scored.length === 0) options.onProgress?.(0, 0);
  return { sampleIds: scored.map((s) => s.id), probabilities };
}

function cancelled(): StudioError {
  return new StudioError('cancelled', 'The run was cancelled while scoring.');
}

import { inputLength } from '../../../shared/ml/cards';
import type { Backbone } from '../backbones/types';
import { decodeForCard } from '../images/decodeForCard';
import type { EmbeddingStore } from './EmbeddingStore';

export interface ImageToEmbed {
  id: string;
  path: string;
  hash: string;
}

export interface EmbedOutcome {
  total: number;
  computed: number;
  cached: number;
  failures: { sampleId: string; reason: string }[];
  cancelled: boolean;
}

interface DecodedBatch {
  tensor: Float32Array;
  hashes: string[];
  failures: EmbedOutcome['failures'];
  size: number;
}

/**
 * Embeds every image whose content hash is not in the store yet, batch by batch. Batch
 * k+1 is decoded (sharp, on the thread pool) while batch k runs through the backbone; each
 * finished batch is made durable before the next, so cancelling or crashing loses at most
 * the batch in flight. An image that cannot be decoded is listed and skipped.
 */
export async function embedMissing(options: {
  images: ImageToEmbed[];
  store: EmbeddingStore;
  backbone: Backbone;
  batchSize: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** Observes the pipeline: batch `k` finished decoding. */
  onBatchDecoded?(k: number): void;
}): Promise<EmbedOutcome> {
  const { images, store, backbone, batchSize, signal, onProgress } = options;
  const todo: ImageToEmbed[] = [];
  const queued = new Set<string>();
  for (const image of images) {
    if (store.has(image.hash) || queued.has(image.hash)) continue;
    queued.add(image.hash);
    todo.push(image);
  }
  const total = images.length;
  const cached = total - todo.length;
  const outcome: EmbedOutcome = { total, computed: 0, cached, failures: [], cancelled: false };
  let done = cached;
  onProgress?.(done, total);

  const batches: ImageToEmbed[][] = [];
  for (let i = 0; i < todo.length; i += batchSize) batches.push(todo.slice(i, i + batchSize));
  const decode = (k: number) =>
    decodeBatch(batches[k], backbone).then((batch) => {
      options.onBatchDecoded?.(k);
      return batch;
    });
  let next: Promise<DecodedBatch> | null = batches.length ? decode(0) : null;
  // The durable append of batch k runs while batch k+1 is embedded: its fsyncs wait on the
  // thread pool sharp keeps busy, and waiting for them would stall inference. Appends stay
  // in order, one at a time, so a crash still loses at most the batch being written.
  let appending: Promise<void> = Promise.resolve();
  for (let k = 0; k < batches.length; k++) {
    const current = await next!;
    if (signal?.aborted) {
      outcome.cancelled = true;
      break;
    }
    next = k + 1 < batches.length ? decode(k + 1) : null;
    outcome.failures.push(...current.failures);
    const vectors = current.hashes.length > 0 ? await backbone.embed(current.tensor, current.hashes.length) : null;
    await appending;
    appending = (vectors ? store.append(current.hashes, vectors) : Promise.resolve()).then(() => {
      outcome.computed += current.hashes.length;
      done += current.size;
      onProgress?.(Math.min(done, total), total);
    });
    appending.catch(() => undefined); // a failure is rethrown by the next await, not lost
  }
  await appending;
  return outcome;
}

async function decodeBatch(batch: ImageToEmbed[], backbone: Backbone): Promise<DecodedBatch> {
  const length = inputLength(backbone.card);
  const tensor = new Float32Array(batch.length * length);
  const results = await Promise.all(
    batch.map((image, slot) =>
      decodeForCard(image.path, backbone.card, tensor, slot * length).then(
        () => null,
        (error: unknown) => ({ sampleId: image.id, reason: describeDecodeError(error) }),
      ),
    ),
  );
  // Move the decoded images together so the backbone sees one dense batch.
  const hashes: string[] = [];
  const failures: EmbedOutcome['failures'] = [];
  results.forEach((failure, slot) => {
    if (failure) {
      failures.push(failure);
      return;
    }
    if (hashes.length !== slot) tensor.copyWithin(hashes.length * length, slot * length, (slot + 1) * length);
    hashes.push(batch[slot].hash);
  });
  return { tensor, hashes, failures, size: batch.length };
}

function describeDecodeError(error: unknown): string {
  const text = String(error instanceof Error ? error.message : error);
  if (/ENOENT|no such file/i.test(text)) return 'the image file is missing';
  if (/premature|truncat/i.test(text)) return 'the image is truncated';
  if (/unsupported image format/i.test(text)) return 'not an image sharp can read';
  return text.split('\n')[0].slice(0, 200);
}

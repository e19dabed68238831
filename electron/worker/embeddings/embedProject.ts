import { cardFingerprint, type BackboneSpec } from '../../../shared/ml/cards';
import type { EmbedReport } from '../../../shared/ml/messages';
import { loadBackbone } from '../backbones/index';
import { embedMissing, type ImageToEmbed } from './embedSamples';
import { EmbeddingStore, embeddingDir } from './EmbeddingStore';
import type { HeldEmbeddings } from './HeldEmbeddings';

const MAX_LISTED_FAILURES = 50;

/**
 * Brings a project's embedding cache for one backbone up to date with its samples and
 * returns the open store (the caller closes it) with a report. Only new images are run
 * through the backbone; the backbone is released before this returns.
 */
export async function embedProject(options: {
  projectDir: string;
  spec: BackboneSpec;
  /** Samples, or any images with an id, a path and a content hash (a new-data batch's). */
  samples: ImageToEmbed[];
  batchSize: number;
  /** The worker's embeddings kept between jobs: reused when still right, updated with what this job adds. */
  held?: HeldEmbeddings;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}): Promise<{ store: EmbeddingStore; report: EmbedReport }> {
  const started = Date.now();
  const { card } = options.spec;
  const store = await EmbeddingStore.open(embeddingDir(options.projectDir, card.id), {
    backboneId: card.id,
    dim: card.embeddingSize,
    fingerprint: cardFingerprint(card),
  }, options.held);
  try {
    const images = options.samples.map((s) => ({ id: s.id, path: s.path, hash: s.hash }));
    const needsBackbone = images.some((image) => !store.has(image.hash));
    let providers: string[] | null = null;
    let outcome = { total: images.length, computed: 0, cached: images.length, failures: [] as EmbedReport['failures'], cancelled: false };
    if (needsBackbone) {
      const backbone = await loadBackbone(options.spec);
      providers = backbone.executionProviders;
      try {
        outcome = await embedMissing({ images, store, backbone, batchSize: options.batchSize, signal: options.signal, onProgress: options.onProgress });
      } finally {
        await backbone.dispose();
      }
    } else {
      options.onProgress?.(images.length, images.length);
    }
    const report: EmbedReport = {
      backboneId: card.id,
      total: outcome.total,
      computed: outcome.computed,
      cached: outcome.cached,
      failed: outcome.failures.length,
      failures: outcome.failures.slice(0, MAX_LISTED_FAILURES),
      executionProviders: providers,
      durationMs: Date.now() - started,
      cancelled: outcome.cancelled,
    };
    return { store, report };
  } catch (error) {
    await store.close();
    throw error;
  }
}

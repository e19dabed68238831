import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pixelsCard } from '../../../../shared/ml/pixels';
import type { Backbone } from '../../../../electron/worker/backbones/types';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { EmbeddingStore, embeddingDir } from '../../../../electron/worker/embeddings/EmbeddingStore';
import { embedMissing } from '../../../../electron/worker/embeddings/embedSamples';
import { embedProject } from '../../../../electron/worker/embeddings/embedProject';
import { cardFingerprint } from '../../../../shared/ml/cards';
import { readSamples } from '../../../../electron/worker/project/readSamples';
import { classImage, mlProject, sampleFor } from '../../services/ml/mlFixtures';

const spec = { card: pixelsCard('pixels-8x8-rgb')!, modelPath: null };

describe('embedding a project', () => {
  it('computes each image once and later only the new ones', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 4 });
    const first = await embedProject({ projectDir: dir, spec, samples, batchSize: 3 });
    expect(first.report).toMatchObject({ total: 8, computed: 8, cached: 0, failed: 0 });
    await first.store.close();

    const extra = await sampleFor(await classImage(join(dir, '..', 'images', 'new.png'), 1, 999), 'train', 100);
    await project.samples.add([extra]);
    const progress: number[] = [];
    const second = await embedProject({ projectDir: dir, spec, samples: await readSamples(dir), batchSize: 3, onProgress: (done) => progress.push(done) });
    expect(second.report).toMatchObject({ total: 9, computed: 1, cached: 8 });
    expect(progress.at(-1)).toBe(9);
    await second.store.close();
    await project.close();
  });

  it('an image that cannot be decoded is listed with its reason and the others are embedded', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 3 });
    await writeFile(samples[2].path, Buffer.from('this is not a png'));
    const { store, report } = await embedProject({ projectDir: dir, spec, samples, batchSize: 4 });
    expect(report.computed).toBe(5);
    expect(report.failures).toEqual([{ sampleId: samples[2].id, reason: expect.any(String) }]);
    expect(store.has(samples[2].hash)).toBe(false);
    await store.close();
    await project.close();
  });

  it('cancelling keeps the batches already embedded, and the next run continues from there', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 6 });
    const controller = new AbortController();
    const first = await embedProject({
      projectDir: dir,
      spec,
      samples,
      batchSize: 4,
      signal: controller.signal,
      onProgress: (done) => done >= 4 && controller.abort(),
    });
    expect(first.report.cancelled).toBe(true);
    const kept = first.report.computed;
    expect(kept % 4).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(12);
    await first.store.close();
    const second = await embedProject({ projectDir: dir, spec, samples, batchSize: 4 });
    expect(second.report).toMatchObject({ computed: 12 - kept, cached: kept, cancelled: false });
    await second.store.close();
    await project.close();
  });

  it('decodes the next batch while the backbone runs the current one', async () => {
    const { project, dir, samples } = await mlProject({ perClass: 6 });
    const pixels = await loadBackbone(spec);
    const events: string[] = [];
    const slow: Backbone = {
      ...pixels,
      async embed(batch, count) {
        events.push('embed-start');
        await new Promise((r) => setTimeout(r, 150));
        events.push('embed-end');
        return pixels.embed(batch, count);
      },
    };
    const store = await EmbeddingStore.open(embeddingDir(dir, spec.card.id), { backboneId: spec.card.id, dim: spec.card.embeddingSize, fingerprint: cardFingerprint(spec.card) });
    await embedMissing({ images: samples, store, backbone: slow, batchSize: 4, onBatchDecoded: (k) => events.push(`decoded-${k}`) });
    // Batch 1 finished decoding before batch 0 finished embedding.
    expect(events.indexOf('decoded-1')).toBeLessThan(events.indexOf('embed-end'));
    expect(events.filter((e) => e === 'embed-start')).toHaveLength(3);
    await store.close();
    await project.close();
  });
});

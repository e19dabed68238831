import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmbeddingStore } from '../../../../electron/worker/embeddings/EmbeddingStore';
import { HeldEmbeddings } from '../../../../electron/worker/embeddings/HeldEmbeddings';
import { defaultHeadConfig, trainHead } from '../../../../electron/worker/heads/index';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { scorePool } from '../../../../electron/worker/training/scorePool';
import { fakeSample, tempDir } from '../../../helpers/tempProject';

const DIM = 6;
const hash = (n: number) => createHash('sha256').update(`sample-${n}`).digest('hex'); // fakeSample's hash
const meta = { backboneId: 'test', dim: DIM, fingerprint: 'card' };

describe('scoring the pool', () => {
  it('gives every sample with an embedding the same probabilities whether the vectors are held in memory or read from the file', async () => {
    const random = seededRandom(3);
    const n = 9000; // more than one chunk of rows
    const x = Float32Array.from({ length: n * DIM }, (_, i) => random.normal() + ((i % DIM) === Math.floor(i / DIM) % 3 ? 2 : 0));
    const y = Int32Array.from({ length: n }, (_, i) => i % 3);
    const { head } = await trainHead({ x: x.subarray(0, 600 * DIM), y, count: 600, dim: DIM }, { ...defaultHeadConfig('linear'), epochs: 3 }, { numClasses: 3 });
    const dir = await tempDir();
    const writer = await EmbeddingStore.open(dir, meta);
    await writer.append(Array.from({ length: n }, (_, i) => hash(i)), x);
    await writer.close();
    // The project's samples in another order than the cache's rows, one added since the cache was filled.
    const samples = [...Array.from({ length: n }, (_, i) => fakeSample(i)).reverse(), fakeSample(n + 1)];

    const fromFile = await EmbeddingStore.open(dir, meta);
    const read = await scorePool(head, fromFile, samples);
    await fromFile.close();
    const heldStore = await EmbeddingStore.open(dir, meta, new HeldEmbeddings());
    expect(heldStore.heldVectors).not.toBeNull();
    const progress: number[] = [];
    const held = await scorePool(head, heldStore, samples, { onProgress: (done) => progress.push(done) });
    await heldStore.close();

    expect(held.sampleIds).toEqual(samples.slice(0, n).map((s) => s.id));
    expect(read.sampleIds).toEqual(held.sampleIds);
    expect(Array.from(held.probabilities)).toEqual(Array.from(read.probabilities));
    const direct = head.predict(x.subarray((n - 1) * DIM), 1); // sample n−1 comes first
    expect(Array.from(held.probabilities.subarray(0, 3))).toEqual(Array.from(direct));
    expect(progress.at(-1)).toBe(n);
    head.dispose();
  });

  it('a cancelled run stops scoring with a clear error', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, new HeldEmbeddings());
    await store.append([hash(0), hash(1)], new Float32Array(2 * DIM).fill(1));
    const { head } = await trainHead({ x: new Float32Array(2 * DIM).map((_, i) => i), y: Int32Array.from([0, 1]), count: 2, dim: DIM }, { ...defaultHeadConfig('linear'), epochs: 1 }, { numClasses: 2 });
    const controller = new AbortController();
    controller.abort();
    await expect(scorePool(head, store, [fakeSample(0), fakeSample(1)], { signal: controller.signal })).rejects.toThrow(/cancelled while scoring/);
    await store.close();
    head.dispose();
  });
});

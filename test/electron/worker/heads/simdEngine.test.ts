import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHeadConfig, loadHead, trainHead, type HeadConfig } from '../../../../electron/worker/heads/index';
import { applyRowDropout, dropoutThreshold, keepScale } from '../../../../electron/worker/heads/dropoutMask';
import { LinearKernels } from '../../../../electron/worker/simd/kernels';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { compileKernel, kernels } from '../../../../scripts/build-wasm.mjs';
import { blobs } from './toyData';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('the SIMD head engine', () => {
  it('the committed kernel bytes are compiled from the kernel source', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const kernel of kernels) expect(await readFile(kernel.module, 'utf8')).toBe(await compileKernel(kernel.wat));
  });

  it('drops exactly the features the JS dropout drops, with the same scale', () => {
    const rows = 5;
    const dim = 13; // not a multiple of 4: the last group of a row is partly padding
    const dp = 16;
    const x = Float32Array.from({ length: rows * dim }, (_, i) => 1 + Math.sin(i));
    const k = LinearKernels.create([rows * dp, rows * dp, rows]);
    const src = k.alloc(rows * dp);
    const dst = k.alloc(rows * dp);
    const order = k.alloc(rows);
    k.ints(order).set([0, 1, 2, 3, 4]);
    for (let r = 0; r < rows; r++) src.view.set(x.subarray(r * dim, (r + 1) * dim), r * dp);
    const threshold = dropoutThreshold(0.3);
    k.run.gatherDropout(src.ptr, dp, order.ptr, rows, dst.ptr, threshold, keepScale(threshold), 12345);
    const expected = Float32Array.from(x);
    applyRowDropout(expected, rows, dim, 0.3, 12345);
    const got = new Float32Array(rows * dim);
    for (let r = 0; r < rows; r++) got.set(dst.view.subarray(r * dp, r * dp + dim), r * dim);
    expect(Array.from(got)).toEqual(Array.from(expected));
    const dropped = got.filter((v) => v === 0).length;
    expect(dropped).toBeGreaterThan(5);
    expect(dropped).toBeLessThan(40);
  });

  const config = (over: Partial<HeadConfig> = {}): HeadConfig => ({ ...defaultHeadConfig('linear'), epochs: 12, batchSize: 32, classWeights: true, ...over });

  it('learns the same linear head as the TF.js engine (dropout, standardisation, class weights, early stopping)', async () => {
    const train = blobs({ perClass: [70, 40, 25, 15], dim: 10, spread: 2.5, seed: 21 });
    const validation = blobs({ perClass: [15, 15, 15, 15], dim: 10, spread: 2.5, seed: 22 });
    const test = blobs({ perClass: [50, 50, 50, 50], dim: 10, spread: 2.5, seed: 23 });
    const run = (engine: 'simd' | 'tfjs') => trainHead(train, config(), { numClasses: 4, validation, engine });
    const [simd, tfjs] = [await run('simd'), await run('tfjs')];
    expect(simd.engine).toBe('wasm-simd');
    expect(tfjs.engine).toBe('tfjs-wasm');
    expect(simd.bestEpoch).toBe(tfjs.bestEpoch);
    expect(simd.history.length).toBe(tfjs.history.length);
    simd.history.forEach((epoch, i) => {
      expect(epoch.loss).toBeCloseTo(tfjs.history[i].loss, 4);
      expect(epoch.accuracy).toBe(tfjs.history[i].accuracy);
      expect(epoch.valLoss!).toBeCloseTo(tfjs.history[i].valLoss!, 4);
    });
    const [a, b] = [simd.head.save(), tfjs.head.save()];
    const kernel = (saved: typeof a) => new Float32Array(Uint8Array.from(Buffer.from(saved.weights.layers[0].kernel.data, 'base64')).buffer);
    expect(maxAbsDiff(kernel(a), kernel(b))).toBeLessThan(1e-4);
    expect(maxAbsDiff(simd.head.predict(test.x, test.count), tfjs.head.predict(test.x, test.count))).toBeLessThan(1e-4);
    expect(maxAbsDiff(simd.head.predictPasses(test.x, test.count, 3, 9), tfjs.head.predictPasses(test.x, test.count, 3, 9))).toBeLessThan(1e-4);
    simd.head.dispose();
    tfjs.head.dispose();
  });

  it('a saved head scores the same on either engine, and warm-starts across them', async () => {
    const train = blobs({ perClass: [40, 40, 40], dim: 7, spread: 3, seed: 31 });
    const { head } = await trainHead(train, config({ classWeights: false }), { numClasses: 3, engine: 'simd' });
    const saved = head.save();
    const [viaSimd, viaTf] = [loadHead(saved, 'simd'), loadHead(saved, 'tfjs')];
    expect(maxAbsDiff(viaSimd.predict(train.x, train.count), viaTf.predict(train.x, train.count))).toBeLessThan(1e-5);
    const more = blobs({ perClass: [10, 30, 60], dim: 7, spread: 3, seed: 32 });
    const warm = async (engine: 'simd' | 'tfjs') => (await trainHead(more, config({ epochs: 3 }), { numClasses: 3, warmStart: saved, engine })).head;
    const [w1, w2] = [await warm('simd'), await warm('tfjs')];
    expect(maxAbsDiff(w1.predict(more.x, more.count), w2.predict(more.x, more.count))).toBeLessThan(1e-4);
    for (const h of [head, viaSimd, viaTf, w1, w2]) h.dispose();
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { defaultHeadConfig, loadHead, trainHead, type HeadConfig } from '../../../../electron/worker/heads/index';
import { effectiveBatchSize } from '../../../../electron/worker/heads/train';
import { accuracy, blobs, predictedCounts } from './toyData';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

const quick = (kind: 'linear' | 'mlp', over: Partial<HeadConfig> = {}): HeadConfig => ({ ...defaultHeadConfig(kind), epochs: 20, batchSize: 32, ...over });

describe('classifier heads', () => {
  it.each(['linear', 'mlp'] as const)('a %s head learns well-separated classes', async (kind) => {
    const train = blobs({ perClass: [60, 60, 60], dim: 6, spread: 5, seed: 1 });
    const test = blobs({ perClass: [50, 50, 50], dim: 6, spread: 5, seed: 2 });
    const { head, history } = await trainHead(train, quick(kind), { numClasses: 3 });
    expect(accuracy(head.predict(test.x, test.count), test.y, 3)).toBeGreaterThan(0.95);
    expect(history.at(-1)!.loss).toBeLessThan(history[0].loss);
    const probabilities = head.predict(test.x, 2);
    expect(probabilities[0] + probabilities[1] + probabilities[2]).toBeCloseTo(1, 5);
    head.dispose();
  });

  it('a default head fits a few dozen labels: small label sets still get enough training steps', async () => {
    // 40 labels and the default batch of 256: one step per epoch would leave it near chance.
    const train = blobs({ perClass: [10, 10, 10, 10], dim: 50, spread: 3, seed: 11 });
    const test = blobs({ perClass: [50, 50, 50, 50], dim: 50, spread: 3, seed: 12 });
    const { head } = await trainHead(train, { ...defaultHeadConfig('linear'), standardize: false }, { numClasses: 4 });
    expect(accuracy(head.predict(train.x, train.count), train.y, 4)).toBe(1);
    expect(accuracy(head.predict(test.x, test.count), test.y, 4)).toBeGreaterThan(0.8);
    expect(effectiveBatchSize(256, 40)).toBe(5);
    expect(effectiveBatchSize(256, 10_000)).toBe(256);
    head.dispose();
  });

  it('early stopping keeps the weights of the epoch with the best validation loss', async () => {
    // Labels of the training rows are shuffled at random, so the head can only overfit:
    // validation loss rises after the first epochs and training stops early.
    const train = blobs({ perClass: [40, 40], dim: 30, spread: 3, seed: 3 });
    const noisy = { ...train, y: train.y.map((_, i) => (i * 7919) % 3 === 0 ? 1 : 0) as Int32Array };
    const validation = blobs({ perClass: [40, 40], dim: 30, spread: 3, seed: 4 });
    const config = quick('mlp', { epochs: 60, patience: 4, learningRate: 0.01, l2: 0, dropout: 0, hiddenUnits: 64 });
    const { head, history, bestEpoch, stoppedEarly } = await trainHead(noisy, config, { numClasses: 2, validation });
    expect(stoppedEarly).toBe(true);
    expect(history.length).toBe(bestEpoch + 4);
    const best = Math.min(...history.map((h) => h.valLoss!));
    expect(history[bestEpoch - 1].valLoss).toBe(best);
    // The returned head reproduces the best epoch's validation loss, not the last one's.
    const p = head.predict(validation.x, validation.count);
    let loss = 0;
    for (let i = 0; i < validation.count; i++) loss -= Math.log(p[i * 2 + validation.y[i]]) / validation.count;
    expect(loss).toBeCloseTo(best, 4);
    expect(loss).toBeLessThan(history.at(-1)!.valLoss! - 1e-3);
    head.dispose();
  });

  it('the same seed and data give the same weights; another seed gives others', async () => {
    const train = blobs({ perClass: [30, 30, 30], dim: 5, spread: 2, seed: 5 });
    const run = async (seed: number) => {
      const { head } = await trainHead(train, quick('mlp', { seed, epochs: 5 }), { numClasses: 3 });
      const saved = head.save();
      head.dispose();
      return JSON.stringify(saved.weights);
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('a warm start continues from the saved head, even when the new rows standardise differently', async () => {
    const first = blobs({ perClass: [50, 50, 50], dim: 6, spread: 4, seed: 6 });
    const more = blobs({ perClass: [80, 10, 10], dim: 6, spread: 4, seed: 7 });
    const { head: original } = await trainHead(first, quick('linear'), { numClasses: 3 });
    const saved = original.save();
    // A vanishing learning rate: the warm-started head must compute the same function.
    const { head: warm, history: warmHistory } = await trainHead(more, quick('linear', { epochs: 1, learningRate: 1e-9, dropout: 0 }), { numClasses: 3, warmStart: saved });
    const before = original.predict(more.x, more.count);
    const after = warm.predict(more.x, more.count);
    for (let i = 0; i < before.length; i++) expect(after[i]).toBeCloseTo(before[i], 4);
    const { head: fresh, history: freshHistory } = await trainHead(more, quick('linear', { epochs: 1, learningRate: 1e-9, dropout: 0 }), { numClasses: 3 });
    expect(warmHistory[0].loss).toBeLessThan(freshHistory[0].loss / 2);
    [original, warm, fresh].forEach((h) => h.dispose());
    const mlp = (await trainHead(first, quick('mlp'), { numClasses: 3 })).head;
    await expect(trainHead(first, quick('linear'), { numClasses: 3, warmStart: mlp.save() })).rejects.toThrow(/Cannot warm-start from a mlp head/);
    mlp.dispose();
  });

  it('class weights make the head predict a rare class more often', async () => {
    const train = blobs({ perClass: [300, 15], dim: 4, spread: 1.2, seed: 8 });
    const test = blobs({ perClass: [200, 200], dim: 4, spread: 1.2, seed: 9 });
    const counts = async (classWeights: boolean) => {
      const { head } = await trainHead(train, quick('linear', { classWeights, dropout: 0 }), { numClasses: 2 });
      const rare = predictedCounts(head.predict(test.x, test.count), 2)[1];
      head.dispose();
      return rare;
    };
    const [plain, weighted] = [await counts(false), await counts(true)];
    expect(weighted).toBeGreaterThan(plain + 40);
  });

  it('a saved head loads back with identical predictions; a damaged one is refused clearly', async () => {
    const train = blobs({ perClass: [20, 20, 20], dim: 5, spread: 3, seed: 10 });
    const { head } = await trainHead(train, quick('mlp', { epochs: 3 }), { numClasses: 3 });
    const saved = JSON.parse(JSON.stringify(head.save()));
    const loaded = loadHead(saved);
    expect(Array.from(loaded.predict(train.x, train.count))).toEqual(Array.from(head.predict(train.x, train.count)));
    const damaged = { ...saved, weights: { ...saved.weights, layers: [saved.weights.layers[0]] } };
    expect(() => loadHead(damaged)).toThrow(/damaged: expected 2 layers/);
    expect(() => loadHead({ format: 'other' } as never)).toThrow(/not a saved studio head/);
    expect(() => head.predict(new Float32Array(7), 2)).toThrow(/Expected 2 rows of 5 features/);
    [head, loaded].forEach((h) => h.dispose());
  });

  it('MC-dropout passes vary around the plain prediction', async () => {
    const train = blobs({ perClass: [40, 40], dim: 8, spread: 1, seed: 11 });
    for (const kind of ['linear', 'mlp'] as const) {
      const { head } = await trainHead(train, quick(kind, { dropout: 0.3 }), { numClasses: 2 });
      const passes = head.predictPasses(train.x, 10, 8, 1);
      expect(passes.length).toBe(8 * 10 * 2);
      expect(passes[0]).not.toBe(passes[20]);
      expect(Array.from(head.predictPasses(train.x, 10, 8, 1))).toEqual(Array.from(passes));
      head.dispose();
    }
    const { head: noDropout } = await trainHead(train, quick('linear', { dropout: 0 }), { numClasses: 2 });
    expect(() => noDropout.predictPasses(train.x, 10, 4, 1)).toThrow(/without dropout/);
    noDropout.dispose();
  });

  it('repeated training and scoring leave no tensors behind', async () => {
    const train = blobs({ perClass: [30, 30, 30], dim: 6, spread: 2, seed: 12 });
    const validation = blobs({ perClass: [10, 10, 10], dim: 6, spread: 2, seed: 13 });
    const cycle = async (kind: 'linear' | 'mlp') => {
      const { head } = await trainHead(train, quick(kind, { epochs: 3 }), { numClasses: 3, validation });
      head.predict(train.x, train.count);
      head.predictPasses(train.x, train.count, 3, 1);
      const warm = await trainHead(train, quick(kind, { epochs: 2 }), { numClasses: 3, warmStart: head.save() });
      warm.head.dispose();
      head.dispose();
    };
    await cycle('linear');
    await cycle('mlp');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await cycle('linear');
      await cycle('mlp');
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancelling stops training with a "cancelled" error and frees its tensors', async () => {
    const train = blobs({ perClass: [50, 50], dim: 6, spread: 2, seed: 14 });
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const run = trainHead(train, quick('mlp', { epochs: 50 }), {
      numClasses: 2,
      signal: controller.signal,
      onEpoch: ({ epoch }) => {
        epochs.push(epoch);
        if (epoch === 2) controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => e instanceof StudioError && e.code === 'cancelled');
    expect(epochs).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('bad settings and bad rows are refused with the field named', async () => {
    const train = blobs({ perClass: [5, 5], dim: 3, spread: 2, seed: 15 });
    await expect(trainHead(train, { ...quick('linear'), epochs: 0 }, { numClasses: 2 })).rejects.toThrow(/"epochs" must be a positive whole number/);
    await expect(trainHead({ ...train, y: new Int32Array(10).fill(4) }, quick('linear'), { numClasses: 2 })).rejects.toThrow(/label 4 at row 0/);
    await expect(trainHead({ ...train, count: 0 }, quick('linear'), { numClasses: 2 })).rejects.toThrow(/is empty/);
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nsfwjsMobileNetV2 } from '../../../../electron/worker/backbones/builtin/nsfwjsModel';
import { selectBackend } from '../../../../electron/worker/tf/backend';
import { fineTunePlan } from '../../../../electron/worker/training/fineTunePlan';
import { buildTopNetwork } from '../../../../electron/worker/training/fineTuneTop';
import { trainTop } from '../../../../electron/worker/training/fineTuneTraining';

// The native plan needs TF's own convolution gradients. libtensorflow cannot be installed
// here, but the cpu backend has the same gradients (slowly): the native formulation is
// exercised on it with a few activations, to prove it trains through block 13's strided
// depthwise convolution.
beforeAll(async () => {
  await selectBackend({ only: ['cpu'] });
});

describe('the native fine-tuning plan', () => {
  it('trains blocks 13–16 from block_12_add, strided depthwise included', async () => {
    const plan = { ...fineTunePlan({ name: 'tensorflow', native: true }), maxEpochs: 2, batchSize: 2 };
    const top = buildTopNetwork(await nsfwjsMobileNetV2(), { cutLayer: plan.cutLayer, outputLayer: 'flatten_1', formulation: plan.formulation });
    try {
      const before = top.weights().get('block_13_depthwise/depthwise_kernel')!.slice();
      const dim = 14 * 14 * 96;
      const x = Float32Array.from({ length: 2 * dim }, (_, i) => Math.abs(Math.sin(i * 0.01)) * 2);
      const trained = await trainTop(top, { train: { x, y: Int32Array.of(0, 1), count: 2, dim }, val: null, numClasses: 2, cutShape: plan.cutShape }, plan);
      expect(trained.history).toHaveLength(1);
      expect(top.trainedLayers.filter((l) => l.endsWith('_depthwise'))).toEqual(['block_13_depthwise', 'block_14_depthwise', 'block_15_depthwise', 'block_16_depthwise']);
      const after = trained.weights!.get('block_13_depthwise/depthwise_kernel')!;
      expect(after.some((v, i) => Math.abs(v - before[i]) > 1e-6)).toBe(true);
    } finally {
      top.dispose();
    }
    expect(tf.memory().numTensors).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { BackboneCard } from '../../../../shared/ml/cards';
import { poolOutput } from '../../../../electron/worker/backbones/pool';
import { tinyOnnxCard } from '../../../helpers/tinyModels';

const card = (pool: BackboneCard['output']['pool'], embeddingSize: number, layout: 'NCHW' | 'NHWC' = 'NCHW'): BackboneCard => {
  const base = tinyOnnxCard('pool');
  return { ...base, input: { ...base.input, layout }, output: { tap: 'output', pool }, embeddingSize };
};

describe('turning network outputs into embeddings', () => {
  it('cls takes the first token of each image of a ViT output', () => {
    // 2 images × 3 tokens × 2 dims
    const out = poolOutput([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 3, 2], card('cls', 2), 2, 'last_hidden_state');
    expect(Array.from(out)).toEqual([1, 2, 7, 8]);
  });

  it('mean averages tokens, or the spatial positions of a feature map in either layout', () => {
    expect(Array.from(poolOutput([1, 2, 3, 4, 5, 6], [1, 3, 2], card('mean', 2), 1, 'tokens'))).toEqual([3, 4]);
    // NCHW [1, 2, 1, 2]: channel 0 = (1, 3), channel 1 = (10, 30)
    expect(Array.from(poolOutput([1, 3, 10, 30], [1, 2, 1, 2], card('mean', 2), 1, 'map'))).toEqual([2, 20]);
    // NHWC [1, 1, 2, 2]: positions (1, 10), (3, 30)
    expect(Array.from(poolOutput([1, 10, 3, 30], [1, 1, 2, 2], card('mean', 2, 'NHWC'), 1, 'map'))).toEqual([2, 20]);
  });

  it('a non-finite value is refused with the image it came from', () => {
    expect(() => poolOutput([1, NaN], [1, 2], card('flatten', 2), 1, 'out')).toThrow(/non-finite value \(NaN\) for image 1/);
  });
});

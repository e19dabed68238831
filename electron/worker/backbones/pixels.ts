import { inputLength } from '../../../shared/ml/cards';
import type { BackboneKind } from './types';

/**
 * `pixels`: the preprocessed image is the embedding. Decoding already resized, scaled and
 * laid it out (NHWC, flattened), so embedding is a copy. No model file, no download.
 */
export const pixelsKind: BackboneKind = {
  engine: 'pixels',
  async load(spec) {
    const card = spec.card;
    const length = inputLength(card);
    if (card.embeddingSize !== length) {
      throw new Error(`A pixels card's embeddingSize must be width×height×channels (${length}), not ${card.embeddingSize}.`);
    }
    return {
      card,
      executionProviders: null,
      inputName: null,
      outputName: null,
      async embed(batch, count) {
        return batch.slice(0, count * length);
      },
      async dispose() {},
    };
  },
};

import { join } from 'node:path';
import { expect } from 'vitest';
import { inputLength, type BackboneCard } from '../../../../shared/ml/cards';
import { loadBackbone } from '../../../../electron/worker/backbones/index';
import { defaultHeadConfig, trainHead, type SavedHead } from '../../../../electron/worker/heads/index';
import { decodeForCard } from '../../../../electron/worker/images/decodeForCard';
import { classImage } from '../../services/ml/mlFixtures';

// What the studio itself predicts for some real images, for tests that check an export
// against it: decode for the card, embed with the backbone, predict with a trained head.

/** Real images of two colour classes, alternating. */
export async function colourImages(dir: string, count = 6, size = 24): Promise<{ paths: string[]; y: Int32Array }> {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) paths.push(await classImage(join(dir, `img-${i}.png`), i % 2, 40 + i, size));
  return { paths, y: Int32Array.from(paths, (_, i) => i % 2) };
}

export async function embedLikeTheStudio(card: BackboneCard, modelPath: string | null, paths: string[]): Promise<Float32Array> {
  const pixels = new Float32Array(paths.length * inputLength(card));
  await Promise.all(paths.map((p, i) => decodeForCard(p, card, pixels, i * inputLength(card))));
  const backbone = await loadBackbone({ card, modelPath });
  try {
    return await backbone.embed(pixels, paths.length);
  } finally {
    await backbone.dispose();
  }
}

/** Trains a small head on the images' embeddings; returns its saved form and its probabilities. */
export async function studioProbabilities(card: BackboneCard, modelPath: string | null, paths: string[], y: Int32Array, kind: 'linear' | 'mlp'): Promise<{ probabilities: Float32Array; saved: SavedHead; embeddings: Float32Array }> {
  const x = await embedLikeTheStudio(card, modelPath, paths);
  const { head } = await trainHead({ x, y, count: paths.length, dim: card.embeddingSize }, { ...defaultHeadConfig(kind), epochs: 8, hiddenUnits: 6 }, { numClasses: 2 });
  try {
    return { probabilities: head.predict(x, paths.length), saved: head.save(), embeddings: x };
  } finally {
    head.dispose();
  }
}

export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

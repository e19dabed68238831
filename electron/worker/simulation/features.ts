import type { LabeledImages } from '../datasets/types';

/**
 * Rows of features with their true labels. The simulation uses the `pixels` embedding
 * (pixels / 255, flattened), the same features the real `pixels` backbone produces.
 */
export interface LabeledRows {
  x: Float32Array;
  y: Int32Array;
  count: number;
  dim: number;
}

export function pixelFeatures(images: LabeledImages): LabeledRows {
  return { x: images.pixels, y: images.labels, count: images.count, dim: images.height * images.width * images.channels };
}

/** Fraction of rows whose most probable class is the true one. */
export function accuracyOf(probabilities: Float32Array, labels: Int32Array, count: number, numClasses: number): number {
  let correct = 0;
  for (let i = 0; i < count; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (probabilities[i * numClasses + c] > probabilities[i * numClasses + best]) best = c;
    if (best === labels[i]) correct++;
  }
  return count ? correct / count : 0;
}

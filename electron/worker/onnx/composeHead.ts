import { decodeSavedHead } from '../heads/head';
import type { SavedHead } from '../heads/index';
import type { GraphParts } from './composeGraph';

/**
 * A trained head as graph ops: the feature standardisation it learned (`(x − mean) · scale`,
 * left out when the head was trained without it), then its dense layers (MatMul + Add, ReLU
 * between the two layers of an MLP), then Softmax over the classes. Dropout is a training
 * device and has no op here, as in the studio's own `predict`. Returns the probabilities.
 */
export function composeHead(parts: GraphParts, saved: SavedHead, embedding: string, output: string): string {
  const { standardizer, weights } = decodeSavedHead(saved);
  let x = embedding;
  const identity = standardizer.mean.every((m) => m === 0) && standardizer.scale.every((s) => s === 1);
  if (!identity) {
    x = parts.node('Sub', [x, parts.floats('head/mean', standardizer.mean)], 'head/centered');
    x = parts.node('Mul', [x, parts.floats('head/scale', standardizer.scale)], 'head/standardized');
  }
  weights.forEach((layer, i) => {
    const kernel = parts.floats(`head/dense${i + 1}/kernel`, layer.kernel, [layer.inputs, layer.units]);
    const bias = parts.floats(`head/dense${i + 1}/bias`, layer.bias, [layer.units]);
    x = parts.node('MatMul', [x, kernel], `head/dense${i + 1}/matmul`);
    x = parts.node('Add', [x, bias], `head/dense${i + 1}/logits`);
    if (i < weights.length - 1) x = parts.node('Relu', [x], `head/dense${i + 1}/relu`);
  });
  return parts.node('Softmax', [x], output, { axis: 1 });
}

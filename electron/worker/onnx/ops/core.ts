import { attr, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import { applyActivation } from './activation';
import type { ConvertContext, LayerConverter } from './types';

/** Dense: MatMul over the last axis, then the bias and the activation. */
function dense(layer: LayerNode, [input]: Value[], context: ConvertContext): Value {
  const { graph, output } = context;
  const x = graph.keras(input);
  const kernel = context.weight('kernel');
  const units = kernel.shape[1];
  const activation = layer.config.activation ?? 'linear';
  const useBias = layer.config.use_bias ?? true;
  const last = activation === 'linear' ? output : graph.unique(`${output}_linear`);
  const product = graph.node('MatMul', [x.name, graph.floats(`${layer.name}_W`, kernel.shape, kernel.values)], useBias ? graph.unique(`${output}_matmul`) : last);
  if (useBias) graph.node('Add', [product, graph.floats(`${layer.name}_B`, [units], context.weight('bias').values)], last);
  return applyActivation(activation, { name: last, shape: [...x.shape.slice(0, -1), units], layout: 'keras' }, context);
}

/** Flatten keeps Keras's channels-last order, so it reads the tensor channels-last. */
function flatten(_layer: LayerNode, [input]: Value[], { graph, output }: ConvertContext): Value {
  const x = graph.keras(input);
  const rest = x.shape.slice(1);
  const size = rest.some((d) => d === null) ? null : rest.reduce<number>((a, b) => a * b!, 1);
  return { name: graph.node('Flatten', [x.name], output, [attr.int('axis', 1)]), shape: [x.shape[0], size], layout: 'keras' };
}

function reshape(layer: LayerNode, [input]: Value[], { graph, output }: ConvertContext): Value {
  const x = graph.keras(input);
  const target: number[] = layer.config.target_shape ?? layer.config.targetShape;
  // 0 copies the batch size from the input (opset 13 Reshape).
  const shape = graph.int64s(`${layer.name}_shape`, [0, ...target]);
  const known = x.shape.slice(1).every((d) => d !== null) ? x.shape.slice(1).reduce<number>((a, b) => a * b!, 1) : null;
  const fixed = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const dims = target.map((d) => (d === -1 ? (known === null ? null : known / fixed) : d));
  return { name: graph.node('Reshape', [x.name, shape], output), shape: [x.shape[0], ...dims], layout: 'keras' };
}

/** Layers that only act while training pass their input through. */
function identity(_layer: LayerNode, [x]: Value[], { graph, output }: ConvertContext): Value {
  return { ...x, name: graph.node('Identity', [x.name], output) };
}

export const coreLayers: LayerConverter[] = [
  { classNames: ['Dense'], convert: dense },
  { classNames: ['Flatten'], convert: flatten },
  { classNames: ['Reshape'], convert: reshape },
  { classNames: ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'ActivityRegularization'], convert: identity },
];

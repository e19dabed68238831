import { StudioError } from '../../../../shared/contract/channel';
import { attr, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import type { ConvertContext, LayerConverter } from './types';

/**
 * Inference-mode BatchNormalization over the channel (last Keras) axis. On a 4-D tensor
 * it stays an ONNX BatchNormalization (onnxruntime folds it into the Conv before it);
 * on other ranks, where ONNX normalises axis 1, it becomes the equivalent Mul + Add.
 */
function batchNormalization(layer: LayerNode, [input]: Value[], context: ConvertContext): Value {
  const { graph, output } = context;
  const c = layer.config;
  const rank = input.shape.length;
  const axis = Array.isArray(c.axis) ? c.axis[0] : (c.axis ?? -1);
  if (axis !== -1 && axis !== rank - 1) throw new StudioError('unsupported', `BatchNormalization "${layer.name}" normalises axis ${axis}; the converter handles the channel (last) axis.`);
  const mean = context.weight('moving_mean').values;
  const variance = context.weight('moving_variance').values;
  const channels = mean.length;
  const gamma = c.scale !== false && context.hasWeight('gamma') ? context.weight('gamma').values : new Float32Array(channels).fill(1);
  const beta = c.center !== false && context.hasWeight('beta') ? context.weight('beta').values : new Float32Array(channels);
  const epsilon = c.epsilon ?? 1e-3;
  if (rank === 4) {
    const x = graph.nchw(input);
    const inputs = [x.name, graph.floats(`${layer.name}_scale`, [channels], gamma), graph.floats(`${layer.name}_bias`, [channels], beta)];
    inputs.push(graph.floats(`${layer.name}_mean`, [channels], mean), graph.floats(`${layer.name}_var`, [channels], variance));
    return { ...x, name: graph.node('BatchNormalization', inputs, output, [attr.float('epsilon', epsilon)]) };
  }
  const x = graph.keras(input);
  const scale = gamma.map((g, i) => g / Math.sqrt(variance[i] + epsilon));
  const shift = beta.map((b, i) => b - mean[i] * scale[i]);
  const scaled = graph.node('Mul', [x.name, graph.floats(`${layer.name}_scale`, [channels], scale)], graph.unique(`${output}_scaled`));
  return { ...x, name: graph.node('Add', [scaled, graph.floats(`${layer.name}_shift`, [channels], shift)], output) };
}

export const normalizationLayers: LayerConverter[] = [{ classNames: ['BatchNormalization'], convert: batchNormalization }];

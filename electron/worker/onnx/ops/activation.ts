import { StudioError } from '../../../../shared/contract/channel';
import { attr, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import type { ConvertContext, LayerConverter } from './types';

/**
 * Applies a Keras activation by name to `value`; its last node is named `output`. `linear`
 * adds an Identity only when the name must change. Softmax runs over the Keras last axis,
 * which is axis 1 of a channels-first tensor.
 */
export function applyActivation(name: string | undefined, value: Value, context: ConvertContext, output = context.output): Value {
  const { graph } = context;
  const unary = (opType: string, attributes = [] as ReturnType<typeof attr.int>[]) => ({ ...value, name: graph.node(opType, [value.name], output, attributes) });
  switch (name ?? 'linear') {
    case 'linear':
      return value.name === output ? value : unary('Identity');
    case 'relu':
      return unary('Relu');
    case 'relu6':
      return { ...value, name: graph.node('Clip', [value.name, graph.scalar('zero', 0), graph.scalar('six', 6)], output) };
    case 'sigmoid':
      return unary('Sigmoid');
    case 'tanh':
      return unary('Tanh');
    case 'elu':
      return unary('Elu');
    case 'selu':
      return unary('Selu');
    case 'softplus':
      return unary('Softplus');
    case 'softsign':
      return unary('Softsign');
    case 'hard_sigmoid':
    case 'hardSigmoid':
      return unary('HardSigmoid', [attr.float('alpha', 0.2), attr.float('beta', 0.5)]);
    case 'swish': {
      const gate = graph.node('Sigmoid', [value.name], graph.unique(`${output}_sigmoid`));
      return { ...value, name: graph.node('Mul', [value.name, gate], output) };
    }
    case 'softmax':
      return unary('Softmax', [attr.int('axis', value.layout === 'nchw' ? 1 : -1)]);
    default:
      throw new StudioError('unsupported', `The ONNX converter has no activation "${name}".`);
  }
}

function relu(layer: LayerNode, [x]: Value[], context: ConvertContext): Value {
  const { max_value: max, negative_slope: slope = 0, threshold = 0 } = layer.config;
  if (threshold) throw new StudioError('unsupported', `ReLU layer "${layer.name}" has a threshold (${threshold}); the converter handles threshold 0.`);
  const { graph, output } = context;
  const capped = max !== null && max !== undefined;
  if (!slope) {
    if (!capped) return { ...x, name: graph.node('Relu', [x.name], output) };
    return { ...x, name: graph.node('Clip', [x.name, graph.scalar('zero', 0), graph.scalar('max', max)], output) };
  }
  const leaky = graph.node('LeakyRelu', [x.name], capped ? graph.unique(`${output}_leaky`) : output, [attr.float('alpha', slope)]);
  if (!capped) return { ...x, name: leaky };
  return { ...x, name: graph.node('Clip', [leaky, '', graph.scalar('max', max)], output) };
}

export const activationLayers: LayerConverter[] = [
  { classNames: ['Activation'], convert: (layer, [x], context) => applyActivation(layer.config.activation, x, context) },
  { classNames: ['ReLU'], convert: relu },
  {
    classNames: ['LeakyReLU'],
    convert: (layer, [x], { graph, output }) => ({ ...x, name: graph.node('LeakyRelu', [x.name], output, [attr.float('alpha', layer.config.alpha ?? 0.3)]) }),
  },
  {
    classNames: ['ELU'],
    convert: (layer, [x], { graph, output }) => ({ ...x, name: graph.node('Elu', [x.name], output, [attr.float('alpha', layer.config.alpha ?? 1)]) }),
  },
  {
    classNames: ['Softmax'],
    convert: (layer, [x], context) => {
      const axis = layer.config.axis ?? -1;
      if (axis !== -1 && axis !== x.shape.length - 1) throw new StudioError('unsupported', `Softmax layer "${layer.name}" runs over axis ${axis}; the converter handles the last axis.`);
      return applyActivation('softmax', x, context);
    },
  },
];

import { StudioError } from '../../../../shared/contract/channel';
import { attr, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import { applyActivation } from './activation';
import { channelsLastOnly, pair, windowAttributes } from './spatial';
import type { ConvertContext, LayerConverter } from './types';

/**
 * Conv2D and DepthwiseConv2D as ONNX Conv (channels-first). TF kernels are
 * [kh, kw, in, out] and depthwise ones [kh, kw, in, multiplier]; ONNX wants
 * [out, in / group, kh, kw], and a depthwise conv is a Conv with `group` = in, whose
 * output channel c·multiplier + m is TF's order too.
 */
function convolution(layer: LayerNode, [input]: Value[], context: ConvertContext, depthwise: boolean): Value {
  channelsLastOnly(layer);
  const { graph, output } = context;
  const c = layer.config;
  if ((c.groups ?? 1) !== 1) throw new StudioError('unsupported', `Conv2D layer "${layer.name}" uses groups; the converter handles groups = 1.`);
  const x = graph.nchw(input);
  const kernel = context.weight(depthwise ? 'depthwise_kernel' : 'kernel');
  const [kh, kw, inChannels, last] = kernel.shape;
  const outChannels = depthwise ? inChannels * last : last;
  const weights = new Float32Array(kernel.values.length);
  // ONNX index [o][i][y][x]; TF index [y][x][i][o] (conv) or [y][x][channel][m] (depthwise).
  for (let y = 0; y < kh; y++) {
    for (let xx = 0; xx < kw; xx++) {
      for (let i = 0; i < inChannels; i++) {
        for (let o = 0; o < last; o++) {
          const from = ((y * kw + xx) * inChannels + i) * last + o;
          const to = depthwise ? ((i * last + o) * kh + y) * kw + xx : ((o * inChannels + i) * kh + y) * kw + xx;
          weights[to] = kernel.values[from];
        }
      }
    }
  }
  const inputs = [x.name, graph.floats(`${layer.name}_W`, [outChannels, depthwise ? 1 : inChannels, kh, kw], weights)];
  if (c.use_bias ?? true) inputs.push(graph.floats(`${layer.name}_B`, [outChannels], context.weight('bias').values));
  const strides = pair(c.strides, [1, 1]);
  const dilations = pair(c.dilation_rate, [1, 1]);
  const window = windowAttributes(c.padding ?? 'valid', x.shape.slice(1, 3), [kh, kw], strides, dilations);
  const activation = c.activation ?? 'linear';
  const convOut = activation === 'linear' ? output : graph.unique(`${output}_conv`);
  graph.node('Conv', inputs, convOut, [
    attr.ints('kernel_shape', [kh, kw]),
    attr.ints('strides', strides),
    attr.ints('dilations', dilations),
    attr.int('group', depthwise ? inChannels : 1),
    ...window.attributes,
  ]);
  const value: Value = { name: convOut, shape: [x.shape[0], ...window.size, outChannels], layout: 'nchw' };
  return applyActivation(activation, value, context);
}

export const convolutionLayers: LayerConverter[] = [
  { classNames: ['Conv2D'], convert: (layer, inputs, context) => convolution(layer, inputs, context, false) },
  { classNames: ['DepthwiseConv2D'], convert: (layer, inputs, context) => convolution(layer, inputs, context, true) },
];

import { StudioError } from '../../../../shared/contract/channel';
import { attr, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import { channelsLastOnly, pair, windowAttributes } from './spatial';
import type { ConvertContext, LayerConverter } from './types';

/** ZeroPadding2D: `padding` is n, [h, w] or [[top, bottom], [left, right]]. */
function zeroPadding(layer: LayerNode, [input]: Value[], { graph, output }: ConvertContext): Value {
  channelsLastOnly(layer);
  const p = layer.config.padding ?? 1;
  const [[top, bottom], [left, right]] = typeof p === 'number' ? [[p, p], [p, p]] : Array.isArray(p[0]) ? p : [[p[0], p[0]], [p[1], p[1]]];
  const x = graph.nchw(input);
  const pads = graph.int64s(`${layer.name}_pads`, [0, 0, top, left, 0, 0, bottom, right]);
  const [n, h, w, c] = x.shape;
  const shape = [n, h === null ? null : h + top + bottom, w === null ? null : w + left + right, c];
  return { name: graph.node('Pad', [x.name, pads], output, [attr.string('mode', 'constant')]), shape, layout: 'nchw' };
}

/**
 * Average and max pooling. TF's `same` average leaves the padded cells out of the count,
 * which is ONNX's default (`count_include_pad` = 0).
 */
function pooling(opType: 'AveragePool' | 'MaxPool') {
  return (layer: LayerNode, [input]: Value[], { graph, output }: ConvertContext): Value => {
    channelsLastOnly(layer);
    const c = layer.config;
    const kernel = pair(c.pool_size, [2, 2]);
    const strides = pair(c.strides, kernel);
    const x = graph.nchw(input);
    const window = windowAttributes(c.padding ?? 'valid', x.shape.slice(1, 3), kernel, strides);
    const name = graph.node(opType, [x.name], output, [attr.ints('kernel_shape', kernel), attr.ints('strides', strides), ...window.attributes]);
    return { name, shape: [x.shape[0], ...window.size, x.shape[3]], layout: 'nchw' };
  };
}

function globalPooling(opType: 'GlobalAveragePool' | 'GlobalMaxPool') {
  return (layer: LayerNode, [input]: Value[], { graph, output }: ConvertContext): Value => {
    channelsLastOnly(layer);
    if (layer.config.keepdims) throw new StudioError('unsupported', `Global pooling "${layer.name}" keeps its dimensions; the converter handles keepdims = false.`);
    const x = graph.nchw(input);
    const pooled = graph.node(opType, [x.name], graph.unique(`${output}_pooled`));
    return { name: graph.node('Flatten', [pooled], output, [attr.int('axis', 1)]), shape: [x.shape[0], x.shape[3]], layout: 'keras' };
  };
}

export const poolingLayers: LayerConverter[] = [
  { classNames: ['ZeroPadding2D'], convert: zeroPadding },
  { classNames: ['AveragePooling2D'], convert: pooling('AveragePool') },
  { classNames: ['MaxPooling2D'], convert: pooling('MaxPool') },
  { classNames: ['GlobalAveragePooling2D'], convert: globalPooling('GlobalAveragePool') },
  { classNames: ['GlobalMaxPooling2D'], convert: globalPooling('GlobalMaxPool') },
];

import { StudioError } from '../../../../shared/contract/channel';
import { attr, type GraphBuilder, type Value } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';
import type { ConvertContext, LayerConverter } from './types';

/** Inputs in one layout: channels-first when they are all 4-D and any already is. */
function aligned(graph: GraphBuilder, inputs: Value[]): Value[] {
  const nchw = inputs.every((v) => v.shape.length === 4) && inputs.some((v) => v.layout === 'nchw');
  return inputs.map((v) => (nchw ? graph.nchw(v) : graph.keras(v)));
}

/** Folds the inputs pairwise with a binary op (Add, Mul, Sub) or runs a variadic one. */
function elementwise(opType: string, variadic: boolean) {
  return (layer: LayerNode, inputs: Value[], { graph, output }: ConvertContext): Value => {
    const values = aligned(graph, inputs);
    if (values.length < 2) throw new StudioError('invalid-request', `Merge layer "${layer.name}" has ${values.length} input.`);
    if (variadic) return { ...values[0], name: graph.node(opType, values.map((v) => v.name), output) };
    let name = values[0].name;
    values.slice(1).forEach((v, i) => {
      name = graph.node(opType, [name, v.name], i === values.length - 2 ? output : graph.unique(`${output}_${i}`));
    });
    return { ...values[0], name };
  };
}

/** Keras axis of a 4-D tensor → the same axis channels-first. */
const toNchw = [0, 2, 3, 1];

function concatenate(layer: LayerNode, inputs: Value[], { graph, output }: ConvertContext): Value {
  const values = aligned(graph, inputs);
  const rank = values[0].shape.length;
  const kerasAxis = ((layer.config.axis ?? -1) + rank) % rank;
  const axis = values[0].layout === 'nchw' ? toNchw[kerasAxis] : kerasAxis;
  const shape = [...values[0].shape];
  shape[kerasAxis] = values.some((v) => v.shape[kerasAxis] === null) ? null : values.reduce((sum, v) => sum + v.shape[kerasAxis]!, 0);
  return { name: graph.node('Concat', values.map((v) => v.name), output, [attr.int('axis', axis)]), shape, layout: values[0].layout };
}

export const mergeLayers: LayerConverter[] = [
  { classNames: ['Add'], convert: elementwise('Add', false) },
  { classNames: ['Subtract'], convert: elementwise('Sub', false) },
  { classNames: ['Multiply'], convert: elementwise('Mul', false) },
  { classNames: ['Maximum'], convert: elementwise('Max', true) },
  { classNames: ['Minimum'], convert: elementwise('Min', true) },
  { classNames: ['Average'], convert: elementwise('Mean', true) },
  { classNames: ['Concatenate'], convert: concatenate },
];

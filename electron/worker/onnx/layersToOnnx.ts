import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';
import { attr, GraphBuilder, valueInfo, type Shape, type Value } from './graphBuilder';
import { layersFeeding, readLayersGraph, type LayerNode } from './layersTopology';
import { decodeLayersWeights, type DecodedWeight, type LayersWeightSpec } from './layersWeights';
import { convertibleLayers, layerConverter } from './ops/index';

const { onnx } = onnxProto;

/** What `tf.io.IOHandler.load()` returns for a layers model: topology, weight specs and bytes. */
export interface LayersArtifacts {
  modelTopology: unknown;
  weightSpecs: LayersWeightSpec[];
  weightData: ArrayBuffer | ArrayBuffer[];
}

export interface LayersToOnnxOptions {
  /** The layer whose output becomes the graph's only output (named after the layer). */
  outputLayer: string;
  /** The graph input's name; the Keras input layer's name when absent. */
  inputName?: string;
}

/** The ONNX version the converter writes: IR 8 / opset 13, which onnx ≥ 1.10 checks and onnxruntime runs. */
export const ONNX_IR_VERSION = 8;
export const ONNX_OPSET = 13;

/**
 * Converts a TF.js layers model (Keras functional or sequential) into one ONNX graph, op
 * by op, keeping only the layers the chosen output depends on. The graph input is float32
 * NHWC `[batch, H, W, C]`, exactly what the TF.js model takes; convolutions run
 * channels-first inside, with Transposes only where the layout must change. The output
 * is the named layer's output in Keras's (channels-last) layout. Returns a serialized
 * ModelProto.
 */
export function layersModelToOnnx(artifacts: LayersArtifacts, options: LayersToOnnxOptions): Uint8Array {
  const topology = readLayersGraph(artifacts.modelTopology);
  if (!topology.layers.has(options.outputLayer)) {
    throw new StudioError('invalid-request', `The model has no layer "${options.outputLayer}".`, `Its layers are: ${[...topology.layers.keys()].slice(-12).join(', ')}…`);
  }
  const weights = decodeLayersWeights(artifacts.weightSpecs, artifacts.weightData);
  const graph = new GraphBuilder();
  const values = new Map<string, Value>();
  let input: { name: string; shape: Shape } | null = null;
  for (const layer of layersFeeding(topology, options.outputLayer)) {
    if (layer.className === 'InputLayer') {
      if (input) throw new StudioError('unsupported', 'The output depends on more than one input; the converter handles single-input models.');
      input = { name: graph.reserve(options.inputName ?? layer.name), shape: inputShape(layer) };
      values.set(layer.name, { ...input, layout: 'keras' });
      continue;
    }
    const converter = layerConverter(layer.className);
    if (!converter) {
      throw new StudioError('unsupported', `The ONNX converter has no op for ${layer.className} (layer "${layer.name}").`, `It converts: ${convertibleLayers().join(', ')}.`);
    }
    const inputs = layer.inputs.map((name) => values.get(name)!);
    values.set(layer.name, converter.convert(layer, inputs, { graph, output: graph.unique(layer.name), weight: (p) => weightOf(weights, layer, p), hasWeight: (p) => findWeight(weights, layer, p) !== undefined }));
  }
  if (!input) throw new StudioError('invalid-request', `Layer "${options.outputLayer}" does not depend on an input layer.`);
  const output = namedOutput(graph, values.get(options.outputLayer)!, options.outputLayer);
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'active-learning-studio',
    producerVersion: '1',
    docString: `Converted from the TF.js layers model "${topology.name}", output of layer "${options.outputLayer}".`,
    graph: {
      name: topology.name,
      input: [valueInfo(input.name, input.shape)],
      output: [valueInfo(output.name, output.shape)],
      initializer: graph.initializers,
      node: graph.nodes,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function inputShape(layer: LayerNode): Shape {
  const shape: Shape | undefined = layer.config.batch_input_shape ?? layer.config.batchInputShape;
  if (!shape) throw new StudioError('invalid-request', `Input layer "${layer.name}" has no batch_input_shape.`);
  if ((layer.config.dtype ?? 'float32') !== 'float32') throw new StudioError('unsupported', `Input "${layer.name}" is ${layer.config.dtype}; the converter handles float32 inputs.`);
  return shape.map((d, i) => (i === 0 ? null : d));
}

/** The graph output carries the layer's name, channels-last like Keras. */
function namedOutput(graph: GraphBuilder, value: Value, name: string): Value {
  if (value.layout === 'keras') return value.name === name ? value : { ...value, name: graph.node('Identity', [value.name], name) };
  let inner = value.name;
  if (inner === name) {
    // The layer's own tensor is channels-first: rename it and transpose into `name`.
    inner = graph.unique(`${name}_nchw`);
    for (const node of graph.nodes) {
      node.output = node.output.map((o) => (o === name ? inner : o));
      if (node.name === name) node.name = inner;
    }
  }
  return { name: graph.node('Transpose', [inner], name, [attr.ints('perm', [0, 2, 3, 1])]), shape: value.shape, layout: 'keras' };
}

function findWeight(weights: Map<string, DecodedWeight>, layer: LayerNode, param: string): DecodedWeight | undefined {
  const exact = weights.get(`${layer.name}/${param}`);
  if (exact) return exact;
  const suffix = `/${layer.name}/${param}`;
  for (const [name, weight] of weights) if (name.endsWith(suffix)) return weight;
  return undefined;
}

function weightOf(weights: Map<string, DecodedWeight>, layer: LayerNode, param: string): DecodedWeight {
  const weight = findWeight(weights, layer, param);
  if (!weight) throw new StudioError('invalid-request', `The weights have no "${layer.name}/${param}".`, 'The weights manifest does not match the topology.');
  return weight;
}

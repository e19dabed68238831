import { StudioError } from '../../../shared/contract/channel';

/** One Keras layer as the converter sees it: its class, config and the layers it reads. */
export interface LayerNode {
  name: string;
  className: string;
  config: Record<string, any>;
  inputs: string[];
}

export interface LayersGraph {
  name: string;
  layers: Map<string, LayerNode>;
  inputLayers: string[];
}

/**
 * Reads a TF.js layers `modelTopology` (as written by the TF.js converter from Keras, with
 * or without the `model_config` wrapper, or by `model.save`): functional models as they
 * are, sequential ones as a chain behind a synthetic input layer. Shared layers (a layer
 * called twice) are refused: one ONNX node per layer keeps names meaningful.
 */
export function readLayersGraph(topology: unknown): LayersGraph {
  const root = topology as Record<string, any> | null;
  const model = root?.model_config ?? root;
  const className: unknown = model?.class_name;
  const config = model?.config;
  if (className === 'Sequential') return sequential(Array.isArray(config) ? { layers: config } : config);
  if ((className === 'Model' || className === 'Functional') && Array.isArray(config?.layers)) return functional(config);
  throw new StudioError('invalid-request', `The TF.js topology is not a layers model the converter reads (class "${String(className)}").`, 'Convert a Keras functional or sequential model.');
}

function functional(config: Record<string, any>): LayersGraph {
  const layers = new Map<string, LayerNode>();
  for (const layer of config.layers as Record<string, any>[]) {
    const calls: unknown[] = layer.inbound_nodes ?? [];
    if (calls.length > 1) throw new StudioError('unsupported', `Layer "${layer.name}" is used ${calls.length} times; the ONNX converter handles each layer once.`);
    const inputs = (calls[0] as unknown[][] | undefined)?.map((ref) => inboundName(layer.name, ref)) ?? [];
    layers.set(layer.name, { name: layer.name, className: layer.class_name, config: layer.config ?? {}, inputs });
  }
  const inputLayers = (config.input_layers as unknown[][]).map((ref) => String(ref[0]));
  return { name: String(config.name ?? 'model'), layers, inputLayers };
}

function inboundName(layer: string, ref: unknown[]): string {
  if (!Array.isArray(ref) || typeof ref[0] !== 'string') throw new StudioError('unsupported', `Layer "${layer}" has inbound nodes in a format the converter does not read.`);
  if (ref[1] !== 0 || ref[2] !== 0) throw new StudioError('unsupported', `Layer "${layer}" reads output ${String(ref[2])} of call ${String(ref[1])} of "${ref[0]}"; only single-output layers called once are converted.`);
  return ref[0];
}

function sequential(config: { name?: string; layers: Record<string, any>[] }): LayersGraph {
  const layers = new Map<string, LayerNode>();
  const list = config.layers;
  const first = list[0]?.config ?? {};
  let previous: string;
  if (list[0]?.class_name === 'InputLayer') {
    previous = first.name;
  } else {
    if (!first.batch_input_shape) throw new StudioError('invalid-request', 'The sequential model does not say its input shape.');
    previous = `${first.name ?? 'sequential'}_input`;
    layers.set(previous, { name: previous, className: 'InputLayer', config: { batch_input_shape: first.batch_input_shape, dtype: first.dtype ?? 'float32' }, inputs: [] });
  }
  const inputLayers = [previous];
  for (const layer of list) {
    const name: string = layer.config?.name;
    if (layer.class_name === 'InputLayer') {
      layers.set(name, { name, className: 'InputLayer', config: layer.config, inputs: [] });
      continue;
    }
    layers.set(name, { name, className: layer.class_name, config: layer.config ?? {}, inputs: [previous] });
    previous = name;
  }
  return { name: String(config.name ?? 'sequential'), layers, inputLayers };
}

/** The layers the output depends on, inputs first. */
export function layersFeeding(graph: LayersGraph, output: string): LayerNode[] {
  const order: LayerNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new StudioError('invalid-request', `The topology has a cycle through "${name}".`);
    const layer = graph.layers.get(name);
    if (!layer) throw new StudioError('invalid-request', `The topology names a layer "${name}" it does not define.`);
    state.set(name, 'visiting');
    for (const input of layer.inputs) visit(input);
    state.set(name, 'done');
    order.push(layer);
  };
  visit(output);
  return order;
}

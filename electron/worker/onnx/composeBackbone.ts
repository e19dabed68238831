import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import { exposeClassifierInput } from '../backbones/onnxGraph';
import type { GraphParts, NodeProto, TensorProto } from './composeGraph';
import { inlineExternalData, toNumber, type ExternalDataReader } from './composeExternalData';

const { onnx } = onnxProto;
type GraphProto = onnxProto.onnx.IGraphProto;
export const backbonePrefix = 'backbone/';

/** What the rest of the pipeline needs to know about the backbone once it is in the graph. */
export interface ImportedBackbone {
  /** The tensor the card taps, renamed into the composed graph. */
  feature: string;
  /** The feature's rank when the model declares it (the export job probes it otherwise). */
  featureRank: number | null;
  opsetImport: onnxProto.onnx.IOperatorSetIdProto[];
  irVersion: number;
  functions: onnxProto.onnx.IFunctionProto[];
  /** Nodes of the original graph the tap does not need (its classifier, say), dropped. */
  droppedNodes: number;
}

/**
 * Copies an ONNX backbone into the composed graph: every name gets the `backbone/` prefix,
 * its image input is wired to `input` (the preprocessed tensor), and only the nodes and
 * weights the tapped feature depends on are kept, so an ImageNet classifier tapped at its
 * classifier's input leaves its 1,000-class layer behind. The tap is found the way the
 * studio finds it when it embeds (`exposeClassifierInput`), so both read the same tensor.
 */
export function importOnnxBackbone(parts: GraphParts, bytes: Uint8Array, card: BackboneCard, input: string, readExternal?: ExternalDataReader): ImportedBackbone {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new StudioError('invalid-request', `The backbone file is not a readable ONNX model (${(error as Error).message}).`);
  }
  const graph = model.graph;
  if (!graph) throw new StudioError('invalid-request', 'The backbone ONNX model has no graph.');
  const initialized = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const imageInputs = (graph.input ?? []).map((i) => i.name ?? '').filter((name) => !initialized.has(name));
  const imageInput = card.input.name ?? imageInputs[0];
  if (!imageInput || !imageInputs.includes(imageInput)) throw new StudioError('invalid-request', `The backbone has no input named "${imageInput}"; its inputs are: ${imageInputs.join(', ')}.`);
  const others = imageInputs.filter((name) => name !== imageInput);
  if (others.length) throw new StudioError('unsupported', `The backbone needs inputs besides the image (${others.join(', ')}); the export can only feed the image.`);

  const feature = card.output.tap === 'classifier-input' ? exposeClassifierInput(bytes).outputName : (card.output.name ?? graph.output?.[0]?.name ?? '');
  const needed = neededNames(graph, feature);
  if (!needed.has(feature) || feature === imageInput) throw new StudioError('invalid-request', `The backbone computes no tensor named "${feature}".`, 'Fix "output.name" in the card.');

  const rename = (name: string) => (name === '' ? '' : name === imageInput ? input : backbonePrefix + name);
  const kept = (graph.node ?? []).filter((node) => (node.output ?? []).some((o) => needed.has(o)));
  for (const node of kept) parts.nodes.push(renameNode(node, rename));
  for (const tensor of graph.initializer ?? []) {
    if (!needed.has(tensor.name ?? '')) continue;
    parts.initializers.push({ ...inlineExternalData(tensor, readExternal), name: rename(tensor.name ?? '') });
  }
  for (const info of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) {
    const name = info.name ?? '';
    if (needed.has(name) && name !== imageInput) parts.valueInfo.push({ ...info, name: rename(name) });
  }
  return {
    feature: rename(feature),
    featureRank: declaredRank(graph, feature),
    opsetImport: model.opsetImport ?? [],
    irVersion: toNumber(model.irVersion as never),
    functions: model.functions ?? [],
    droppedNodes: (graph.node?.length ?? 0) - kept.length,
  };
}

/** Every tensor name the feature depends on, walking back through producers (and subgraphs). */
function neededNames(graph: GraphProto, feature: string): Set<string> {
  const producer = new Map<string, NodeProto>();
  for (const node of graph.node ?? []) for (const out of node.output ?? []) producer.set(out, node);
  const needed = new Set<string>();
  const stack = [feature];
  while (stack.length) {
    const name = stack.pop()!;
    if (!name || needed.has(name)) continue;
    needed.add(name);
    const node = producer.get(name);
    if (node) stack.push(...(node.input ?? []), ...subgraphReferences(node));
  }
  return needed;
}

/** Names a node's subgraphs (If, Loop, Scan bodies) read; outer-scope ones among them matter. */
function subgraphReferences(node: NodeProto): string[] {
  const names: string[] = [];
  for (const graph of subgraphsOf(node)) for (const inner of graph.node ?? []) names.push(...(inner.input ?? []), ...subgraphReferences(inner));
  return names;
}

function subgraphsOf(node: NodeProto): GraphProto[] {
  return (node.attribute ?? []).flatMap((a) => [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]);
}

function renameNode(node: NodeProto, rename: (name: string) => string): NodeProto {
  return {
    ...node,
    name: node.name ? backbonePrefix + node.name : undefined,
    input: (node.input ?? []).map(rename),
    output: (node.output ?? []).map(rename),
    attribute: (node.attribute ?? []).map((a) => ({
      ...a,
      g: a.g ? renameGraph(a.g, rename) : a.g,
      graphs: a.graphs?.map((g) => renameGraph(g, rename)),
    })),
  };
}

/** Renames a subgraph throughout: the prefix is one-to-one, so its scoping is preserved. */
function renameGraph(graph: GraphProto, rename: (name: string) => string): GraphProto {
  const values = (list?: onnxProto.onnx.IValueInfoProto[] | null) => list?.map((v) => ({ ...v, name: rename(v.name ?? '') }));
  return {
    ...graph,
    node: graph.node?.map((n) => renameNode(n, rename)),
    input: values(graph.input),
    output: values(graph.output),
    valueInfo: values(graph.valueInfo),
    initializer: graph.initializer?.map((t: TensorProto) => ({ ...t, name: rename(t.name ?? '') })),
  };
}

function declaredRank(graph: GraphProto, name: string): number | null {
  const info = [...(graph.valueInfo ?? []), ...(graph.output ?? [])].find((v) => v.name === name);
  const dims = info?.type?.tensorType?.shape?.dim;
  return dims && dims.length > 0 ? dims.length : null;
}

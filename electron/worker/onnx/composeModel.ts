import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import type { SavedHead } from '../heads/index';
import { importOnnxBackbone, type ImportedBackbone } from './composeBackbone';
import { toNumber, type ExternalDataReader } from './composeExternalData';
import { DataType, GraphParts, tensorValue } from './composeGraph';
import { composeHead } from './composeHead';
import { composePool } from './composePool';
import { composePreprocess } from './composePreprocess';

const { onnx } = onnxProto;

/** The names every exported model uses, so callers never have to look them up. */
export const exportedNames = { input: 'image', embedding: 'embedding', output: 'probabilities' } as const;

/** The export's targets: what Debian's onnx 1.12 checker and older runtimes accept. */
export const onnxTargets = { irVersion: 8, maxOpset: 17, pixelsOpset: 13 } as const;

export type BackboneGraph =
  | { kind: 'pixels' }
  /** An ONNX graph of the backbone: the card's own file, or one converted from TF.js. */
  | {
      kind: 'onnx';
      bytes: Uint8Array;
      readExternal?: ExternalDataReader;
      featureRank?: number;
      /** Input and tapped tensor names when they differ from the card's (a graph converted from TF.js names them after layers). */
      names?: { input: string; feature: string };
    }
  /** No backbone in the graph: the model is the head alone and takes `embedding` [N, D]. */
  | { kind: 'none' };

export interface PipelineRequest {
  card: BackboneCard;
  backbone: BackboneGraph;
  head: SavedHead;
  /** Class names in output order. */
  classNames: string[];
  /** Stored as the model's metadata_props (run id, label-set hash, studio version…). */
  metadata?: Record<string, string>;
  docString?: string;
}

export interface ComposedModel {
  bytes: Uint8Array;
  irVersion: number;
  opset: number;
  /** Backbone nodes the tapped feature did not need (e.g. an ImageNet classifier). */
  droppedNodes: number;
  /** `[-1, H, W, C]` (uint8 pixels) or `[-1, D]` (float embeddings, head only). */
  inputShape: number[];
}

/**
 * The whole pipeline in one ONNX graph: `image` uint8 `[N, H, W, C]` (resized by the
 * caller) → preprocessing → backbone → pooling → head → `probabilities` float `[N, K]`.
 * The backbone's own opset is kept (raising it could change what its ops mean), and the
 * ops added around it are ones whose meaning is the same at every opset from 7 on.
 */
export function composePipeline(request: PipelineRequest): ComposedModel {
  const { card, head, classNames } = request;
  if (head.numClasses !== classNames.length) throw new StudioError('invalid-request', `The head has ${head.numClasses} outputs but ${classNames.length} class names were given.`);
  if (head.dim !== card.embeddingSize) throw new StudioError('invalid-request', `The head takes ${head.dim} features but the backbone gives ${card.embeddingSize}.`);
  const parts = new GraphParts();
  const headOnly = request.backbone.kind === 'none';
  const pixels = headOnly ? '' : composePreprocess(parts, card, exportedNames.input);
  let imported: ImportedBackbone | null = null;
  let opsetImport: onnxProto.onnx.IOperatorSetIdProto[] = [{ domain: '', version: onnxTargets.pixelsOpset }];
  let embedding: string;
  if (request.backbone.kind === 'none') {
    embedding = exportedNames.embedding;
  } else if (request.backbone.kind === 'pixels') {
    embedding = parts.node('Flatten', [pixels], 'pixels/embedding', { axis: 1 });
  } else {
    const { names } = request.backbone;
    const graphCard: BackboneCard = names ? { ...card, input: { ...card.input, name: names.input }, output: { ...card.output, name: names.feature, tap: 'output' } } : card;
    imported = importOnnxBackbone(parts, request.backbone.bytes, graphCard, pixels, request.backbone.readExternal);
    opsetImport = imported.opsetImport;
    const rank = imported.featureRank ?? request.backbone.featureRank ?? null;
    embedding = composePool(parts, card, imported.feature, rank, defaultOpset(opsetImport));
  }
  composeHead(parts, head, embedding, exportedNames.output);

  const opset = defaultOpset(opsetImport);
  if (opset < 7) throw new StudioError('unsupported', `The backbone uses ONNX opset ${opset}; the export needs opset 7 or later.`, 'Convert the backbone to a newer opset and add it again.');
  const { height, width, channels } = card.input;
  const graph = {
    name: 'studio-export',
    node: parts.nodes,
    initializer: parts.initializers,
    valueInfo: parts.valueInfo,
    input: [headOnly ? tensorValue(exportedNames.embedding, DataType.FLOAT, ['batch', head.dim]) : tensorValue(exportedNames.input, DataType.UINT8, ['batch', height, width, channels])],
    output: [tensorValue(exportedNames.output, DataType.FLOAT, ['batch', classNames.length])],
    docString: request.docString,
  };
  const irVersion = Math.max(onnxTargets.irVersion, imported?.irVersion ?? 0);
  const model = onnx.ModelProto.create({
    irVersion,
    opsetImport,
    producerName: 'active-learning-studio',
    producerVersion: request.metadata?.studioVersion ?? '',
    docString: request.docString,
    graph,
    functions: imported?.functions ?? [],
    metadataProps: Object.entries({ labels: JSON.stringify(classNames), ...request.metadata }).map(([key, value]) => ({ key, value })),
  });
  const inputShape = headOnly ? [-1, head.dim] : [-1, height, width, channels];
  return { bytes: onnx.ModelProto.encode(model).finish(), irVersion, opset, droppedNodes: imported?.droppedNodes ?? 0, inputShape };
}

/** The version of the default (ai.onnx) domain a model imports. */
export function defaultOpset(imports: onnxProto.onnx.IOperatorSetIdProto[]): number {
  const entry = imports.find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? toNumber(entry.version as never) : 0;
}

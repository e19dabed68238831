import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard, BackboneSpec } from '../../../shared/ml/cards';
import type * as tf from '@tensorflow/tfjs';
import { exposeClassifierInput } from '../backbones/onnxGraph';
import { fileModelIO } from '../backbones/tfjsFiles';
import { layersModelToOnnx } from '../onnx/layersToOnnx';
import { readLayersGraph, type LayersGraph } from '../onnx/layersTopology';
import type { ExternalDataReader } from '../onnx/composeExternalData';
import type { BackboneGraph } from '../onnx/composeModel';
import type { TfjsBackbone } from './tfjsExport';

/** The backbone as each export format can carry it, and the sha256 of the file it came from. */
export interface ExportableBackbone {
  onnx: BackboneGraph;
  /** Why `model.onnx` holds the head alone, when it does. */
  onnxHeadOnlyReason: string | null;
  tfjs: TfjsBackbone;
  sha256: string | null;
}

/**
 * What each format can hold for this backbone. ONNX: `pixels` is built in, an ONNX backbone
 * is copied in, a TF.js layers model goes through the TF.js → ONNX converter. TF.js:
 * `pixels` and TF.js layers models go in whole. An ONNX backbone cannot go into TF.js, and a
 * TF.js graph model into neither: that format holds the head alone and says so.
 */
export async function exportableBackbone(spec: BackboneSpec, runId: string): Promise<ExportableBackbone> {
  const { card } = spec;
  if (card.engine === 'pixels') return { onnx: { kind: 'pixels' }, onnxHeadOnlyReason: null, tfjs: { kind: 'pixels' }, sha256: null };
  const bytes = await readBackboneFile(spec, runId);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (card.engine === 'onnx') {
    const graph: BackboneGraph = { kind: 'onnx', bytes, readExternal: externalReader(spec.modelPath!), featureRank: await featureRankOf(bytes, spec) };
    const why = `The backbone "${card.name}" is an ONNX model; TF.js cannot carry it, so tfjs/ holds the head alone: it takes the backbone's ${card.embeddingSize}-d embedding.`;
    return { onnx: graph, onnxHeadOnlyReason: null, tfjs: { kind: 'none', why }, sha256 };
  }
  const artifacts = await fileModelIO(spec.modelPath!).load!();
  if (artifacts.format === 'graph-model' || !isLayersTopology(artifacts.modelTopology)) {
    const why = (format: string) => `The backbone "${card.name}" is a TF.js graph model, which the export cannot join to the head, so ${format} holds the head alone: it takes the backbone's ${card.embeddingSize}-d embedding.`;
    return { onnx: { kind: 'none' }, onnxHeadOnlyReason: why('model.onnx'), tfjs: { kind: 'none', why: why('tfjs/') }, sha256 };
  }
  return { onnx: convertedLayers(artifacts, spec), onnxHeadOnlyReason: null, tfjs: { kind: 'layers', modelPath: spec.modelPath! }, sha256 };
}

/** A TF.js layers backbone through the TF.js → ONNX converter, cut where the card taps it. */
function convertedLayers(artifacts: tf.io.ModelArtifacts, spec: BackboneSpec): BackboneGraph {
  const { card } = spec;
  const layers = readLayersGraph(artifacts.modelTopology);
  const feature = featureLayer(artifacts.modelTopology, layers, card);
  const input = 'pixels';
  const bytes = layersModelToOnnx({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs ?? [], weightData: artifacts.weightData as ArrayBuffer }, { outputLayer: feature, inputName: input });
  return { kind: 'onnx', bytes, names: { input, feature } };
}

/** The layer whose output the studio's TF.js engine embeds with (see backbones/tfjs.ts). */
function featureLayer(topology: unknown, layers: LayersGraph, card: BackboneCard): string {
  const names = [...layers.layers.keys()];
  if (card.output.tap === 'classifier-input') return layers.layers.get(names[names.length - 1])!.inputs[0];
  if (card.output.name) return card.output.name;
  const config = ((topology as any)?.model_config ?? topology)?.config;
  return config?.output_layers?.[0]?.[0] ?? names[names.length - 1];
}

function isLayersTopology(topology: unknown): boolean {
  const root = (topology as any)?.model_config ?? topology;
  return typeof root?.class_name === 'string';
}

async function readBackboneFile(spec: BackboneSpec, runId: string): Promise<Uint8Array> {
  const { card, modelPath } = spec;
  const fix = card.engine === 'onnx' || card.engine === 'tfjs' ? `Download it again (\`studio models download ${card.id}\`) or add the file again (\`studio models add\`), then export again.` : undefined;
  if (!modelPath) throw new StudioError('not-found', `Run ${runId}'s backbone "${card.id}" has no model file.`, fix);
  try {
    return await readFile(modelPath);
  } catch (error) {
    throw new StudioError('not-found', `The backbone file of run ${runId} is missing: ${modelPath} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`, fix);
  }
}

/** External weights must sit in the model's folder, as the ONNX format says. */
function externalReader(modelPath: string): ExternalDataReader {
  const dir = dirname(modelPath);
  return (location, offset, length) => {
    const path = resolve(dir, location);
    const rel = relative(dir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new StudioError('invalid-request', `The backbone's external weight file "${location}" is outside its folder.`);
    const size = length ?? statSync(path).size - offset;
    const out = new Uint8Array(size);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, out, 0, size, offset);
    } finally {
      closeSync(fd);
    }
    return out;
  };
}

/**
 * The rank of the tapped tensor, which `mean` and `cls` pooling need. Graph files often do
 * not declare it, so one dummy image goes through onnxruntime with that tensor as output.
 */
async function featureRankOf(bytes: Uint8Array, spec: BackboneSpec): Promise<number | undefined> {
  const { card } = spec;
  if (card.output.pool === 'flatten') return undefined;
  const { onnx } = onnxProto;
  const tapped = card.output.tap === 'classifier-input' ? exposeClassifierInput(bytes) : null;
  const model = onnx.ModelProto.decode(tapped?.bytes ?? bytes);
  const feature = tapped?.outputName ?? card.output.name ?? model.graph?.output?.[0]?.name ?? '';
  model.graph!.output = [onnx.ValueInfoProto.create({ name: feature, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } })];
  const session = await ort.InferenceSession.create(onnx.ModelProto.encode(model).finish());
  try {
    const { width, height, channels, layout } = card.input;
    const dims = layout === 'NCHW' ? [1, channels, height, width] : [1, height, width, channels];
    const inputName = card.input.name ?? session.inputNames[0];
    const result = await session.run({ [inputName]: new ort.Tensor('float32', new Float32Array(width * height * channels), dims) });
    return result[feature].dims.length;
  } finally {
    await session.release();
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

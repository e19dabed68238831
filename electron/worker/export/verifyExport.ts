import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { inputLength, type BackboneSpec } from '../../../shared/ml/cards';
import type { ExportedFormat } from '../../../shared/ml/exportJob';
import { loadBackbone } from '../backbones/index';
import { fileModelIO } from '../backbones/tfjsFiles';
import { loadHead, type SavedHead } from '../heads/index';
import { decodeForCard } from '../images/decodeForCard';
import { imageInput } from './imageInput';

export interface Verification {
  images: number;
  skipped: number;
  onnxMaxDifference: number | null;
  tfjsMaxDifference: number | null;
}

const batchSize = 16;

/**
 * Runs images through the studio's own pipeline (decode for the card, embed, the head's
 * `predict`) and through each exported model, and reports the largest difference in any
 * class probability. Images that cannot be decoded are skipped and counted.
 */
export async function verifyExport(
  spec: BackboneSpec,
  saved: SavedHead,
  dir: string,
  formats: { onnx: ExportedFormat; tfjs: ExportedFormat },
  paths: string[],
  onBatch: (done: number, total: number) => void,
): Promise<Verification> {
  const { card } = spec;
  const backbone = await loadBackbone(spec);
  const head = loadHead(saved);
  const session = await ort.InferenceSession.create(join(dir, formats.onnx.path));
  const tfjs = await tf.loadLayersModel(fileModelIO(join(dir, formats.tfjs.path)));
  const result: Verification = { images: 0, skipped: 0, onnxMaxDifference: 0, tfjsMaxDifference: 0 };
  try {
    for (let from = 0; from < paths.length; from += batchSize) {
      const decoded = await decodeBatch(paths.slice(from, from + batchSize), spec);
      result.skipped += decoded.skipped;
      const count = decoded.pixels.length;
      if (count) {
        const floats = new Float32Array(count * inputLength(card));
        decoded.normalized.forEach((row, i) => floats.set(row, i * inputLength(card)));
        const embeddings = await backbone.embed(floats, count);
        const studio = head.predict(embeddings, count);
        const uint8 = new Uint8Array(count * inputLength(card));
        decoded.pixels.forEach((row, i) => uint8.set(row, i * inputLength(card)));
        const inputs = { uint8, embeddings, count };
        result.onnxMaxDifference = Math.max(result.onnxMaxDifference!, maxDifference(studio, await runOnnx(session, formats.onnx, inputs)));
        result.tfjsMaxDifference = Math.max(result.tfjsMaxDifference!, maxDifference(studio, runTfjs(tfjs, formats.tfjs, inputs)));
        result.images += count;
      }
      onBatch(Math.min(from + batchSize, paths.length), paths.length);
    }
  } finally {
    tfjs.dispose();
    head.dispose();
    await session.release();
    await backbone.dispose();
  }
  if (result.images === 0) return { ...result, onnxMaxDifference: null, tfjsMaxDifference: null };
  return result;
}

interface Inputs {
  uint8: Uint8Array;
  embeddings: Float32Array;
  count: number;
}

async function decodeBatch(paths: string[], spec: BackboneSpec) {
  const decoded = await Promise.all(
    paths.map(async (path) => {
      try {
        const normalized = new Float32Array(inputLength(spec.card));
        await decodeForCard(path, spec.card, normalized, 0);
        return { normalized, pixels: await imageInput(path, spec.card) };
      } catch {
        return null;
      }
    }),
  );
  const ok = decoded.filter((d) => d !== null);
  return { normalized: ok.map((d) => d.normalized), pixels: ok.map((d) => d.pixels), skipped: decoded.length - ok.length };
}

function shapeFor(format: ExportedFormat, count: number): number[] {
  return [count, ...format.inputShape.slice(1)];
}

async function runOnnx(session: ort.InferenceSession, format: ExportedFormat, inputs: Inputs): Promise<Float32Array> {
  const tensor = format.scope === 'pipeline' ? new ort.Tensor('uint8', inputs.uint8, shapeFor(format, inputs.count)) : new ort.Tensor('float32', inputs.embeddings, shapeFor(format, inputs.count));
  const output = await session.run({ [session.inputNames[0]]: tensor });
  return output[session.outputNames[0]].data as Float32Array;
}

function runTfjs(model: tf.LayersModel, format: ExportedFormat, inputs: Inputs): Float32Array {
  return tf.tidy(() => {
    const data = format.scope === 'pipeline' ? Float32Array.from(inputs.uint8) : inputs.embeddings;
    return (model.predict(tf.tensor(data, shapeFor(format, inputs.count))) as tf.Tensor).dataSync() as Float32Array;
  });
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return b.length === a.length ? max : Infinity;
}

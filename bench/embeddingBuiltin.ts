import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import type * as tf from '@tensorflow/tfjs';
import type { BackboneCard, BackboneSpec } from '../shared/ml/cards';
import { inputLength } from '../shared/ml/cards';
import { BUILTIN_MOBILENET_ID, builtinMobileNetCard } from '../shared/ml/builtinNetworks';
import { ModelCatalog } from '../electron/services/ml/models/ModelCatalog';
import { cpuSessionOptions } from '../electron/worker/backbones/onnxProviders';
import { nsfwjsMobileNetV2 } from '../electron/worker/backbones/builtin/nsfwjsModel';
import { fileModelIO } from '../electron/worker/backbones/tfjsFiles';

/** The built-in network as the catalog resolves it (converted ONNX in `dir`), and as a TF.js model.json. */
export async function builtinSpecs(dir: string): Promise<{ onnx: BackboneSpec; tfjs: { card: BackboneCard; modelPath: string } }> {
  const onnx = await new ModelCatalog({ cacheDir: join(dir, 'cache'), entries: [] }).resolve(BUILTIN_MOBILENET_ID);
  const { modelTopology, weightSpecs, weightData } = await nsfwjsMobileNetV2();
  const modelPath = join(dir, 'tfjs', 'model.json');
  await fileModelIO(modelPath).save!({ modelTopology: modelTopology as object, weightSpecs: weightSpecs as tf.io.WeightsManifestEntry[], weightData, format: 'layers-model' });
  return { onnx, tfjs: { card: { ...builtinMobileNetCard, id: `${BUILTIN_MOBILENET_ID}-tfjs`, engine: 'tfjs' }, modelPath } };
}

/** onnxruntime alone on the converted graph: NHWC batches already in memory, no decoding. */
export async function bareBuiltinOnnx(modelPath: string, batch: number, count: number): Promise<number> {
  const session = await ort.InferenceSession.create(await readFile(modelPath), { executionProviders: ['cpu'], ...cpuSessionOptions() });
  const input = new Float32Array(batch * inputLength(builtinMobileNetCard)).map((_, i) => (Math.sin(i) + 1) / 2);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, [batch, 224, 224, 3]) };
  await session.run(feeds); // warm-up
  const t0 = performance.now();
  for (let done = 0; done < count; done += batch) await session.run(feeds);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  return (Math.ceil(count / batch) * batch) / seconds;
}

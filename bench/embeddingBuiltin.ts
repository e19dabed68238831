import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { BackboneCard, BackboneSpec } from '../shared/ml/cards';
import { BUILTIN_MOBILENET_ID, builtinMobileNetCard } from '../shared/ml/builtinNetworks';
import { ModelCatalog } from '../electron/services/ml/models/ModelCatalog';
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

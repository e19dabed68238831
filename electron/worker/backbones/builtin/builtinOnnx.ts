import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';
import { writeFileDurably } from '../../../services/storage/durableWrite';
import { layersModelToOnnx } from '../../onnx/layersToOnnx';
import { nsfwjsMobileNetV2 } from './nsfwjsModel';

/** Bump when the converter's output changes, so cached graphs are converted again. */
const CONVERTER_REVISION = 1;

const inflight = new Map<string, Promise<string>>();

/**
 * The built-in MobileNetV2 as an ONNX file up to `outputLayer` (its 1,280-d `flatten_1` by
 * default; fine-tuning also asks for a cut point inside the network). Converted from the
 * nsfwjs TF.js files on first use and cached under `<modelsDir>/mobilenetv2-builtin/`,
 * named by the sha256 of the source topology and weights, so a changed nsfwjs release
 * converts afresh and an unchanged one never does twice.
 */
export async function builtinOnnxPath(modelsDir: string, outputLayer = 'flatten_1'): Promise<string> {
  const artifacts = await nsfwjsMobileNetV2();
  const path = join(modelsDir, BUILTIN_MOBILENET_ID, `${artifacts.sha256.slice(0, 16)}-r${CONVERTER_REVISION}-${outputLayer}.onnx`);
  const running = inflight.get(path);
  if (running) return running;
  const job = (async () => {
    if (await isFile(path)) return path;
    await mkdir(dirname(path), { recursive: true });
    await writeFileDurably(path, layersModelToOnnx(artifacts, { outputLayer }));
    return path;
  })().finally(() => inflight.delete(path));
  inflight.set(path, job);
  return job;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

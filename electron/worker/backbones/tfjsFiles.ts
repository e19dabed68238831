import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';

/**
 * Reads and writes TF.js models (`model.json` + weight shards) on disk. Pure TF.js has no
 * file system handler (tfjs-node does, but cannot be installed everywhere), so the worker
 * brings its own and routes `file://` URLs to it.
 */
export function fileModelIO(modelJsonPath: string): tf.io.IOHandler {
  const dir = dirname(modelJsonPath);
  return {
    async load() {
      let json: tf.io.ModelJSON;
      try {
        json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      } catch (error) {
        throw new StudioError('invalid-request', `Cannot read the TF.js model ${modelJsonPath}: ${(error as Error).message}`);
      }
      if (!json.modelTopology) throw new StudioError('invalid-request', `${modelJsonPath} is not a TF.js model.json (no modelTopology).`);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: Buffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const path of group.paths) buffers.push(await readFile(shardPath(dir, path)));
        }
        const all = Buffer.concat(buffers);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
      });
    },
    async save(artifacts) {
      mkdirSync(dir, { recursive: true });
      const weights = artifacts.weightData ? new tf.io.CompositeArrayBuffer(artifacts.weightData).slice() : new ArrayBuffer(0);
      await writeFile(join(dir, 'weights.bin'), Buffer.from(weights));
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(modelJsonPath, JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(json) };
    },
  };
}

/** Shards must sit beside model.json: a manifest cannot point the loader elsewhere. */
function shardPath(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(dir, full);
  if (rel.startsWith('..') || isAbsolute(rel) || path.includes('\0')) {
    throw new StudioError('invalid-request', `The model's weight path "${path}" points outside its folder.`);
  }
  return full;
}

let routed = false;

/** Lets `tf.loadLayersModel('file:///…/model.json')` and `model.save('file:///…/model.json')` work. */
export function routeFileUrls(): void {
  if (routed) return;
  routed = true;
  // Routers answer null for URLs they do not handle (TF.js's own typing omits that).
  const route = ((url: string | string[]) => {
    const text = Array.isArray(url) ? url[0] : url;
    if (typeof text !== 'string' || !text.startsWith('file://')) return null;
    return fileModelIO(fileURLToPath(text));
  }) as (url: string | string[]) => tf.io.IOHandler;
  if (tf.io.getLoadHandlers('file:///probe/model.json').length === 0) tf.io.registerLoadRouter(route);
  if (tf.io.getSaveHandlers('file:///probe/model.json').length === 0) tf.io.registerSaveRouter(route);
}

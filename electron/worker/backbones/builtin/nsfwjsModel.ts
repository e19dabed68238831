import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StudioError } from '../../../../shared/contract/channel';
import type { LayersArtifacts } from '../../onnx/layersToOnnx';

const requireFromHere = createRequire(import.meta.url);

/** The network's files inside the package (topology module, then its weight shards). */
const files = ['model.min.js', 'group1-shard1of1.min.js'];

export interface BuiltinArtifacts extends LayersArtifacts {
  /** sha256 of the topology and weight bytes: the converted graph is cached under it. */
  sha256: string;
}

let loaded: Promise<BuiltinArtifacts> | null = null;

/**
 * The pretrained MobileNetV2 that ships inside the `nsfwjs` npm package (MIT), read offline
 * from its JS modules under `dist/models/mobilenet_v2/`: `model.min.js` exports the Keras
 * topology and weights manifest, the shard module a base64 string of the weight bytes.
 * The files are required by path: the package's own loader (`nsfwjs/models/mobilenet_v2`)
 * spreads the 3.5 MB string into one property per character and takes half a minute.
 * Read once per process.
 */
export function nsfwjsMobileNetV2(): Promise<BuiltinArtifacts> {
  loaded ??= Promise.resolve().then(read).catch((error: unknown) => {
    loaded = null;
    throw error;
  });
  return loaded;
}

function read(): BuiltinArtifacts {
  let json: { modelTopology: unknown; weightsManifest: { weights: LayersArtifacts['weightSpecs'] }[] };
  let shards: Buffer[];
  try {
    const dir = join(dirname(requireFromHere.resolve('nsfwjs')), '..', 'models', 'mobilenet_v2');
    const [topology, ...shardFiles] = files.map((file) => join(dir, file));
    json = requireFromHere(topology);
    shards = shardFiles.map((file) => Buffer.from(requireFromHere(file) as string, 'base64'));
  } catch (error) {
    throw new StudioError('not-found', `The built-in network (nsfwjs MobileNetV2) cannot be read: ${String((error as Error).message).split('\n')[0]}`, "Reinstall the studio's dependencies (npm ci).");
  }
  const bytes = Buffer.concat(shards);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const sha256 = createHash('sha256').update(JSON.stringify(json.modelTopology)).update(bytes).digest('hex');
  return { modelTopology: json.modelTopology, weightSpecs, weightData, sha256 };
}

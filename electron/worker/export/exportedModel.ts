import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { StudioError } from '../../../shared/contract/channel';
import { preprocessingDocSchema, type PreprocessingDoc } from '../../../shared/ml/preprocessingDoc';
import { fileModelIO } from '../backbones/tfjsFiles';
import { cpuSessionOptions } from '../backbones/onnxProviders';
import { imageInput } from './imageInput';

/** One image's prediction: the top class, its probability and every class's. */
export interface Prediction {
  path: string;
  label: string | null;
  probability: number | null;
  probabilities: Record<string, number>;
  /** Why the image got no prediction (it could not be decoded). */
  error?: string;
}

type Runner = (batch: Uint8Array, count: number) => Promise<Float32Array>;
const batchSize = 32;

/**
 * An export folder opened for prediction, with nothing from the project: `labels.json`,
 * `preprocessing.json` and the chosen format. Images are decoded exactly as the studio
 * decodes them (`imageInput`), so the probabilities are the studio's.
 */
export class ExportedModel {
  private constructor(
    readonly labels: string[],
    readonly preprocessing: PreprocessingDoc,
    private readonly runner: Runner,
    private readonly release: () => Promise<void>,
  ) {}

  static async open(dir: string, format: 'onnx' | 'tfjs' = 'onnx'): Promise<ExportedModel> {
    const labelList = z.array(z.string()).min(2).safeParse(await readJson(dir, 'labels.json'));
    if (!labelList.success) throw new StudioError('invalid-request', `${join(dir, 'labels.json')} is not a list of class names.`, 'Point at a folder made by `studio export`.');
    const labels = labelList.data;
    const parsed = preprocessingDocSchema.safeParse(await readJson(dir, 'preprocessing.json'));
    if (!parsed.success) throw new StudioError('invalid-request', `${join(dir, 'preprocessing.json')} is not a studio preprocessing file: ${parsed.error.issues[0].message}.`, 'Point at a folder made by `studio export`.');
    const prep = parsed.data;
    const described = prep[format];
    if (described.scope !== 'pipeline') {
      throw new StudioError('unsupported', `The ${format === 'onnx' ? 'ONNX' : 'TF.js'} model in ${dir} is the head alone: it takes the backbone's embeddings, not images.`, format === 'tfjs' ? 'Predict with the ONNX model instead (drop --format tfjs).' : 'See model-card.md.');
    }
    const shape = (count: number) => [count, prep.height, prep.width, prep.channels];
    if (format === 'onnx') {
      const session = await ort.InferenceSession.create(join(dir, described.path), { executionProviders: ['cpu'], ...cpuSessionOptions() }).catch((error: unknown) => {
        throw new StudioError('invalid-request', `onnxruntime cannot load ${join(dir, described.path)}: ${String((error as Error).message).split('\n')[0]}`);
      });
      const run: Runner = async (batch, count) => {
        const output = await session.run({ [described.input]: new ort.Tensor('uint8', batch, shape(count)) });
        return output[session.outputNames[0]].data as Float32Array;
      };
      return new ExportedModel(labels, prep, run, () => session.release());
    }
    const model = await tf.loadLayersModel(fileModelIO(join(dir, described.path)));
    const run: Runner = async (batch, count) => {
      const y = tf.tidy(() => model.predict(tf.tensor4d(Float32Array.from(batch), shape(count) as [number, number, number, number])) as tf.Tensor);
      try {
        return (await y.data()) as Float32Array;
      } finally {
        y.dispose();
      }
    };
    return new ExportedModel(labels, prep, run, async () => {
      model.dispose();
    });
  }

  /**
   * Predictions in the order of `paths`; an image that cannot be decoded gets an `error`.
   * The next batch decodes (on sharp's threads) while this one runs through the model.
   */
  async predict(paths: string[], onBatch?: (done: number, total: number) => void): Promise<Prediction[]> {
    const k = this.labels.length;
    const results: Prediction[] = [];
    let next = paths.length ? this.decode(paths.slice(0, batchSize)) : null;
    for (let from = 0; from < paths.length; from += batchSize) {
      const chunk = paths.slice(from, from + batchSize);
      const decoded = await next!;
      next = from + batchSize < paths.length ? this.decode(paths.slice(from + batchSize, from + 2 * batchSize)) : null;
      const probabilities = decoded.count ? await this.runner(decoded.batch, decoded.count) : new Float32Array(0);
      chunk.forEach((path, i) => {
        const row = decoded.rowOf[i];
        results.push(row === null ? { path, label: null, probability: null, probabilities: {}, error: decoded.errors[i] ?? 'not decoded' } : predictionOf(path, probabilities.subarray(row * k, (row + 1) * k), this.labels));
      });
      onBatch?.(Math.min(from + batchSize, paths.length), paths.length);
    }
    return results;
  }

  /** One batch of images as model input; images that fail keep their reason and no row. */
  private async decode(paths: string[]): Promise<{ batch: Uint8Array; count: number; rowOf: (number | null)[]; errors: (string | null)[] }> {
    const geometry = { input: this.preprocessing, preprocess: this.preprocessing };
    const size = this.preprocessing.width * this.preprocessing.height * this.preprocessing.channels;
    const decoded = await Promise.all(paths.map((path) => imageInput(path, geometry).catch((error: unknown) => String((error as Error).message).split('\n')[0])));
    const good = decoded.filter((d): d is Uint8Array => typeof d !== 'string');
    const batch = new Uint8Array(good.length * size);
    const rowOf: (number | null)[] = [];
    let row = 0;
    for (const d of decoded) {
      if (typeof d === 'string') rowOf.push(null);
      else {
        batch.set(d, row * size);
        rowOf.push(row++);
      }
    }
    return { batch, count: good.length, rowOf, errors: decoded.map((d) => (typeof d === 'string' ? d : null)) };
  }

  dispose(): Promise<void> {
    return this.release();
  }
}

function predictionOf(path: string, row: Float32Array, labels: string[]): Prediction {
  let best = 0;
  for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
  return { path, label: labels[best], probability: row[best], probabilities: Object.fromEntries(labels.map((name, c) => [name, row[c]])) };
}

async function readJson(dir: string, file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('not-found', `${dir} has no ${file}: it is not a model export.`, 'Point at a folder made by `studio export`.');
    throw new StudioError('invalid-request', `Cannot read ${join(dir, file)}: ${(error as Error).message}`);
  }
}

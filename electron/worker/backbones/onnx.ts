import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import { exposeClassifierInput } from './onnxGraph';
import { createSession } from './onnxProviders';
import { describeDims, poolOutput } from './pool';
import type { BackboneKind } from './types';

/**
 * ONNX backbones through onnxruntime-node: native and multi-threaded, on the best
 * execution provider present (GPU providers first, CPU always). The model's declared input
 * shape is checked against the card when it loads.
 */
export const onnxKind: BackboneKind = {
  engine: 'onnx',
  async load(spec) {
    const { card } = spec;
    if (!spec.modelPath) throw new StudioError('invalid-request', `Backbone "${card.id}" has no model file.`);
    let bytes: Uint8Array = await readModel(spec.modelPath);
    let tapped: string | null = null;
    if (card.output.tap === 'classifier-input') ({ bytes, outputName: tapped } = exposeClassifierInput(bytes));
    let opened;
    try {
      opened = await createSession(bytes);
    } catch (error) {
      throw new StudioError('invalid-request', `onnxruntime cannot load ${spec.modelPath}: ${firstLine(error)}`, 'Check that the file is a complete .onnx model.');
    }
    const { session, providers } = opened;
    try {
      const inputName = pick('input', card.input.name, session.inputNames);
      const outputName = tapped ?? pick('output', card.output.name, session.outputNames);
      checkInputShape(card, session, inputName);
      const dims = (count: number) =>
        card.input.layout === 'NCHW' ? [count, card.input.channels, card.input.height, card.input.width] : [count, card.input.height, card.input.width, card.input.channels];
      const perImage = card.input.width * card.input.height * card.input.channels;
      return {
        card,
        executionProviders: providers,
        inputName,
        outputName,
        async embed(batch, count) {
          const input = new ort.Tensor('float32', batch.subarray(0, count * perImage), dims(count));
          const result = await session.run({ [inputName]: input }, [outputName]);
          const output = result[outputName];
          try {
            return poolOutput(output.data as Float32Array, output.dims, card, count, outputName);
          } finally {
            output.dispose();
          }
        },
        async dispose() {
          await session.release();
        },
      };
    } catch (error) {
      await session.release();
      throw error;
    }
  },
};

async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new StudioError('not-found', `Cannot read the model file ${path} (${(error as NodeJS.ErrnoException).code ?? firstLine(error)}).`, 'Download the model again or add the file again.');
  }
}

function pick(what: 'input' | 'output', wanted: string | undefined, names: readonly string[]): string {
  if (!wanted) return names[0];
  if (names.includes(wanted)) return wanted;
  throw new StudioError('invalid-request', `The model has no ${what} named "${wanted}"; its ${what}s are: ${names.join(', ')}.`, `Fix "${what}.name" in the card.`);
}

function checkInputShape(card: BackboneCard, session: ort.InferenceSession, inputName: string): void {
  const meta = session.inputMetadata.find((m) => m.name === inputName);
  if (!meta || !meta.isTensor || meta.shape.length === 0) return;
  const { channels, height, width, layout } = card.input;
  const expected = layout === 'NCHW' ? ['batch', channels, height, width] : ['batch', height, width, channels];
  const mismatch = meta.shape.length !== 4 || meta.shape.some((d, i) => i > 0 && typeof d === 'number' && d !== expected[i]);
  if (mismatch) {
    throw new StudioError(
      'invalid-request',
      `The model's input "${inputName}" is ${describeDims(meta.shape)}, but the card describes ${describeDims(expected)} (${layout}).`,
      'Fix the card\'s input width, height, channels or layout to match the model.',
    );
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 300);
}

import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import type { BackboneCard } from '../../../shared/ml/cards';
import { describeDims, poolOutput } from './pool';
import { routeFileUrls } from './tfjsFiles';
import type { BackboneKind } from './types';

type Forward = (x: tf.Tensor) => tf.Tensor;

/**
 * TF.js backbones, layers or graph `model.json`, loaded over a `file://` handler and run on
 * the worker's TF.js backend. Every call disposes what it creates: repeated embedding
 * leaves `tf.memory().numTensors` unchanged.
 */
export const tfjsKind: BackboneKind = {
  engine: 'tfjs',
  async load(spec) {
    const { card } = spec;
    if (!spec.modelPath) throw new StudioError('invalid-request', `Backbone "${card.id}" has no model.json.`);
    routeFileUrls();
    const url = pathToFileURL(spec.modelPath).href;
    const graph = await isGraphModel(spec.modelPath);
    const loaded = graph ? await loadGraph(url, card) : await loadLayers(url, card);
    const dims = (count: number) =>
      card.input.layout === 'NCHW' ? [count, card.input.channels, card.input.height, card.input.width] : [count, card.input.height, card.input.width, card.input.channels];
    const perImage = card.input.width * card.input.height * card.input.channels;
    return {
      card,
      executionProviders: null,
      inputName: loaded.inputName,
      outputName: loaded.outputName,
      async embed(batch, count) {
        const y = tf.tidy(() => loaded.forward(tf.tensor(batch.subarray(0, count * perImage), dims(count))));
        try {
          const data = await y.data<'float32'>();
          return poolOutput(data, y.shape, card, count, loaded.outputName);
        } finally {
          y.dispose();
        }
      },
      async dispose() {
        loaded.dispose();
      },
    };
  },
};

async function isGraphModel(path: string): Promise<boolean> {
  let json: { format?: string; modelTopology?: { node?: unknown } };
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new StudioError('invalid-request', `Cannot read the TF.js model ${path}: ${(error as Error).message}`, 'Point at a TF.js model.json.');
  }
  return json.format === 'graph-model' || Array.isArray(json.modelTopology?.node);
}

async function loadLayers(url: string, card: BackboneCard) {
  const model = await tf.loadLayersModel(url);
  try {
    checkInput(card, model.inputs[0].shape, model.inputs[0].name);
    let output: tf.SymbolicTensor;
    if (card.output.tap === 'classifier-input') {
      const last = model.layers[model.layers.length - 1];
      if (last.getClassName() !== 'Dense') throw new StudioError('invalid-request', `The model's last layer is ${last.getClassName()}, not a Dense classifier.`, 'Use "tap": "output" and name a layer instead.');
      output = last.input as tf.SymbolicTensor;
    } else if (card.output.name) {
      const layer = model.layers.find((l) => l.name === card.output.name);
      if (!layer) throw new StudioError('invalid-request', `The model has no layer named "${card.output.name}"; its layers are: ${model.layers.map((l) => l.name).join(', ')}.`, 'Fix "output.name" in the card.');
      output = layer.output as tf.SymbolicTensor;
    } else {
      output = model.outputs[0];
    }
    const features = tf.model({ inputs: model.inputs, outputs: output });
    const outputName = output.name;
    return { inputName: model.inputs[0].name, outputName, forward: ((x) => features.predict(x) as tf.Tensor) as Forward, dispose: () => model.dispose() };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function loadGraph(url: string, card: BackboneCard) {
  const model = await tf.loadGraphModel(url);
  try {
    if (card.output.tap === 'classifier-input') throw new StudioError('invalid-request', 'The classifier-input tap works for ONNX and TF.js layers models, not graph models.', 'Name the feature node in "output.name".');
    const inputName = card.input.name ?? model.inputNodes[0];
    const outputName = card.output.name ?? model.outputNodes[0];
    const input = model.inputs.find((i) => i.name === inputName);
    if (!input) throw new StudioError('invalid-request', `The graph has no input named "${inputName}"; its inputs are: ${model.inputNodes.join(', ')}.`, 'Fix "input.name" in the card.');
    checkInput(card, input.shape ?? [], inputName);
    const forward: Forward = (x) => {
      const y = model.execute({ [inputName]: x }, outputName);
      return Array.isArray(y) ? y[0] : y;
    };
    return { inputName, outputName, forward, dispose: () => model.dispose() };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function checkInput(card: BackboneCard, shape: readonly (number | null)[], name: string): void {
  if (shape.length === 0) return;
  const { channels, height, width, layout } = card.input;
  const expected = layout === 'NCHW' ? [null, channels, height, width] : [null, height, width, channels];
  const mismatch = shape.length !== 4 || shape.some((d, i) => i > 0 && d !== null && d !== -1 && d !== expected[i]);
  if (mismatch) {
    throw new StudioError(
      'invalid-request',
      `The model's input "${name}" is ${describeDims(shape.map((d) => (d === null || d === -1 ? 'batch' : d)))}, but the card describes ${describeDims(expected.map((d) => d ?? 'batch'))} (${layout}).`,
      'Fix the card\'s input width, height, channels or layout to match the model.',
    );
  }
}

import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../acquisition/seededRandom';
import { Adam } from './adam';
import { BatchBuilder } from './batches';
import { applyRowDropout, dropoutMask, dropoutSeed } from './dropoutMask';
import type { EngineInput, TrainingEngine } from './engine';
import { forward, variableFrom, type DenseLayer, type LayerWeights } from './network';

type Variables = { kernel: tf.Variable<tf.Rank.R2>; bias: tf.Variable<tf.Rank.R1> }[];

/**
 * Trains any head with TF.js (tape gradients, our Adam). Loss: class-weighted softmax
 * cross-entropy plus `l2 / (2·rows)` times the squared kernel weights.
 */
export class TfjsEngine implements TrainingEngine {
  private readonly variables: Variables;
  private readonly batches: BatchBuilder;
  private readonly optimizer: Adam;
  private readonly xVal: tf.Tensor2D | null;
  private readonly yVal: tf.Tensor1D | null;
  private readonly penalty: number;

  constructor(private readonly input: EngineInput) {
    const { train, validation, numClasses } = input;
    this.batches = new BatchBuilder(input.rows, train, numClasses, input.classWeights, input.batchSize);
    this.variables = input.start.map((w) => ({
      kernel: variableFrom(tf.tensor2d(w.kernel, [w.inputs, w.units])) as tf.Variable<tf.Rank.R2>,
      bias: variableFrom(tf.tensor1d(w.bias)) as tf.Variable<tf.Rank.R1>,
    }));
    this.optimizer = new Adam(this.variables.flatMap((l) => [l.kernel, l.bias]), input.config.learningRate);
    this.xVal = validation ? tf.tensor2d(validation.rows, [validation.count, train.dim]) : null;
    this.yVal = validation ? tf.tensor1d(validation.y.subarray(0, validation.count), 'int32') : null;
    this.penalty = input.config.l2 / (2 * train.count);
  }

  step(order: Int32Array, from: number, _rows: number, rateScale: number, random: SeededRandom): { loss: number; hits: number } {
    const { config, numClasses, train } = this.input;
    const dim = train.dim;
    const rows = this.batches.fill(order, from);
    const xData = this.batches.x.subarray(0, rows * dim);
    if (config.kind === 'linear' && config.dropout > 0) applyRowDropout(xData, rows, dim, config.dropout, dropoutSeed(random));
    const mask = config.kind === 'mlp' && config.dropout > 0 ? dropoutMask(rows * config.hiddenUnits, config.dropout, random) : null;
    let hits: tf.Tensor | undefined;
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(xData, [rows, dim]);
      const y = tf.tensor2d(this.batches.oneHot.subarray(0, rows * numClasses), [rows, numClasses]);
      const w = tf.tensor1d(this.batches.weights.subarray(0, rows));
      const hiddenMask = mask ? tf.tensor2d(mask, [rows, config.hiddenUnits]) : undefined;
      return this.optimizer.minimize(() => {
        const logits = forward(this.variables, config, x, hiddenMask);
        hits = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')));
        const crossEntropy = tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)), 1));
        const dataLoss = tf.div(tf.sum(tf.mul(crossEntropy, w)), tf.sum(w));
        const squares = tf.addN(this.variables.map((l) => tf.sum(tf.square(l.kernel))));
        return tf.add(dataLoss, tf.mul(squares, this.penalty)) as tf.Scalar;
      }, rateScale);
    });
    let correct = 0;
    if (hits) {
      correct = hits.dataSync()[0];
      hits.dispose();
    }
    return { loss, hits: correct };
  }

  evaluate(): { valLoss: number; valAccuracy: number } | null {
    const { xVal, yVal } = this;
    if (!xVal || !yVal) return null;
    const layers: DenseLayer[] = this.variables;
    return tf.tidy(() => {
      const logits = forward(layers, this.input.config, xVal);
      const loss = tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(yVal, logits.shape[1]), tf.logSoftmax(logits)), 1)));
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), yVal), 'float32'));
      return { valLoss: loss.dataSync()[0], valAccuracy: accuracy.dataSync()[0] };
    });
  }

  weights(): LayerWeights[] {
    return this.variables.map((l, i) => ({ ...this.input.start[i], kernel: (l.kernel.dataSync() as Float32Array).slice(), bias: (l.bias.dataSync() as Float32Array).slice() }));
  }

  dispose(): void {
    this.optimizer.dispose();
    tf.dispose([...this.variables.flatMap((l) => [l.kernel, l.bias]), ...(this.xVal ? [this.xVal] : []), ...(this.yVal ? [this.yVal] : [])]);
  }
}

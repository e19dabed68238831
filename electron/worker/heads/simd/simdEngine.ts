import type { SeededRandom } from '../../acquisition/seededRandom';
import { dropoutSeed, dropoutThreshold, keepScale } from '../dropoutMask';
import type { EngineInput, TrainingEngine } from '../engine';
import type { LayerWeights } from '../network';
import { copyRows, LinearKernels, padTo4, transposeKernel, untransposeKernel, type KernelBuffer } from '../../simd/kernels';
import { softmaxRows } from './softmax';

const beta1 = 0.9;
const beta2 = 0.999;
const epsilon = 1e-7;

/**
 * Trains a linear head with the SIMD kernels: the same loss, gradients, Adam and dropout
 * stream as the TF.js engine, but one pass of plain loops per step instead of a dozen
 * tensor ops (each with its own allocation and dispatch). The rows live in kernel memory
 * for the whole run; a batch is gathered (with dropout) by row index, never copied in JS.
 */
export class SimdLinearEngine implements TrainingEngine {
  private readonly kernels: LinearKernels;
  private readonly dp: number;
  private readonly kp: number;
  private readonly rows: KernelBuffer;
  private readonly valRows: KernelBuffer | null;
  private readonly batch: KernelBuffer;
  private readonly order: Int32Array;
  private readonly orderBuffer: KernelBuffer;
  private readonly logits: KernelBuffer;
  private readonly gradient: KernelBuffer;
  private readonly params: { w: KernelBuffer; b: KernelBuffer; gw: KernelBuffer; gb: KernelBuffer; mw: KernelBuffer; vw: KernelBuffer; mb: KernelBuffer; vb: KernelBuffer };
  private readonly penalty: number;
  private steps = 0;

  constructor(private readonly input: EngineInput) {
    const { train, validation, numClasses: k, batchSize } = input;
    const dp = (this.dp = padTo4(train.dim));
    const kp = (this.kp = padTo4(k));
    const batch4 = padTo4(batchSize);
    const val4 = validation ? padTo4(validation.count) : 0;
    this.kernels = LinearKernels.create([train.count * dp, val4 * dp, batch4 * dp, batchSize, Math.max(batch4, val4) * kp, batch4 * kp, ...Array(4).fill(kp * dp), ...Array(4).fill(kp)]);
    const alloc = (floats: number) => this.kernels.alloc(floats);
    this.rows = alloc(train.count * dp);
    this.valRows = validation ? alloc(val4 * dp) : null;
    this.batch = alloc(batch4 * dp);
    this.orderBuffer = alloc(batchSize);
    this.order = this.kernels.ints(this.orderBuffer);
    this.logits = alloc(Math.max(batch4, val4) * kp);
    this.gradient = alloc(batch4 * kp);
    this.params = { w: alloc(kp * dp), gw: alloc(kp * dp), mw: alloc(kp * dp), vw: alloc(kp * dp), b: alloc(kp), gb: alloc(kp), mb: alloc(kp), vb: alloc(kp) };
    copyRows(input.rows, 0, train.count, train.dim, this.rows.view, dp);
    if (validation && this.valRows) copyRows(validation.rows, 0, validation.count, train.dim, this.valRows.view, dp);
    transposeKernel(input.start[0].kernel, train.dim, k, this.params.w.view, dp);
    this.params.b.view.set(input.start[0].bias);
    this.penalty = input.config.l2 / (2 * train.count);
  }

  step(order: Int32Array, from: number, rows: number, rateScale: number, random: SeededRandom): { loss: number; hits: number } {
    const { config, train, numClasses: k, classWeights } = this.input;
    const { run } = this.kernels;
    const { dp, kp, params } = this;
    const threshold = config.dropout > 0 ? dropoutThreshold(config.dropout) : 0;
    const seed = config.dropout > 0 ? dropoutSeed(random) : 0;
    this.order.set(order.subarray(from, from + rows));
    run.gatherDropout(this.rows.ptr, dp, this.orderBuffer.ptr, rows, this.batch.ptr, threshold, keepScale(threshold), seed);
    run.logits(this.batch.ptr, padTo4(rows), dp, params.w.ptr, params.b.ptr, kp, this.logits.ptr);

    const labels = (r: number) => train.y[order[from + r]];
    let weightSum = 0;
    for (let r = 0; r < rows; r++) weightSum += classWeights[labels(r)];
    const g = this.gradient.view;
    const { losses, hits } = softmaxRows(this.logits.view, rows, k, kp, labels, g);
    let loss = 0;
    const gb = params.gb.view;
    gb.fill(0);
    for (let r = 0; r < rows; r++) {
      const w = classWeights[labels(r)];
      loss += losses[r] * w;
      // d loss / d logits = (p − onehot) · w_r / Σw; softmaxRows left p − onehot in g.
      const scale = w / weightSum;
      for (let c = 0; c < k; c++) {
        g[r * kp + c] *= scale;
        gb[c] += g[r * kp + c];
      }
    }
    loss = loss / weightSum + this.penalty * run.sumOfSquares(params.w.ptr, kp * dp * 4);
    run.weightGradient(this.batch.ptr, rows, dp, this.gradient.ptr, kp, params.gw.ptr);

    this.steps++;
    const correction = Math.sqrt(1 - beta2 ** this.steps) / (1 - beta1 ** this.steps);
    const stepSize = config.learningRate * rateScale * correction;
    run.adam(params.w.ptr, params.gw.ptr, params.mw.ptr, params.vw.ptr, kp * dp * 4, beta1, 1 - beta1, beta2, 1 - beta2, epsilon, stepSize, 2 * this.penalty);
    run.adam(params.b.ptr, params.gb.ptr, params.mb.ptr, params.vb.ptr, kp * 4, beta1, 1 - beta1, beta2, 1 - beta2, epsilon, stepSize, 0);
    return { loss, hits };
  }

  evaluate(): { valLoss: number; valAccuracy: number } | null {
    const validation = this.input.validation;
    if (!validation || !this.valRows) return null;
    const { params, kp, dp } = this;
    this.kernels.run.logits(this.valRows.ptr, padTo4(validation.count), dp, params.w.ptr, params.b.ptr, kp, this.logits.ptr);
    const { losses, hits } = softmaxRows(this.logits.view, validation.count, this.input.numClasses, kp, (r) => validation.y[r]);
    let loss = 0;
    for (let r = 0; r < validation.count; r++) loss += losses[r];
    return { valLoss: Math.fround(loss / validation.count), valAccuracy: Math.fround(hits / validation.count) };
  }

  weights(): LayerWeights[] {
    const { train, numClasses: k } = this.input;
    return [{ kernel: untransposeKernel(this.params.w.view, train.dim, k, this.dp), bias: this.params.b.view.slice(0, k), inputs: train.dim, units: k }];
  }

  dispose(): void {
    // The kernel memory goes with this engine; nothing else to release.
  }
}

import { seededRandom } from '../../acquisition/seededRandom';
import type { HeadConfig } from '../config';
import { dropoutSeed, dropoutThreshold, keepScale } from '../dropoutMask';
import { checkRows, chunkRows, noDropoutError, savedHead } from '../head';
import type { LayerWeights } from '../network';
import type { Standardizer } from '../standardize';
import type { Head, SavedHead } from '../types';
import { copyRows, LinearKernels, padTo4, transposeKernel, type KernelBuffer } from '../../simd/kernels';
import { probabilitiesInto } from './softmax';

/**
 * A linear head scored by the SIMD kernels. `predict` folds the standardisation into the
 * weights (x·(s∘W) + b − (m∘s)·W), so raw rows go straight into one pass; MC-dropout passes
 * standardise a chunk once and then draw a fresh dropout per pass, as the TF.js head does.
 */
export class SimdLinearHead implements Head {
  private readonly dp: number;
  private readonly kp: number;
  private scoring: { kernels: LinearKernels; rows: KernelBuffer; logits: KernelBuffer; w: KernelBuffer; b: KernelBuffer; chunk: number } | null = null;
  private sampling: { kernels: LinearKernels; standardized: KernelBuffer; dropped: KernelBuffer; order: KernelBuffer; logits: KernelBuffer; w: KernelBuffer; b: KernelBuffer; chunk: number } | null = null;
  private disposed = false;

  constructor(
    readonly config: HeadConfig,
    readonly dim: number,
    readonly numClasses: number,
    private readonly standardizer: Standardizer,
    private readonly weights: LayerWeights[],
  ) {
    this.dp = padTo4(dim);
    this.kp = padTo4(numClasses);
  }

  predict(x: Float32Array, count: number): Float32Array {
    this.check(x, count);
    const s = (this.scoring ??= this.scoringKernels());
    const out = new Float32Array(count * this.numClasses);
    for (let start = 0; start < count; start += s.chunk) {
      const rows = Math.min(s.chunk, count - start);
      copyRows(x, start, rows, this.dim, s.rows.view, this.dp);
      s.kernels.run.logits(s.rows.ptr, padTo4(rows), this.dp, s.w.ptr, s.b.ptr, this.kp, s.logits.ptr);
      probabilitiesInto(s.logits.view, rows, this.numClasses, this.kp, out, start);
    }
    return out;
  }

  predictPasses(x: Float32Array, count: number, passes: number, seed: number): Float32Array {
    this.check(x, count);
    if (this.config.dropout <= 0) throw noDropoutError();
    const s = (this.sampling ??= this.samplingKernels());
    const { dim, dp, kp, numClasses: k } = this;
    const { mean, scale } = this.standardizer;
    const random = seededRandom(seed);
    const threshold = dropoutThreshold(this.config.dropout);
    const out = new Float32Array(passes * count * k);
    const rowsView = s.standardized.view;
    for (let start = 0; start < count; start += s.chunk) {
      const rows = Math.min(s.chunk, count - start);
      for (let r = 0; r < rows; r++) {
        const from = (start + r) * dim;
        for (let d = 0; d < dim; d++) rowsView[r * dp + d] = (x[from + d] - mean[d]) * scale[d];
      }
      for (let pass = 0; pass < passes; pass++) {
        s.kernels.run.gatherDropout(s.standardized.ptr, dp, s.order.ptr, rows, s.dropped.ptr, threshold, keepScale(threshold), dropoutSeed(random));
        s.kernels.run.logits(s.dropped.ptr, padTo4(rows), dp, s.w.ptr, s.b.ptr, kp, s.logits.ptr);
        probabilitiesInto(s.logits.view, rows, k, kp, out, pass * count + start);
      }
    }
    return out;
  }

  save(): SavedHead {
    return savedHead(this.config, this.dim, this.numClasses, this.standardizer, this.weights);
  }

  dispose(): void {
    this.disposed = true;
    this.scoring = null;
    this.sampling = null;
  }

  private check(x: Float32Array, count: number): void {
    if (this.disposed) throw new Error('This head has been disposed');
    checkRows(x, count, this.dim);
  }

  private scoringKernels() {
    const { dim, dp, kp, numClasses: k } = this;
    const chunk = chunkRows(dim);
    const rows4 = padTo4(chunk);
    const kernels = LinearKernels.create([rows4 * dp, rows4 * kp, kp * dp, kp]);
    const rows = kernels.alloc(rows4 * dp);
    const logits = kernels.alloc(rows4 * kp);
    const w = kernels.alloc(kp * dp);
    const b = kernels.alloc(kp);
    // Standardisation folded in: W' = s∘W, b' = b − (m∘s)·W.
    const { kernel, bias } = this.weights[0];
    const { mean, scale } = this.standardizer;
    const folded = new Float32Array(dim * k);
    const shifted = Float64Array.from(bias);
    for (let d = 0; d < dim; d++) {
      for (let c = 0; c < k; c++) {
        folded[d * k + c] = kernel[d * k + c] * scale[d];
        shifted[c] -= mean[d] * scale[d] * kernel[d * k + c];
      }
    }
    transposeKernel(folded, dim, k, w.view, dp);
    b.view.set(shifted);
    return { kernels, rows, logits, w, b, chunk };
  }

  private samplingKernels() {
    const { dim, dp, kp, numClasses: k } = this;
    // The same chunks as the TF.js head: each chunk and pass draws one dropout seed.
    const chunk = chunkRows(dim);
    const rows4 = padTo4(chunk);
    const kernels = LinearKernels.create([rows4 * dp, rows4 * dp, chunk, rows4 * kp, kp * dp, kp]);
    const standardized = kernels.alloc(rows4 * dp);
    const dropped = kernels.alloc(rows4 * dp);
    const order = kernels.alloc(chunk);
    kernels.ints(order).forEach((_, i, all) => (all[i] = i));
    const logits = kernels.alloc(rows4 * kp);
    const w = kernels.alloc(kp * dp);
    const b = kernels.alloc(kp);
    transposeKernel(this.weights[0].kernel, dim, k, w.view, dp);
    b.view.set(this.weights[0].bias);
    return { kernels, standardized, dropped, order, logits, w, b, chunk };
  }
}

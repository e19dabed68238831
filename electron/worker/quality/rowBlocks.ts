import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';

/** Rows per block: about 8 MB of float32 whatever the width, and never fewer than 256. */
const blockRows = (dim: number) => Math.max(256, Math.floor(2_000_000 / Math.max(dim, 1)));

export interface RowBlockOptions {
  signal?: AbortSignal;
  /** Called after each block with the rows it multiplied. */
  onRows?(rows: number): void;
}

/**
 * The mean-centred rows of a big embedding matrix, multiplied a block of rows at a time, so
 * 50,000 × 1,280 floats never become one tensor (nor a centred copy). Both products keep
 * every TF.js matmul untransposed: on the wasm backend a transposed operand is over ten
 * times slower. Each block checks for cancel and yields, so progress reaches the UI.
 */
export class CentredRowBlocks {
  readonly mean: Float32Array;
  /** Σ‖xᵢ − μ‖²: the total variance times the row count. */
  readonly totalSquares: number;
  private readonly step: number;

  constructor(
    private readonly x: Float32Array,
    readonly count: number,
    readonly dim: number,
    private readonly options: RowBlockOptions = {},
  ) {
    const sum = new Float64Array(dim);
    let squares = 0;
    for (let i = 0; i < count; i++) {
      const base = i * dim;
      for (let c = 0; c < dim; c++) {
        const v = x[base + c];
        sum[c] += v;
        squares += v * v;
      }
    }
    this.mean = Float32Array.from(sum, (s) => s / Math.max(count, 1));
    let meanSquares = 0;
    for (const m of this.mean) meanSquares += m * m;
    this.totalSquares = Math.max(squares - count * meanSquares, 0);
    this.step = blockRows(dim);
  }

  /** (X − 1μᵀ)·M for a `dim × width` matrix M (row-major): `count × width`. */
  async times(m: Float32Array, width: number): Promise<Float32Array> {
    const out = new Float32Array(this.count * width);
    const right = tf.tensor2d(m, [this.dim, width]);
    const shift = tf.tidy(() => tf.matMul(tf.tensor2d(this.mean, [1, this.dim]), right));
    try {
      for (let start = 0; start < this.count; start += this.step) {
        const rows = Math.min(this.step, this.count - start);
        const block = tf.tidy(() => tf.sub(tf.matMul(this.rows(start, rows), right), shift));
        out.set(block.dataSync(), start * width);
        block.dispose();
        await this.tick(rows);
      }
    } finally {
      tf.dispose([right, shift]);
    }
    return out;
  }

  /** Qᵀ·(X − 1μᵀ) for a `count × width` matrix Q (row-major): `width × dim`. */
  async transposeTimes(q: Float32Array, width: number): Promise<Float32Array> {
    const out = new Float32Array(width * this.dim);
    const columnSums = new Float64Array(width);
    for (let start = 0; start < this.count; start += this.step) {
      const rows = Math.min(this.step, this.count - start);
      const qBlock = q.subarray(start * width, (start + rows) * width);
      for (let i = 0; i < qBlock.length; i++) columnSums[i % width] += qBlock[i];
      const block = tf.tidy(() => tf.matMul(tf.transpose(tf.tensor2d(qBlock, [rows, width])), this.rows(start, rows)));
      const values = block.dataSync();
      block.dispose();
      for (let i = 0; i < values.length; i++) out[i] += values[i];
      await this.tick(rows);
    }
    for (let r = 0; r < width; r++) for (let c = 0; c < this.dim; c++) out[r * this.dim + c] -= columnSums[r] * this.mean[c];
    return out;
  }

  private rows(start: number, rows: number): tf.Tensor2D {
    return tf.tensor2d(this.x.subarray(start * this.dim, (start + rows) * this.dim), [rows, this.dim]);
  }

  private async tick(rows: number): Promise<void> {
    if (this.options.signal?.aborted) throw new StudioError('cancelled', 'The projection was cancelled.');
    this.options.onRows?.(rows);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

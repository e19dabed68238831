import type { Dataset } from './types';

/**
 * Copies one mini-batch (rows picked by `order[from..from+size)`) into reusable buffers.
 * Building batches in JS and uploading them is much faster than `tf.gather` on the wasm
 * backend (measured: 8 ms vs 0.7 ms for 256 × 784).
 */
export class BatchBuilder {
  readonly x: Float32Array;
  readonly oneHot: Float32Array;
  readonly weights: Float32Array;

  constructor(
    private readonly rows: Float32Array,
    private readonly data: Dataset,
    private readonly numClasses: number,
    private readonly classWeights: Float32Array,
    batchSize: number,
  ) {
    this.x = new Float32Array(batchSize * data.dim);
    this.oneHot = new Float32Array(batchSize * numClasses);
    this.weights = new Float32Array(batchSize);
  }

  /** Fills the buffers and returns how many rows this batch holds. */
  fill(order: Int32Array, from: number): number {
    const { dim, y } = this.data;
    const size = Math.min(this.weights.length, order.length - from);
    this.oneHot.fill(0);
    for (let i = 0; i < size; i++) {
      const row = order[from + i];
      this.x.set(this.rows.subarray(row * dim, (row + 1) * dim), i * dim);
      this.oneHot[i * this.numClasses + y[row]] = 1;
      this.weights[i] = this.classWeights[y[row]];
    }
    return size;
  }
}

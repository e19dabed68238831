import { LinearKernels, copyRows, padTo4, type KernelBuffer } from '../../simd/kernels';

/** Centers compared per kernel call: 64 rows of a 1,280-d embedding stay in the L2 cache. */
const centerBlock = 64;
/** Points per kernel call when comparing against many centers. */
const pointChunk = 1024;

/**
 * Embeddings held for fast distances: squared distances come from dot products,
 * ‖p − c‖² = ‖p‖² + ‖c‖² − 2 p·c, and the dot products from the SIMD kernels the linear
 * head uses (a block of centers plays the head's classes). This is what lets k-center,
 * k-means and BADGE run on a whole 20,000 × 784 pool in the embedding itself.
 */
export class PointSet {
  readonly squaredNorms: Float32Array;
  private readonly kernels: LinearKernels;
  private readonly dp: number;
  private readonly rows: KernelBuffer;
  private readonly centers: KernelBuffer;
  private readonly zeros: KernelBuffer;
  private readonly products: KernelBuffer;

  constructor(
    readonly points: Float32Array,
    readonly count: number,
    readonly dim: number,
  ) {
    const dp = (this.dp = padTo4(dim));
    // Four spare rows: a single point's products read the row after it too (the kernel works in pairs).
    const rows = padTo4(count) + 4;
    const productRows = Math.max(padTo4(count) * 2, pointChunk * centerBlock);
    this.kernels = LinearKernels.create([rows * dp, centerBlock * dp, centerBlock, productRows]);
    this.rows = this.kernels.alloc(rows * dp);
    this.centers = this.kernels.alloc(centerBlock * dp);
    this.zeros = this.kernels.alloc(centerBlock);
    this.products = this.kernels.alloc(productRows);
    copyRows(points, 0, count, dim, this.rows.view, dp);
    this.squaredNorms = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      let sum = 0;
      for (let d = 0; d < dim; d++) sum += points[i * dim + d] * points[i * dim + d];
      this.squaredNorms[i] = sum;
    }
  }

  /** The dot product of every point with point `row`. */
  dotsWithPoint(row: number, out = new Float32Array(this.count)): Float32Array {
    const { dp, rows, products } = this;
    this.kernels.run.logits(rows.ptr, padTo4(this.count), dp, rows.ptr + row * dp * 4, this.zeros.ptr, 2, products.ptr);
    const view = products.view;
    for (let i = 0; i < this.count; i++) out[i] = view[2 * i];
    return out;
  }

  /** The squared distance of every point to point `row` (never below 0). */
  distancesToPoint(row: number, out = new Float32Array(this.count)): Float32Array {
    this.dotsWithPoint(row, out);
    const own = this.squaredNorms[row];
    for (let i = 0; i < this.count; i++) out[i] = Math.max(0, this.squaredNorms[i] + own - 2 * out[i]);
    return out;
  }

  /**
   * For every point, the squared distance to its nearest center and that center's index
   * (Infinity and −1 when there are no centers). `centers` holds `centerCount` rows of `dim`.
   */
  nearest(centers: Float32Array, centerCount: number): { distances: Float32Array; index: Int32Array } {
    const { dp, dim, count } = this;
    const distances = new Float32Array(count).fill(Infinity);
    const index = new Int32Array(count).fill(-1);
    const block = this.centers.view;
    const products = this.products.view;
    for (let first = 0; first < centerCount; first += centerBlock) {
      const size = Math.min(centerBlock, centerCount - first);
      const width = size + (size % 2);
      block.fill(0);
      copyRows(centers, first, size, dim, block, dp);
      const norms = new Float32Array(size);
      for (let j = 0; j < size; j++) for (let d = 0; d < dim; d++) norms[j] += centers[(first + j) * dim + d] ** 2;
      for (let start = 0; start < count; start += pointChunk) {
        const rows = Math.min(pointChunk, count - start);
        this.kernels.run.logits(this.rows.ptr + start * dp * 4, padTo4(rows), dp, this.centers.ptr, this.zeros.ptr, width, this.products.ptr);
        for (let i = 0; i < rows; i++) {
          const p = start + i;
          for (let j = 0; j < size; j++) {
            const d = this.squaredNorms[p] + norms[j] - 2 * products[i * width + j];
            if (d < distances[p]) {
              distances[p] = Math.max(0, d);
              index[p] = first + j;
            }
          }
        }
      }
    }
    return { distances, index };
  }
}

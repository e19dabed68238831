/** One hash line of `hashes.txt`: 64 hex digits and a newline. */
export const HASH_LINE = 65;

/**
 * What a store knows of its cache's rows: the hash → row index, the hash lines in file
 * order (so a later open can tell whether the file still starts with them), and, while the
 * cache fits the memory budget, every vector in one Float32Array in file order. Room grows by
 * a quarter at a time, so appending a batch rarely copies the whole matrix. Past the budget the matrix
 * is dropped and the store reads vectors from the file instead.
 */
export class EmbeddingRows {
  readonly rowOf = new Map<string, number>();
  private lines = Buffer.alloc(0);
  private matrix: Float32Array | null = new Float32Array(0);
  private rows = 0;

  constructor(
    readonly dim: number,
    /** The most rows whose vectors may be held in memory. */
    private readonly budgetRows: number,
  ) {
    if (budgetRows <= 0) this.matrix = null;
  }

  get count(): number {
    return this.rows;
  }

  /** Every held vector, rows in file order; null when the cache is past the memory budget. */
  get vectors(): Float32Array | null {
    return this.matrix?.subarray(0, this.rows * this.dim) ?? null;
  }

  /** Whether a hashes file's bytes begin with every line these rows were built from. */
  isPrefixOf(text: Buffer): boolean {
    const n = this.rows * HASH_LINE;
    return text.length >= n && text.compare(this.lines, 0, n, 0, n) === 0;
  }

  /**
   * Space for the vectors of the next `count` rows, to fill before `add`; null when they
   * would pass the budget (the matrix is let go: vectors are then read from the file).
   */
  room(count: number): Float32Array | null {
    if (!this.matrix) return null;
    const needed = (this.rows + count) * this.dim;
    if (this.rows + count > this.budgetRows) {
      this.matrix = null;
      return null;
    }
    if (needed > this.matrix.length) {
      const grown = new Float32Array(Math.min(Math.max(needed, Math.ceil(1.25 * this.matrix.length)), this.budgetRows * this.dim));
      grown.set(this.vectors!);
      this.matrix = grown;
    }
    return this.matrix.subarray(this.rows * this.dim, needed);
  }

  /** Takes `lines` (whole hash lines) as the next rows; their vectors are already in `room`, if held. */
  add(lines: Buffer): void {
    const count = lines.length / HASH_LINE;
    const end = (this.rows + count) * HASH_LINE;
    if (end > this.lines.length) {
      const grown = Buffer.alloc(Math.max(end, 2 * this.lines.length));
      this.lines.copy(grown, 0, 0, this.rows * HASH_LINE);
      this.lines = grown;
    }
    lines.copy(this.lines, this.rows * HASH_LINE);
    for (let i = 0; i < count; i++) this.rowOf.set(lines.toString('latin1', i * HASH_LINE, i * HASH_LINE + 64), this.rows + i);
    this.rows += count;
  }
}

/**
 * Points bucketed on a grid over the map's [0, 1]² so hovering finds the point under the
 * pointer by looking at a few cells, never at all 50,000 points.
 */
export class SpatialGrid {
  private readonly cells = new Map<number, number[]>();

  constructor(
    private readonly xs: readonly number[],
    private readonly ys: readonly number[],
    private readonly size = 128,
  ) {
    for (let i = 0; i < xs.length; i++) {
      const key = this.key(this.cell(xs[i]), this.cell(ys[i]));
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  /** The nearest point within `radius` (data units) of (x, y), or -1. */
  nearest(x: number, y: number, radius: number): number {
    const reach = Math.ceil(radius * this.size);
    const cx = this.cell(x);
    const cy = this.cell(y);
    let best = -1;
    let bestD = radius * radius;
    for (let gx = cx - reach; gx <= cx + reach; gx++) {
      for (let gy = cy - reach; gy <= cy + reach; gy++) {
        for (const i of this.cells.get(this.key(gx, gy)) ?? []) {
          const d = (this.xs[i] - x) ** 2 + (this.ys[i] - y) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = i;
          }
        }
      }
    }
    return best;
  }

  private cell(v: number): number {
    return Math.floor(Math.min(Math.max(v, 0), 1) * (this.size - 1));
  }

  private key(gx: number, gy: number): number {
    return gx * 100_003 + gy;
  }
}

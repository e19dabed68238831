import { heldOutEvery } from '../../services/queue/LabelQueue';

/**
 * The labeling queue's held-out rule (services/queue/LabelQueue.ts), for val labels: the
 * label at position s (counted over all labels so far) goes to the next random val sample
 * when s % heldOutEvery is the last slot of a group and some class still has fewer than
 * `perClass` val labels. Test labels are not asked: the simulation scores on its own
 * test set (or the tuning carve) instead.
 */
export class ValAsks {
  private next = 0;
  private readonly counts: number[];

  constructor(
    private readonly order: number[],
    private readonly labelOf: (poolIndex: number) => number,
    numClasses: number,
    private readonly perClass: number,
  ) {
    this.counts = new Array(numClasses).fill(0);
  }

  /** The val sample the label at `slot` goes to, or null when that slot goes to the strategy. */
  take(slot: number): number | null {
    if (slot % heldOutEvery !== heldOutEvery - 1 || this.next >= this.order.length) return null;
    if (this.counts.every((c) => c >= this.perClass)) return null;
    const picked = this.order[this.next++];
    this.counts[this.labelOf(picked)] += 1;
    return picked;
  }
}

/** Who holds a lease: one browser tab (or window) as one annotator. */
export interface LeaseHolder {
  /** Client and annotator together: the same person in two tabs holds two sets of images. */
  key: string;
  annotator: string;
}

/** How long an image stays leased without being renewed: a tab renews what it shows every minute. */
export const defaultLeaseMs = 3 * 60_000;

/**
 * Which images are handed to whom right now, so two people are never shown the same image
 * at once. A lease lasts `leaseMs` from its last renewal; a decision on the image, a skip,
 * the tab dropping it or the tab closing gives it back. The clock is injected so tests can
 * let time pass. Leases live in memory only: after a restart every image is free again.
 */
export class LeaseBook {
  private readonly leases = new Map<string, { holder: LeaseHolder; until: number }>();
  private readonly byHolder = new Map<string, Set<string>>();

  constructor(
    private readonly clock: () => number = Date.now,
    readonly leaseMs = defaultLeaseMs,
  ) {}

  /** The holder of a live lease on the image, or null. */
  holderOf(sampleId: string): LeaseHolder | null {
    const lease = this.leases.get(sampleId);
    if (!lease) return null;
    if (lease.until <= this.clock()) {
      this.drop(sampleId);
      return null;
    }
    return lease.holder;
  }

  /** Whether `holder` may be handed the image: nobody else holds it. */
  isFreeFor(sampleId: string, holder: LeaseHolder): boolean {
    const current = this.holderOf(sampleId);
    return current === null || current.key === holder.key;
  }

  /** Leases (or renews) each image free for `holder`; lists the ones someone else holds. */
  take(sampleIds: readonly string[], holder: LeaseHolder): { held: string[]; takenBy: { sampleId: string; annotator: string }[] } {
    const until = this.clock() + this.leaseMs;
    const held: string[] = [];
    const takenBy: { sampleId: string; annotator: string }[] = [];
    for (const sampleId of sampleIds) {
      const current = this.holderOf(sampleId);
      if (current && current.key !== holder.key) {
        takenBy.push({ sampleId, annotator: current.annotator });
        continue;
      }
      this.leases.set(sampleId, { holder, until });
      let mine = this.byHolder.get(holder.key);
      if (!mine) this.byHolder.set(holder.key, (mine = new Set()));
      mine.add(sampleId);
      held.push(sampleId);
    }
    return { held, takenBy };
  }

  /** Gives back images `holder` holds (others' leases are left alone). */
  release(sampleIds: readonly string[], holder: LeaseHolder): void {
    for (const sampleId of sampleIds) if (this.leases.get(sampleId)?.holder.key === holder.key) this.drop(sampleId);
  }

  /** A decision was made on the image: whoever held it, it is no longer out. */
  settle(sampleId: string): void {
    this.drop(sampleId);
  }

  /** The holder went away (its tab closed): everything it held goes back. */
  releaseHolder(key: string): void {
    for (const sampleId of this.byHolder.get(key) ?? []) {
      if (this.leases.get(sampleId)?.holder.key === key) this.leases.delete(sampleId);
    }
    this.byHolder.delete(key);
  }

  private drop(sampleId: string): void {
    const lease = this.leases.get(sampleId);
    if (!lease) return;
    this.leases.delete(sampleId);
    this.byHolder.get(lease.holder.key)?.delete(sampleId);
  }
}

import type { ImportSplitReport } from '../../../shared/contract/imports';
import type { Split } from '../../../shared/contract/schemas';
import { NearDuplicateIndex } from '../../../shared/domain/dhash';
import { groupCap, groupNodes, isSmallImage, nearDuplicateGraph, nearDuplicatePolicy, type GroupEdge, type GroupNode } from '../../../shared/domain/nearDuplicateGroups';
import type { Sample } from '../../../shared/domain/records';
import { splitOrderKey } from '../../../shared/domain/splits';
import type { Project } from '../project/Project';
import type { PreparedSample } from './types';

const splitOrder: Split[] = ['train', 'val', 'test'];

/**
 * Chooses the frozen split of every new sample, one commit batch at a time. Within a batch,
 * near-duplicates form groups (connected components, see `groupNodes`) together with the
 * samples already held that they are near; a group with held members goes where they are
 * (splits are frozen), a new group goes whole to the split that keeps its classes closest to
 * 80/10/10, larger groups first, then single images in a seeded order. A group over the cap
 * (≈1 % of the project) is cut at a stricter threshold; a new image near held samples in two
 * different splits is a bridge that cannot be honoured, and is reported.
 */
export class SplitPlanner {
  readonly report = emptySplitReport();
  private readonly coarse = new NearDuplicateIndex<Sample>(nearDuplicatePolicy.dhashBits, 64);
  private readonly fine = new NearDuplicateIndex<Sample>(nearDuplicatePolicy.fineHashBits, 256);
  private readonly cap: number;

  /** `expectedImages`: the files this import found, for the group cap. */
  constructor(
    private readonly project: Project,
    expectedImages: number,
  ) {
    this.cap = groupCap(project.samples.size + expectedImages);
    for (const sample of project.samples.all) this.hold(sample);
  }

  /** The split of each prepared sample, by content hash. */
  plan(batch: readonly PreparedSample[]): Map<string, Split> {
    const { nodes, edges } = nearDuplicateGraph(batch);
    const graphNodes: (GroupNode & { held?: Sample })[] = [...nodes];
    const graphEdges: GroupEdge[] = [...edges];
    const heldNode = new Map<string, number>();
    nodes.forEach((node, a) => {
      for (const { sample, distance, limit } of this.heldNear(node.images[0])) {
        let b = heldNode.get(sample.id);
        if (b === undefined) heldNode.set(sample.id, (b = graphNodes.push({ weight: 1, held: sample }) - 1));
        graphEdges.push({ a, b, distance, limit });
      }
    });
    const { groups, resplit } = groupNodes(graphNodes, graphEdges, this.cap);
    this.report.resplit.push(...resplit);

    const splits = new Map<string, Split>();
    const free: { images: PreparedSample[]; order: number }[] = [];
    const seed = this.project.doc.seed;
    for (const group of groups) {
      const images = group.filter((n) => n < nodes.length).flatMap((n) => nodes[n].images);
      if (images.length === 0) continue;
      const held = group.filter((n) => n >= nodes.length).map((n) => graphNodes[n].held!);
      if (images.length + held.length > 1) {
        this.report.groups += 1;
        this.report.groupedImages += images.length;
      }
      const stated = images.filter((p) => p.stated?.split);
      if (held.length === 0 && stated.length === 0) {
        free.push({ images, order: Math.min(...images.map((p) => splitOrderKey(seed, p.hash))) });
        continue;
      }
      const split = this.frozenSplit(images, held, stated);
      for (const p of images) {
        const chosen = p.stated?.split ?? split; // a split a labels file states is honoured
        splits.set(p.hash, chosen);
        this.project.splits.record(stratumOf(p), chosen);
      }
    }
    free.sort((x, y) => y.images.length - x.images.length || x.order - y.order);
    for (const { images } of free) {
      const strata = new Map<string, number>();
      for (const p of images) strata.set(stratumOf(p), (strata.get(stratumOf(p)) ?? 0) + 1);
      const split = this.project.splits.assignGroup(strata);
      for (const p of images) splits.set(p.hash, split);
    }
    return splits;
  }

  /** Samples committed by this import join the frozen ones later batches are checked against. */
  hold(sample: Sample): void {
    if (!isSmallImage(sample.width, sample.height)) this.coarse.add(sample, sample.dhash);
    if (sample.fineHash) this.fine.add(sample, sample.fineHash);
  }

  /** Held samples within policy of `image`: 64-bit dHash between large images, the fine hash when either is small. */
  private heldNear(image: PreparedSample): { sample: Sample; distance: number; limit: number }[] {
    const small = isSmallImage(image.width, image.height);
    const out: { sample: Sample; distance: number; limit: number }[] = [];
    const limit = nearDuplicatePolicy.fineHashBits;
    for (const hit of this.fine.within(image.fineHash)) {
      for (const sample of hit.items) if (small || isSmallImage(sample.width, sample.height)) out.push({ sample, distance: hit.distance, limit });
    }
    if (!small) {
      for (const hit of this.coarse.within(image.dhash)) for (const sample of hit.items) out.push({ sample, distance: hit.distance, limit: nearDuplicatePolicy.dhashBits });
    }
    return out;
  }

  /**
   * A group with held members (or members whose split a labels file states) goes where they
   * are; frozen members in two splits make a bridge, reported.
   */
  private frozenSplit(images: PreparedSample[], held: Sample[], stated: PreparedSample[]): Split {
    const bySplit = new Map<Split, number>();
    for (const s of [...held.map((h) => h.split), ...stated.map((p) => p.stated!.split!)]) bySplit.set(s, (bySplit.get(s) ?? 0) + 1);
    const split = splitOrder.filter((s) => bySplit.has(s)).sort((a, b) => bySplit.get(b)! - bySplit.get(a)!)[0];
    this.report.joinedEarlier += images.length - stated.length;
    if (bySplit.size > 1) {
      this.report.bridges.push({
        paths: images.map((p) => p.path).slice(0, 20),
        heldSamples: held.map((s) => s.id).slice(0, 20),
        heldSplits: Object.fromEntries(bySplit) as Partial<Record<Split, number>>,
        chosen: split,
      });
    }
    return split;
  }
}

export function emptySplitReport(): ImportSplitReport {
  return { groups: 0, groupedImages: 0, joinedEarlier: 0, bridges: [], resplit: [] };
}

export function stratumOf(sample: { importedLabel: string | null }): string {
  return sample.importedLabel ?? '';
}

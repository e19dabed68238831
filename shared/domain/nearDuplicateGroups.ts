import { NearDuplicateIndex } from './dhash';

/**
 * When two images count as near-duplicates. Images at least `smallSide` px on their short
 * side compare 64-bit dHashes; a pair with a smaller image compares 256-bit fine hashes,
 * because on small images the 64-bit hash gives thousands of distinct images the same value
 * (docs/near-duplicates.md has the Fashion-MNIST measurement behind each number).
 */
export const nearDuplicatePolicy: NearDuplicatePolicy = {
  smallSide: 64,
  dhashBits: 6,
  fineHashBits: 2,
  /** A group above this share of the images (and above `minCap` images) is cut at a stricter threshold. */
  capShare: 0.01,
  minCap: 10,
};

export interface NearDuplicatePolicy {
  smallSide: number;
  dhashBits: number;
  fineHashBits: number;
  capShare: number;
  minCap: number;
}

export function groupCap(imageCount: number): number {
  return Math.max(nearDuplicatePolicy.minCap, Math.ceil(nearDuplicatePolicy.capShare * imageCount));
}

export function isSmallImage(width: number, height: number): boolean {
  return Math.min(width, height) < nearDuplicatePolicy.smallSide;
}

/** A node of the near-duplicate graph: `weight` images that cannot be told apart. */
export interface GroupNode {
  weight: number;
}

/** Two nodes `distance` bits apart; joined while `distance ≤ limit − strictness`. */
export interface GroupEdge {
  a: number;
  b: number;
  distance: number;
  limit: number;
}

/** A group too large for one split, cut apart at a stricter threshold. */
export interface ResplitGroup {
  images: number;
  /** How many bits stricter than the policy the parts were cut at. */
  stricterBy: number;
  parts: number;
  largestPart: number;
  /** Still over the cap however strict: its images share one hash and cannot be told apart. */
  stillOversized: boolean;
}

export interface Grouping {
  /** Node indices per group; every node is in exactly one group (singletons included). */
  groups: number[][];
  resplit: ResplitGroup[];
}

/**
 * Near-duplicate groups: the connected components of "within threshold" pairs (union-find
 * over every edge given), so A–X–C is one group even when A and C are far apart. A group
 * holding more than `cap` images is a sign the threshold is too loose for those images: it is
 * cut again one bit stricter, and again, until each part fits or no edge is left to cut.
 */
export function groupNodes(nodes: readonly GroupNode[], edges: readonly GroupEdge[], cap = Infinity): Grouping {
  const resplit: ResplitGroup[] = [];
  const weightOf = (group: number[]) => group.reduce((sum, m) => sum + nodes[m].weight, 0);
  /** Components at `strictness`; oversized ones are cut further. `deepest`: the strictest level used. */
  const split = (members: number[], within: readonly GroupEdge[], strictness: number, top: boolean): { parts: number[][]; deepest: number } => {
    const parent = new Map(members.map((m) => [m, m]));
    const find = (x: number): number => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      while (x !== root) {
        const next = parent.get(x)!;
        parent.set(x, root);
        x = next;
      }
      return root;
    };
    const joined = within.filter((e) => e.distance <= e.limit - strictness);
    for (const e of joined) {
      const [ra, rb] = [find(e.a), find(e.b)];
      if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
    }
    const byRoot = new Map<number, number[]>();
    for (const m of members) {
      const root = find(m);
      const list = byRoot.get(root);
      if (list) list.push(m);
      else byRoot.set(root, [m]);
    }
    const parts: number[][] = [];
    let deepest = strictness;
    for (const group of byRoot.values()) {
      const images = weightOf(group);
      if (images <= cap || joined.length === 0) {
        parts.push(group);
        if (images > cap && top) resplit.push({ images, stricterBy: 0, parts: 1, largestPart: images, stillOversized: true });
        continue;
      }
      const inside = new Set(group);
      const cut = split(group, joined.filter((e) => inside.has(e.a)), strictness + 1, false);
      deepest = Math.max(deepest, cut.deepest);
      parts.push(...cut.parts);
      if (top) {
        const largestPart = Math.max(...cut.parts.map(weightOf));
        resplit.push({ images, stricterBy: cut.deepest, parts: cut.parts.length, largestPart, stillOversized: largestPart > cap });
      }
    }
    return { parts, deepest };
  };
  return { groups: split(nodes.map((_, i) => i), edges, 0, true).parts, resplit };
}

/** What grouping needs of an image. `fineHash` is null for images imported before it existed. */
export interface HashedImage {
  dhash: string;
  fineHash?: string | null;
  width: number;
  height: number;
}

/**
 * Groups images: images that cannot be told apart form one node, every node is looked up in
 * an exact index (64-bit dHash for large images, the fine hash for pairs with a small one),
 * and the components come from `groupNodes`.
 */
export function groupImages<T extends HashedImage>(images: readonly T[], cap = Infinity, policy = nearDuplicatePolicy): { groups: T[][]; resplit: ResplitGroup[] } {
  const { nodes, edges } = nearDuplicateGraph(images, policy);
  const { groups, resplit } = groupNodes(nodes, edges, cap);
  return { groups: groups.map((g) => g.flatMap((n) => nodes[n].images)), resplit };
}

type ImageNode<T> = GroupNode & { small: boolean; dhash: string; fineHash: string | null; images: T[] };

/** The near-duplicate graph of `images`: nodes of indistinguishable images and every edge within policy. */
export function nearDuplicateGraph<T extends HashedImage>(images: readonly T[], policy = nearDuplicatePolicy): { nodes: ImageNode<T>[]; edges: GroupEdge[] } {
  const nodeOf = new Map<string, number>();
  const nodes: ImageNode<T>[] = [];
  images.forEach((image, i) => {
    const small = Math.min(image.width, image.height) < policy.smallSide;
    const fineHash = image.fineHash ?? null;
    // A small image without a fine hash has nothing reliable to compare: a node of its own.
    const key = small ? (fineHash ? `f${fineHash}` : `#${i}`) : `d${image.dhash}`;
    let n = nodeOf.get(key);
    if (n === undefined) {
      n = nodes.push({ weight: 0, small, dhash: image.dhash, fineHash, images: [] }) - 1;
      nodeOf.set(key, n);
    }
    nodes[n].weight += 1;
    nodes[n].fineHash ??= fineHash;
    nodes[n].images.push(image);
  });
  const coarse = new NearDuplicateIndex<number>(policy.dhashBits, 64);
  const fine = new NearDuplicateIndex<number>(policy.fineHashBits, 256);
  nodes.forEach((node, i) => {
    if (!node.small) coarse.add(i, node.dhash);
    if (node.fineHash) fine.add(i, node.fineHash);
  });
  const edges: GroupEdge[] = [];
  nodes.forEach((node, a) => {
    if (!node.small) {
      for (const hit of coarse.within(node.dhash)) if (hit.items[0] > a) edges.push({ a, b: hit.items[0], distance: hit.distance, limit: policy.dhashBits });
    } else if (node.fineHash) {
      for (const hit of fine.within(node.fineHash)) {
        for (const b of hit.items) {
          if (b === a || (nodes[b].small && b < a)) continue; // a small–small pair is found from both ends
          edges.push({ a, b, distance: hit.distance, limit: policy.fineHashBits });
        }
      }
    }
  });
  return { nodes, edges };
}

/** Groups whose members sit in more than one split: near-duplicates that leak between them. */
export function straddlingGroups<T>(groups: readonly (readonly T[])[], splitOf: (member: T) => string): T[][] {
  return groups.filter((g) => new Set(g.map(splitOf)).size > 1).map((g) => [...g]);
}

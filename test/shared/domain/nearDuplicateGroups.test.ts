import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex, hammingHex } from '../../../shared/domain/dhash';
import { groupImages, groupNodes, straddlingGroups } from '../../../shared/domain/nearDuplicateGroups';
import { mulberry32 } from '../../../shared/domain/mulberry32';

const random = mulberry32(7);
const hex = (digits: number, r = random) => Array.from({ length: digits }, () => Math.floor(r() * 16).toString(16)).join('');

/** Flips `bits` distinct bits of a hex hash. */
function flip(hash: string, bits: number, r = random): string {
  const chars = hash.split('').map((c) => parseInt(c, 16));
  const picked = new Set<number>();
  while (picked.size < bits) picked.add(Math.floor(r() * hash.length * 4));
  for (const bit of picked) chars[bit >> 2] ^= 1 << (bit & 3);
  return chars.map((c) => c.toString(16)).join('');
}

describe('the near-duplicate index misses nothing', () => {
  it.each([
    ['64-bit hashes at 6 bits', 64, 6],
    ['64-bit hashes at 11 bits', 64, 11],
    ['256-bit hashes at 8 bits', 256, 8],
  ])('finds exactly the hashes a full scan finds: %s', (_, bits, distance) => {
    const index = new NearDuplicateIndex<number>(distance, bits);
    // Half the hashes share long runs of zero bits, as flat image backgrounds make them.
    const hashes = Array.from({ length: 1500 }, (_, i) => (i % 2 ? hex(bits / 4) : `${'0'.repeat(bits / 8)}${hex(bits / 8)}`));
    for (let i = 0; i < 300; i++) hashes.push(flip(hashes[i], 1 + (i % (distance + 2))));
    hashes.forEach((h, i) => index.add(i, h));
    for (let q = 0; q < hashes.length; q += 17) {
      const expected = hashes.map((h, i) => (hammingHex(h, hashes[q]) <= distance ? i : -1)).filter((i) => i >= 0);
      const found = index.within(hashes[q], distance).flatMap((hit) => hit.items);
      expect(found.sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('ten thousand identical frames are one entry, found at once', () => {
    const index = new NearDuplicateIndex<number>(4);
    for (let i = 0; i < 10_000; i++) index.add(i, '0123456789abcdef');
    expect(index.size).toBe(1);
    expect(index.within('0123456789abcdee')).toEqual([{ hash: '0123456789abcdef', distance: 1, items: expect.any(Array) }]);
    expect(index.within('0123456789abcdef')[0].items).toHaveLength(10_000);
  });
});

describe('near-duplicate groups', () => {
  const big = (dhash: string) => ({ dhash, width: 256, height: 192 });

  it('a chain A–X–C is one group even though A and C are far apart', () => {
    const [a, x, c] = ['0000000000000000', '000000000000001f', '00000000000003ff'];
    expect([hammingHex(a, x), hammingHex(x, c), hammingHex(a, c)]).toEqual([5, 5, 10]);
    const { groups } = groupImages([big(a), big(c), big(x), big('ffffffffffffffff')]);
    expect(groups.map((g) => g.length).sort()).toEqual([1, 3]);
  });

  it('a group over the cap is cut at a stricter threshold, and says so', () => {
    // Ten images, each 3 bits from the next: one chain at 6 bits, single images at 2.
    const chain = [hex(16)];
    for (let i = 1; i < 10; i++) chain.push(flip(chain[i - 1], 3));
    const { groups, resplit } = groupImages(chain.map(big), 4);
    expect(groups.every((g) => g.length <= 4)).toBe(true);
    expect(resplit).toEqual([expect.objectContaining({ images: 10, stillOversized: false })]);
    expect(resplit[0].stricterBy).toBeGreaterThan(0);
  });

  it('identical images over the cap cannot be cut, and are reported as such', () => {
    const { groups, resplit } = groupNodes([{ weight: 30 }], [], 10);
    expect(groups).toEqual([[0]]);
    expect(resplit).toEqual([{ images: 30, stricterBy: 0, parts: 1, largestPart: 30, stillOversized: true }]);
  });

  it('small images are compared by their fine hash, not by the coarse dHash they share', () => {
    const fineA = hex(64);
    const images = [
      { dhash: '0000000000000000', fineHash: fineA, width: 28, height: 28 },
      { dhash: '0000000000000000', fineHash: hex(64), width: 28, height: 28 },
      { dhash: 'ffff000000000000', fineHash: flip(fineA, 2), width: 28, height: 28 },
    ];
    const { groups } = groupImages(images);
    expect(groups.map((g) => g.map((i) => images.indexOf(i)).sort())).toEqual(expect.arrayContaining([[0, 2], [1]]));
  });

  it('reports the groups whose members sit in different splits', () => {
    const groups = [['a1', 'a2'], ['b1', 'b2'], ['c']];
    const split: Record<string, string> = { a1: 'train', a2: 'train', b1: 'train', b2: 'test', c: 'val' };
    expect(straddlingGroups(groups, (m) => split[m])).toEqual([['b1', 'b2']]);
  });
});

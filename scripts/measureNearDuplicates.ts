// Measures how well the near-duplicate hashes tell small images apart, on Fashion-MNIST
// (70,000 distinct 28×28 product photos): how many distinct images fall within k bits of
// another (false near-duplicates), the largest group they chain into, and how many real
// near-duplicates (re-encoded, brightened, upscaled copies) stay within k bits of their original.
// Run: npx tsx scripts/measureNearDuplicates.ts [COUNT]   (results: docs/near-duplicates.md)
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { differenceHash, fineDifferenceHash, type RawImage } from '../electron/services/ingest/dhash';
import { debianFashionMnistDir, fashionMnistFiles } from '../electron/worker/datasets/fashionMnist';
import { readIdxFile } from '../electron/worker/datasets/idx';
import { hammingHex } from '../shared/domain/dhash';
import { groupImages, nearDuplicatePolicy } from '../shared/domain/nearDuplicateGroups';

async function importHashes(encoded: Buffer): Promise<{ dhash: string; fineHash: string }> {
  const { data, info } = await sharp(encoded).rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const raw: RawImage = { data, width: info.width, height: info.height, channels: info.channels };
  return { dhash: await differenceHash(raw), fineHash: await fineDifferenceHash(raw) };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 70_000);
  const pixels: Buffer[] = [];
  for (const file of [fashionMnistFiles.trainImages, fashionMnistFiles.testImages]) {
    const idx = await readIdxFile(join(debianFashionMnistDir, file), 3);
    for (let i = 0; i < idx.shape[0] && pixels.length < count; i++) pixels.push(Buffer.from(idx.data.subarray(i * 784, (i + 1) * 784)));
  }
  const grey = (p: Buffer) => sharp(p, { raw: { width: 28, height: 28, channels: 1 } });
  // Hashing 70,000 images takes minutes: MEASURE_CACHE=FILE keeps them between runs.
  const cache = process.env.MEASURE_CACHE;
  let hashes: { dhash: string; fineHash: string }[] = [];
  if (cache && existsSync(cache)) hashes = JSON.parse(await readFile(cache, 'utf8')).slice(0, count);
  if (hashes.length < pixels.length) {
    hashes = [];
    for (let start = 0; start < pixels.length; start += 256) {
      hashes.push(...(await Promise.all(pixels.slice(start, start + 256).map(async (p) => importHashes(await grey(p).png().toBuffer())))));
    }
    if (cache) await writeFile(cache, JSON.stringify(hashes));
  }
  console.log(`${hashes.length} images; distinct 64-bit dHashes ${new Set(hashes.map((h) => h.dhash)).size}, distinct fine hashes ${new Set(hashes.map((h) => h.fineHash)).size}`);
  for (const hash of ['dhash', 'fineHash'] as const) {
    console.log(`\n${hash}: k | images in a group of 2+ | largest group | groups of 2+`);
    for (const k of hash === 'dhash' ? [0, 1, 2, 4, 6] : [0, 1, 2, 3, 4, 5, 6, 8]) {
      // Compare every pair with this hash: treat all images as large (dHash) or all as small (fine hash).
      const side = hash === 'dhash' ? 28 : 1000;
      const policy = { ...nearDuplicatePolicy, smallSide: side, dhashBits: k, fineHashBits: k };
      const images = hashes.map((h) => ({ ...h, width: 28, height: 28 }));
      const t0 = performance.now();
      const { groups } = groupImages(images, Infinity, hash === 'dhash' ? policy : { ...policy, smallSide: 1000 });
      const multi = groups.filter((g) => g.length > 1);
      const inMulti = multi.reduce((s, g) => s + g.length, 0);
      const ms = Math.round(performance.now() - t0);
      console.log(`${k} | ${inMulti} (${((100 * inMulti) / hashes.length).toFixed(2)} %) | ${Math.max(...groups.map((g) => g.length))} | ${multi.length} | ${ms} ms`);
    }
  }
  const sampleSize = Math.min(1000, pixels.length);
  const transforms: Record<string, (p: Buffer) => Promise<Buffer>> = {
    'JPEG quality 85': (p) => grey(p).jpeg({ quality: 85 }).toBuffer(),
    'WebP quality 80': (p) => grey(p).webp({ quality: 80 }).toBuffer(),
    'brighter ×1.05': (p) => grey(Buffer.from(p.map((v) => Math.min(255, Math.round(v * 1.05))))).png().toBuffer(),
    'upscaled to 56 px': (p) => grey(p).resize(56, 56).png().toBuffer(),
  };
  console.log(`\nreal near-duplicates of the first ${sampleSize} images: share within 0 / 1 / 2 / 4 / 6 / 8 bits`);
  for (const [name, transform] of Object.entries(transforms)) {
    const d = { dhash: [] as number[], fineHash: [] as number[] };
    for (let i = 0; i < sampleSize; i++) {
      const copy = await importHashes(await transform(pixels[i]));
      d.dhash.push(hammingHex(hashes[i].dhash, copy.dhash));
      d.fineHash.push(hammingHex(hashes[i].fineHash, copy.fineHash));
    }
    const within = (ds: number[], k: number) => ((100 * ds.filter((x) => x <= k).length) / ds.length).toFixed(1);
    for (const hash of ['dhash', 'fineHash'] as const) console.log(`${name}, ${hash}: ${[0, 1, 2, 4, 6, 8].map((k) => within(d[hash], k)).join(' / ')} %`);
  }
}

void main();

import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runImport } from '../../../../electron/services/ingest';
import { hammingHex } from '../../../../shared/domain/dhash';
import { nearDuplicateBytes, writeBytes, writeImage } from '../../../helpers/images';
import { projectPerTest } from '../../../helpers/tempProject';

const big = { width: 256, height: 192 };
const t = projectPerTest();

describe('duplicates', () => {
  it('skips an exact copy within one import and names the file it copies', async () => {
    const dir = join(t.root, 'photos');
    const original = await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    await writeBytes(join(dir, 'b-copy.png'), await readFile(original));
    await writeBytes(join(dir, 'nested', 'c-copy.png'), await readFile(original));
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    expect(report.imported).toBe(1);
    expect(report.duplicates).toEqual([
      { path: join(dir, 'b-copy.png'), duplicateOf: original },
      { path: join(dir, 'nested', 'c-copy.png'), duplicateOf: original },
    ]);
  });

  it('skips files the t.project already holds when the same folder is imported again', async () => {
    const dir = join(t.root, 'photos');
    const first = await writeImage(join(dir, 'a.png'), 'png', { seed: 1 });
    await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    const moved = join(t.root, 'elsewhere', 'same-bytes.png');
    await writeBytes(moved, await readFile(first));
    await writeImage(join(dir, 'new.png'), 'png', { seed: 2 });
    const again = await runImport(t.project, { sources: [dir, moved], labelsFrom: 'none' });
    expect(again.imported).toBe(1);
    expect(again.duplicates).toEqual([
      { path: first, duplicateOf: first },
      { path: moved, duplicateOf: first },
    ]);
    expect(t.project.samples.size).toBe(2);
  });

  it('sample ids are the first 16 hex digits of the content hash', async () => {
    const path = await writeImage(join(t.root, 'one.png'), 'png', { seed: 4 });
    await runImport(t.project, { sources: [path], labelsFrom: 'none' });
    const [sample] = t.project.samples.all;
    expect(sample.id).toBe(sample.hash.slice(0, 16));
    expect(sample.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('near-duplicates', () => {
  it('a slightly shifted, brighter copy gets a close dHash and the same split, in one import', async () => {
    const dir = join(t.root, 'pairs');
    for (let i = 0; i < 30; i++) {
      await writeImage(join(dir, `p${i}-a.png`), 'png', { seed: 100 + i, ...big });
      await writeBytes(join(dir, `p${i}-b.png`), await nearDuplicateBytes('png', { seed: 100 + i, ...big }));
    }
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'none' }, { limits: { batchSize: 25 } });
    expect(report.imported).toBe(60);
    const byName = new Map(t.project.samples.all.map((s) => [s.relativePath, s]));
    const splits = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const a = byName.get(`p${i}-a.png`)!;
      const b = byName.get(`p${i}-b.png`)!;
      expect(hammingHex(a.dhash, b.dhash)).toBeLessThanOrEqual(4);
      expect(b.split).toBe(a.split);
      splits.add(a.split);
    }
    expect(splits.size).toBeGreaterThan(1); // the pairs themselves are spread over splits
  });

  it('a near-duplicate imported later takes the split of the sample already held', async () => {
    const first = join(t.root, 'first');
    for (let i = 0; i < 20; i++) await writeImage(join(first, `x${i}.png`), 'png', { seed: 300 + i, ...big });
    await runImport(t.project, { sources: [first], labelsFrom: 'none' });
    const later = join(t.root, 'later');
    for (let i = 0; i < 20; i++) await writeBytes(join(later, `x${i}-again.png`), await nearDuplicateBytes('png', { seed: 300 + i, ...big }));
    const report = await runImport(t.project, { sources: [later], labelsFrom: 'none' });
    expect(report.imported).toBe(20);
    const byName = new Map(t.project.samples.all.map((s) => [s.relativePath, s]));
    for (let i = 0; i < 20; i++) {
      const [original, copy] = [byName.get(`x${i}.png`)!, byName.get(`x${i}-again.png`)!];
      expect(hammingHex(original.dhash, copy.dhash), `x${i} is a near-duplicate`).toBeLessThanOrEqual(t.project.samples.nearDuplicates.maxDistance);
      expect(copy.split, `x${i}`).toBe(original.split);
    }
  });
});

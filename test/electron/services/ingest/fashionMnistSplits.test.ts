import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runImport } from '../../../../electron/services/ingest';
import { splitReport } from '../../../../electron/services/splits/splitReport';
import type { Split } from '../../../../shared/contract/schemas';
import { hasFashionMnist, writeFashionMnistFolders } from '../../../helpers/fashionMnistFolders';
import { projectPerTest } from '../../../helpers/tempProject';

const t = projectPerTest();
const shares: Record<Split, number> = { train: 0.8, val: 0.1, test: 0.1 };

/** The rule: each class within ±1 image or 1 % of its own images, whichever is larger. */
function offTarget(counts: Record<Split, number>): string[] {
  const n = counts.train + counts.val + counts.test;
  const tolerance = Math.max(1, 0.01 * n);
  return (['train', 'val', 'test'] as const).filter((s) => Math.abs(counts[s] - shares[s] * n) > tolerance).map((s) => `${s} ${counts[s]} of ${n}`);
}

// Before the fix, 179 of 451 test images of this import were one class: the 64-bit dHash of
// a 28×28 image chains 83.8 % of Fashion-MNIST into one group at 6 bits. Small images now
// compare 256-bit fine hashes at 2 bits (0.5 % of distinct images grouped, the largest group
// 76 of 70,000): docs/near-duplicates.md has the measurement.
describe.skipIf(!hasFashionMnist)('splits of a real small-image dataset (Fashion-MNIST, dataset-fashion-mnist)', () => {
  it('3,000 images imported from class folders: every class gets its own 80/10/10 share', async () => {
    const dir = join(t.root, 'fashion');
    await writeFashionMnistFolders(dir, 3000);
    const report = await runImport(t.project, { sources: [dir], labelsFrom: 'folders' });
    expect(report.imported).toBe(3000);
    const perClass = new Map<string, Record<Split, number>>();
    for (const s of t.project.samples.all) {
      const counts = perClass.get(s.importedLabel!) ?? { train: 0, val: 0, test: 0 };
      counts[s.split] += 1;
      perClass.set(s.importedLabel!, counts);
    }
    expect(perClass.size).toBe(10);
    const problems = [...perClass].flatMap(([name, counts]) => offTarget(counts).map((p) => `${name}: ${p}`));
    expect(problems).toEqual([]);
    // The split report says the same, and no near-duplicate group straddles splits.
    const split = splitReport(t.project);
    expect(split.strata.filter((s) => !s.withinTolerance)).toEqual([]);
    expect(split.groups.straddling).toEqual([]);
    expect(report.splits.bridges).toEqual([]);
  }, 300_000);

  it('imported without labels, every true class still gets close to a 10 % test share (no near-duplicate chain swallows one)', async () => {
    const dir = join(t.root, 'fashion');
    await writeFashionMnistFolders(dir, 3000);
    await runImport(t.project, { sources: [dir], labelsFrom: 'none' });
    const test = new Map<string, { test: number; all: number }>();
    for (const s of t.project.samples.all) {
      const trueClass = s.relativePath.split('/')[0];
      const c = test.get(trueClass) ?? { test: 0, all: 0 };
      c.all += 1;
      if (s.split === 'test') c.test += 1;
      test.set(trueClass, c);
    }
    // About 300 images per class: a seeded random 10 % has a standard deviation near 1.7
    // points, so 5 points is three of them (the issue measured 6.9 % to 15.7 % with the old rule).
    for (const [name, c] of test) expect(Math.abs(c.test / c.all - 0.1), `${name}: ${c.test} of ${c.all}`).toBeLessThan(0.05);
    expect(splitReport(t.project).strata).toEqual([expect.objectContaining({ label: null, total: 3000, withinTolerance: true })]);
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { SplitPlanner } from '../../../../electron/services/ingest/splitPlanner';
import type { PreparedSample } from '../../../../electron/services/ingest/types';
import type { Split } from '../../../../shared/contract/schemas';
import { fakeSample, projectPerTest } from '../../../helpers/tempProject';

const t = projectPerTest();

/** A prepared 256×192 image with the given 64-bit dHash (no pixels needed to plan a split). */
function prepared(n: number, dhash: string, importedLabel: string | null = null): PreparedSample {
  const hash = createHash('sha256').update(`new-${n}`).digest('hex');
  return { path: `/new/${n}.png`, relativePath: `${n}.png`, hash, dhash, fineHash: hash, width: 256, height: 192, format: 'png', bytes: 1, importedLabel };
}

async function hold(n: number, dhash: string, split: Split) {
  const sample = { ...fakeSample(n, split), dhash, width: 256, height: 192 };
  await t.project.samples.add([sample]);
  t.project.splits.record('', split);
  return sample;
}

const far = (i: number) => createHash('md5').update(String(i)).digest('hex').slice(0, 16);

describe('frozen splits hold across imports', () => {
  it('a new image near a held sample joins that sample\'s split, whatever the balance says', async () => {
    await hold(1, '0000000000000000', 'test');
    const planner = new SplitPlanner(t.project, 1);
    const splits = planner.plan([prepared(1, '0000000000000003')]);
    expect([...splits.values()]).toEqual(['test']);
    expect(planner.report).toMatchObject({ joinedEarlier: 1, bridges: [] });
  });

  it('a new image near held samples in two splits is reported as a bridge', async () => {
    const a = await hold(1, '0000000000000000', 'train');
    const c = await hold(2, '00000000000003ff', 'test');
    const planner = new SplitPlanner(t.project, 1);
    const x = prepared(3, '000000000000001f'); // 5 bits from each
    planner.plan([x]);
    expect(planner.report.bridges).toEqual([{ paths: [x.path], heldSamples: [a.id, c.id], heldSplits: { train: 1, test: 1 }, chosen: 'train' }]);
  });

  it('a group of near-duplicates arriving together lands whole in one split', async () => {
    const planner = new SplitPlanner(t.project, 200);
    const batch = [0, 1, 3, 7, 15].map((bits, i) => prepared(i, `000000000000${bits.toString(16).padStart(4, '0')}`, 'cat'));
    for (let i = 0; i < 95; i++) batch.push(prepared(100 + i, far(i), 'cat'));
    const splits = planner.plan(batch);
    expect(new Set(batch.slice(0, 5).map((p) => splits.get(p.hash))).size).toBe(1);
    expect(planner.report.groups).toBe(1);
  });
});

describe('balance with groups', () => {
  it('many near-duplicate pairs and triples still give every class 80/10/10 within ±1 image or 1 %', async () => {
    const planner = new SplitPlanner(t.project, 3000);
    const counts = new Map<string, Record<Split, number>>();
    let n = 0;
    for (let batch = 0; batch < 30; batch++) {
      const items: PreparedSample[] = [];
      while (items.length < 100) {
        const label = ['cat', 'dog', 'bird'][n % 3];
        const base = far(n);
        const size = 1 + (n % 4); // singles, pairs, triples and fours of near-duplicates
        for (let k = 0; k < size; k++) items.push(prepared(n * 10 + k, base.slice(0, 15) + k.toString(16), label));
        n++;
      }
      const splits = planner.plan(items);
      await t.project.samples.add(items.map((p) => ({ id: p.hash.slice(0, 16), ...p, split: splits.get(p.hash)!, addedAt: '' })));
      for (const p of items) {
        planner.hold(t.project.samples.get(p.hash.slice(0, 16))!);
        const c = counts.get(p.importedLabel!) ?? { train: 0, val: 0, test: 0 };
        c[splits.get(p.hash)!] += 1;
        counts.set(p.importedLabel!, c);
      }
    }
    for (const [label, c] of counts) {
      const total = c.train + c.val + c.test;
      const tolerance = Math.max(1, 0.01 * total);
      for (const [split, share] of [['train', 0.8], ['val', 0.1], ['test', 0.1]] as const) {
        expect(Math.abs(c[split] - share * total), `${label} ${split}: ${c[split]} of ${total}`).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fineTuneAdvice, measuredFineTuneGains, type FineTuneEvidence } from '../../../shared/ml/fineTuneEvidence';

const row = (labels: number, frozenTest: number, tunedTest: number): FineTuneEvidence => ({ dataset: 'Fashion-MNIST', labels, frozenTest, tunedTest, testCount: 2000, backend: 'wasm', secondsPerEpoch: 10 });

describe('whether fine-tuning pays, as the Model tab says it', () => {
  it('goes by the measurement nearest in label count and names it, with its n', () => {
    const evidence = [row(200, 0.6, 0.6), row(1000, 0.75, 0.79), row(5000, 0.8, 0.8)];
    expect(fineTuneAdvice(900, evidence)).toEqual({ pays: true, text: 'Pays here: +4.0 points, measured on Fashion-MNIST at 1,000 labels: 79.0 % fine-tuned vs 75.0 % frozen + head (test n = 2,000).' });
    expect(fineTuneAdvice(150, evidence)).toMatchObject({ pays: false, text: expect.stringMatching(/^Does not pay here: \+0\.0 points, measured on Fashion-MNIST at 200 labels/) });
    expect(fineTuneAdvice(3000, evidence).text).toMatch(/at 5,000 labels/);
  });

  it('says nothing when there is no measurement or no label', () => {
    expect(fineTuneAdvice(100, [])).toEqual({ pays: null, text: 'No measurement to go by yet.' });
    expect(fineTuneAdvice(0, [row(200, 0.6, 0.7)]).pays).toBeNull();
  });

  it('shows the figures bench:finetune wrote to docs/fine-tuning.json, not others', () => {
    const measured = JSON.parse(readFileSync(join(import.meta.dirname, '../../../docs/fine-tuning.json'), 'utf8')) as {
      backend: string;
      test: number;
      rows: { labels: number; frozen: { test: number }; tuned: { test: number }; secondsPerEpoch: number }[];
    };
    expect(measuredFineTuneGains.map((g) => [g.labels, g.frozenTest, g.tunedTest, g.testCount, g.backend])).toEqual(
      measured.rows.map((r) => [r.labels, r.frozen.test, r.tuned.test, measured.test, measured.backend]),
    );
    for (const [i, g] of measuredFineTuneGains.entries()) expect(g.secondsPerEpoch).toBeCloseTo(measured.rows[i].secondsPerEpoch, 1);
  });
});

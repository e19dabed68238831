import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateCommand, splitSpecs } from '../../../../electron/cli/commands/simulate';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { labelsToTarget } from '../../../../electron/worker/simulation/labelsToTarget';
import { simulate, type SimulationData } from '../../../../electron/worker/simulation/simulate';
import type { SimulationHooks, SimulationSettings } from '../../../../electron/worker/simulation/types';
import { selectBackend } from '../../../../electron/worker/tf/backend';

beforeAll(async () => {
  await selectBackend({ only: ['wasm'] });
});

/** Three classes of 6×6 "images": a bright row, column or diagonal, plus noise. */
function patterns(count: number, seed: number): SimulationData['train'] {
  const random = seededRandom(seed);
  const x = new Float32Array(count * 36);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = i % 3;
    for (let r = 0; r < 6; r++) {
      for (let c = 0; c < 6; c++) {
        const lit = y[i] === 0 ? r === 2 : y[i] === 1 ? c === 3 : r === c;
        x[i * 36 + r * 6 + c] = Math.min(1, Math.max(0, (lit ? 0.6 : 0.2) + random.normal() * 0.25));
      }
    }
  }
  return { x, y, count, dim: 36 };
}

const settings = (over: Partial<SimulationSettings> = {}): SimulationSettings => ({
  strategies: ['random', 'entropy', 'bald', 'hybrid'],
  initial: 12,
  batch: 12,
  rounds: 2,
  seeds: [1, 2],
  pool: 200,
  target: 0.8,
  initialStrategy: 'cold-start',
  head: { epochs: 10, batchSize: 32 },
  mcPasses: 4,
  valPerClass: 2,
  tuningCarve: 50,
  evaluateOn: 'test',
  roundsAfterTarget: null,
  ...over,
});

describe('simulation', () => {
  const data: SimulationData = { classNames: ['row', 'column', 'diagonal'], train: patterns(300, 1), test: patterns(90, 2) };

  it('reports a learning curve per strategy and seed in the documented JSON shape', async () => {
    const report = await simulate(data, settings());
    expect(Object.keys(report)).toEqual(['strategies', 'target', 'evaluatedOn']);
    expect(report).toMatchObject({ target: 0.8, evaluatedOn: 'test' });
    expect(Object.keys(report.strategies)).toEqual(['random', 'entropy', 'bald', 'hybrid']);
    for (const runs of Object.values(report.strategies)) {
      expect(Object.keys(runs)).toEqual(['seeds', 'labelsToTarget']);
      expect(runs.seeds.map((s) => s.seed)).toEqual([1, 2]);
      for (const run of runs.seeds) {
        expect(Object.keys(run)).toEqual(['seed', 'curve', 'labelsToTarget']);
        expect(run.curve.map((p) => p.labels)).toEqual([12, 24, 36]);
        // Better than chance (1/3) from the first round on.
        for (const p of run.curve) expect(p.accuracy).toBeGreaterThan(0.4);
      }
    }
    // Every strategy starts from the same first batch for a seed, so round 0 is identical.
    const firsts = Object.values(report.strategies).map((r) => r.seeds[0].curve[0].accuracy);
    expect(new Set(firsts).size).toBe(1);
  });

  it('asks for val labels as the labeling queue does: every fourth label, until each class has enough', async () => {
    const rounds: Parameters<NonNullable<SimulationHooks['onRound']>>[0][] = [];
    const report = await simulate(data, settings({ strategies: ['margin'], seeds: [1], rounds: 3 }), { onRound: (r) => rounds.push(r) });
    const valCounts = report.strategies.margin.seeds[0].curve.map((p) => p.val);
    // 3 of the first 12 labels are val asks (slots 3, 7, 11); asks stop once every class has 2.
    expect(valCounts[0]).toBe(3);
    expect(valCounts.at(-1)).toBeGreaterThanOrEqual(6);
    const last = rounds.at(-1)!.labeled;
    const valRows = last.filter((l) => l.split === 'val').map((l) => l.row);
    const perClass = [0, 1, 2].map((c) => valRows.filter((r) => data.train.y[r] === c).length);
    expect(Math.min(...perClass)).toBeGreaterThanOrEqual(2);
    // Once every class had 2, no more val asks: the count stops growing.
    expect(valCounts.at(-1)).toBe(valCounts.at(-2));
    expect(last.some((l) => l.split === 'test')).toBe(false);
  });

  it('choosing settings on the tuning carve never reads the test set', async () => {
    const scrambled = { ...data, test: { ...data.test, y: data.test.y.map((c) => (c + 1) % 3) as Int32Array } };
    const on = (d: SimulationData) => simulate(d, settings({ strategies: ['margin'], seeds: [1], evaluateOn: 'tuning' }));
    const [a, b] = [await on(data), await on(scrambled)];
    expect(a.evaluatedOn).toBe('tuning');
    expect(a.strategies.margin.seeds[0].curve).toEqual(b.strategies.margin.seeds[0].curve);
    expect(a.strategies.margin.seeds[0].curve.at(-1)!.accuracy).toBeGreaterThan(0.8);
    await expect(simulate(data, settings({ evaluateOn: 'tuning', pool: 290 }))).rejects.toThrow(/Tuning needs 50 training images/);
  });

  it('a strategy with a named departure from its paper is reported under its own name', async () => {
    const report = await simulate(data, settings({ strategies: ['k-center', 'k-center:subsample=50,projection=8', 'entropy:shortlist=40'], seeds: [1], rounds: 1 }));
    expect(Object.keys(report.strategies)).toEqual(['k-center', 'k-center:subsample=50,projection=8', 'entropy:shortlist=40']);
    expect(splitSpecs('random,k-center:subsample=50,projection=8,bald')).toEqual(['random', 'k-center:subsample=50,projection=8', 'bald']);
    await expect(simulate(data, settings({ strategies: ['bald:shortlst=4'] }))).rejects.toThrow(/Unknown strategy option "shortlst"/);
  });

  it('a run can stop a set number of rounds after it first reached the target', async () => {
    const report = await simulate(data, settings({ strategies: ['margin'], seeds: [1], rounds: 6, target: 0.5, roundsAfterTarget: 1 }));
    const curve = report.strategies.margin.seeds[0].curve;
    const first = curve.findIndex((p) => p.accuracy >= 0.5);
    expect(curve.length).toBe(first + 2);
  });

  it('Ctrl+C stops between rounds and keeps what finished', async () => {
    const controller = new AbortController();
    const report = await simulate(data, settings({ strategies: ['random', 'margin'], seeds: [1] }), {
      signal: controller.signal,
      progress: (message) => {
        if (message.startsWith('random seed 1 round 1')) controller.abort();
      },
    });
    expect(report.strategies.random.seeds[0].curve.map((p) => p.labels)).toEqual([12, 24]);
    expect(report.strategies.margin.seeds).toEqual([]);
    expect(report.strategies.margin.labelsToTarget).toBeNull();
  });

  it('labels to target are those of the first round at or above it, never interpolated', () => {
    const curve = [
      { labels: 100, val: 25, accuracy: 0.7 },
      { labels: 200, val: 50, accuracy: 0.78 },
      { labels: 300, val: 60, accuracy: 0.82 },
      { labels: 400, val: 60, accuracy: 0.79 },
      { labels: 500, val: 60, accuracy: 0.85 },
    ];
    // Interpolating between 200 and 300 would say 250: no model was ever trained on 250 labels.
    expect(labelsToTarget(curve, 0.8)).toBe(300);
    expect(labelsToTarget(curve, 0.84)).toBe(500);
    expect(labelsToTarget(curve, 0.6)).toBe(100);
    expect(labelsToTarget(curve, 0.9)).toBeNull();
  });

  it('the CLI simulates on an image folder and writes the plot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simulate-'));
    for (const [name, colour] of [['red', { r: 220, g: 30, b: 30 }], ['blue', { r: 30, g: 30, b: 220 }]] as const) {
      await mkdir(join(dir, 'images', name), { recursive: true });
      for (let i = 0; i < 15; i++) {
        const shade = (v: number) => Math.min(255, v + i * 4);
        await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: shade(colour.r), g: shade(colour.g), b: shade(colour.b) } } })
          .png()
          .toFile(join(dir, 'images', name, `${i}.png`));
      }
    }
    const messages: string[] = [];
    const values = { dataset: join(dir, 'images'), strategies: 'random,margin', initial: '4', batch: '4', rounds: '1', seeds: '1', head: 'epochs=5', plot: join(dir, 'curve.svg') };
    const report = await simulateCommand.run({ positionals: [], values, json: true, progress: (m) => messages.push(m), signal: new AbortController().signal });
    expect(report.strategies.margin.seeds[0].curve.map((p) => p.labels)).toEqual([4, 8]);
    expect(messages.some((m) => m.includes('the rest by random'))).toBe(true);
    expect(await readFile(join(dir, 'curve.svg'), 'utf8')).toContain('data-strategy="margin"');
    expect(simulateCommand.format!(report)).toMatch(/Labels of the first round at 80% test accuracy/);
    const run = (over: Record<string, string>) => simulateCommand.run({ positionals: [], values: { ...values, ...over }, json: true, progress: () => {}, signal: new AbortController().signal });
    await expect(run({ target: '3' })).rejects.toThrow(/--target must be/);
    await expect(run({ head: 'l3=1' })).rejects.toThrow(/unknown setting "l3"/);
    await expect(run({ 'evaluate-on': 'val' })).rejects.toThrow(/--evaluate-on must be test or tuning/);
  });
});

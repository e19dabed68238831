import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateCommand } from '../../../../electron/cli/commands/simulate';
import { seededRandom } from '../../../../electron/worker/acquisition/seededRandom';
import { defaultHeadConfig } from '../../../../electron/worker/heads/index';
import { labelsToTarget } from '../../../../electron/worker/simulation/labelsToTarget';
import { simulate, type SimulationData } from '../../../../electron/worker/simulation/simulate';
import type { SimulationSettings } from '../../../../electron/worker/simulation/types';
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
  initial: 10,
  batch: 10,
  rounds: 2,
  seeds: [1, 2],
  pool: 200,
  target: 0.8,
  initialStrategy: 'cold-start',
  head: { ...defaultHeadConfig('linear'), epochs: 10, batchSize: 32 },
  mcPasses: 4,
  ...over,
});

describe('simulation', () => {
  const data: SimulationData = { classNames: ['row', 'column', 'diagonal'], train: patterns(300, 1), test: patterns(90, 2) };

  it('reports a learning curve per strategy and seed in the documented JSON shape', async () => {
    const report = await simulate(data, settings());
    expect(Object.keys(report)).toEqual(['strategies', 'target']);
    expect(report.target).toBe(0.8);
    expect(Object.keys(report.strategies)).toEqual(['random', 'entropy', 'bald', 'hybrid']);
    for (const runs of Object.values(report.strategies)) {
      expect(Object.keys(runs)).toEqual(['seeds', 'labelsToTarget']);
      expect(runs.seeds.map((s) => s.seed)).toEqual([1, 2]);
      for (const run of runs.seeds) {
        expect(Object.keys(run)).toEqual(['seed', 'curve', 'labelsToTarget']);
        expect(run.curve.map((p) => p.labels)).toEqual([10, 20, 30]);
        for (const p of run.curve) expect(p.accuracy).toBeGreaterThan(0.5);
      }
    }
    // Every strategy starts from the same first batch for a seed, so round 0 is identical.
    const firsts = Object.values(report.strategies).map((r) => r.seeds[0].curve[0].accuracy);
    expect(new Set(firsts).size).toBe(1);
  });

  it('Ctrl+C stops between rounds and keeps what finished', async () => {
    const controller = new AbortController();
    const report = await simulate(data, settings({ strategies: ['random', 'margin'], seeds: [1] }), {
      signal: controller.signal,
      progress: (message) => {
        if (message.startsWith('random seed 1 round 1')) controller.abort();
      },
    });
    expect(report.strategies.random.seeds[0].curve.map((p) => p.labels)).toEqual([10, 20]);
    expect(report.strategies.margin.seeds).toEqual([]);
    expect(report.strategies.margin.labelsToTarget).toBeNull();
  });

  it('labels to target are interpolated between the points around the target, or null', () => {
    const curve = [
      { labels: 100, accuracy: 0.7 },
      { labels: 200, accuracy: 0.78 },
      { labels: 300, accuracy: 0.82 },
    ];
    expect(labelsToTarget(curve, 0.8)).toBe(250);
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
    const values = { dataset: join(dir, 'images'), strategies: 'random,margin', initial: '4', batch: '4', rounds: '1', seeds: '1', plot: join(dir, 'curve.svg') };
    const report = await simulateCommand.run({ positionals: [], values, json: true, progress: (m) => messages.push(m), signal: new AbortController().signal });
    expect(report.strategies.margin.seeds[0].curve.map((p) => p.labels)).toEqual([4, 8]);
    expect(messages.some((m) => m.includes('first 4 labels by random'))).toBe(true);
    expect(await readFile(join(dir, 'curve.svg'), 'utf8')).toContain('data-strategy="margin"');
    expect(simulateCommand.format!(report)).toMatch(/Labels to reach 80% test accuracy/);
    await expect(simulateCommand.run({ positionals: [], values: { ...values, target: '3' }, json: true, progress: () => {}, signal: new AbortController().signal })).rejects.toThrow(/--target must be/);
  });
});

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { learningCurveSvg } from '../../../../electron/worker/plots/learningCurve';
import { linearScale } from '../../../../electron/worker/plots/scale';
import { writeLearningCurve } from '../../../../electron/worker/plots/writePlot';
import type { SimulationReport } from '../../../../electron/worker/simulation/types';

const curve = (accuracies: number[]) => accuracies.map((accuracy, i) => ({ labels: 100 + 100 * i, val: 25, accuracy }));
const report: SimulationReport = {
  target: 0.8,
  evaluatedOn: 'test',
  strategies: {
    random: {
      labelsToTarget: null,
      seeds: [
        { seed: 1, curve: curve([0.65, 0.72, 0.76]), labelsToTarget: null },
        { seed: 2, curve: curve([0.63, 0.7, 0.78]), labelsToTarget: null },
      ],
    },
    'margin & <co>': {
      labelsToTarget: 250,
      seeds: [
        { seed: 1, curve: curve([0.65, 0.78, 0.83]), labelsToTarget: 240 },
        { seed: 2, curve: curve([0.63, 0.77, 0.82]), labelsToTarget: 260 },
      ],
    },
  },
};

describe('learning-curve plot', () => {
  it('draws one mean line and one min–max band per strategy, a dashed target and named axes', () => {
    const svg = learningCurveSvg(report, { title: 'Fashion-MNIST' });
    expect(svg.match(/<path class="curve"/g)).toHaveLength(2);
    expect(svg.match(/<path class="band"/g)).toHaveLength(2);
    expect(svg).toMatch(/class="target"[^>]*stroke-dasharray/);
    expect(svg).toContain('>labels used<');
    expect(svg).toContain('>test accuracy<');
    expect(svg).toContain('250 labels to target');
    expect(svg).toContain('target not reached');
    // Names are escaped, so a strategy name cannot break the SVG.
    expect(svg).toContain('margin &amp; &lt;co&gt;');
    // The mean of the two seeds at 200 labels (0.71) lies between their values.
    const random = svg.match(/data-strategy="random" d="M([^"]+)"/)![1].split('L').map((p) => p.split(',').map(Number));
    expect(random).toHaveLength(3);
  });

  it('writes SVG and PNG files that decode', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plot-'));
    const written = await writeLearningCurve(report, join(dir, 'curve'));
    expect(written).toEqual([join(dir, 'curve.svg'), join(dir, 'curve.png')]);
    const meta = await sharp(await readFile(join(dir, 'curve.png'))).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(1800);
    const stats = await sharp(join(dir, 'curve.png')).stats();
    // Not a blank image: lines and text darken some pixels.
    expect(stats.channels[0].min).toBeLessThan(50);
    await expect(writeLearningCurve(report, join(dir, 'curve.gif'))).rejects.toThrow(/Cannot write a plot as ".gif"/);
  });

  it('ticks fall on round numbers', () => {
    expect(linearScale([100, 1600], [0, 500]).ticks).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600]);
    expect(linearScale([0.6, 0.85], [0, 500]).ticks).toEqual([0.6, 0.65, 0.7, 0.75, 0.8, 0.85]);
  });
});

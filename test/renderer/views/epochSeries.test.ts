import { describe, expect, it } from 'vitest';
import { epochCharts } from '../../../renderer/src/views/model/epochSeries';
import { niceDomain, niceTicks } from '../../../renderer/src/views/charts/scales';
import { epochs } from '../store/fakeLoop';

describe('epoch chart series', () => {
  it('draws train solid and val dashed for loss and accuracy, over the planned epochs', () => {
    const charts = epochCharts(epochs(3), 30);
    expect(charts.loss.map((s) => [s.name, s.dashed ?? false])).toEqual([
      ['train loss', false],
      ['val loss', true],
    ]);
    expect(charts.accuracy[1].points.map((p) => p.y)).toEqual([0.4, 0.5, 0.6000000000000001]);
    expect(charts.epochs).toEqual({ min: 1, max: 30 });
    expect(charts.lossRange).toEqual({ min: 0, max: 1.2 }); // the highest loss, already on a whole tick
  });

  it('marks the best epoch on the val lines', () => {
    const charts = epochCharts(epochs(4), 4, 2);
    const best = charts.loss[1].points.find((p) => p.marker === 'diamond');
    expect(best?.x).toBe(2);
    expect(best?.label).toMatch(/best epoch, kept/);
  });

  it('without val labels there is no val line, and the chart says so', () => {
    const charts = epochCharts(epochs(2, false), 10);
    expect(charts.hasVal).toBe(false);
    expect(charts.loss).toHaveLength(1);
  });

  it('an empty run still has axes to draw into', () => {
    const charts = epochCharts([], null);
    expect(charts.epochs).toEqual({ min: 1, max: 2 });
    expect(charts.lossRange).toEqual({ min: 0, max: 1 });
  });
});

describe('chart ticks', () => {
  it('are round numbers inside the domain', () => {
    expect(niceTicks({ min: 0, max: 1 }, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks({ min: 1, max: 30 }, 5, true)).toEqual([5, 10, 15, 20, 25, 30]);
    expect(niceTicks({ min: 1, max: 3 }, 10, true)).toEqual([1, 2, 3]);
    expect(niceTicks({ min: 0, max: 1240 }, 4)).toEqual([0, 500, 1000]);
  });
});

describe('chart domains', () => {
  it('end on whole ticks so the last point is never past the last label', () => {
    expect(niceDomain({ min: 0, max: 99 })).toEqual({ min: 0, max: 100 });
    expect(niceDomain({ min: 0, max: 1.3 }, 4)).toEqual({ min: 0, max: 1.5 });
    expect(niceDomain({ min: 0, max: 11.7 }, 4)).toEqual({ min: 0, max: 12 });
    expect(niceDomain({ min: 3, max: 3 })).toEqual({ min: 3, max: 3 });
  });
});

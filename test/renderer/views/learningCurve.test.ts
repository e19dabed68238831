import { describe, expect, it } from 'vitest';
import type { ClassDef } from '../../../shared/domain/records';
import { classQuality, curveSeries, roundRows, rowShare } from '../../../renderer/src/views/evaluate/learningCurve';
import { round } from '../store/fakeLoop';

const classes: ClassDef[] = [
  { id: 'cat', name: 'Cat', color: '#ff0000', key: '1', guideline: '', examples: [] },
  { id: 'dog', name: 'Dog', color: '#00ff00', key: '2', guideline: '', examples: [] },
];

describe('the learning curve', () => {
  it('has one point per tested round at its label count, marked by the strategy that picked the labels', () => {
    const rounds = [round(1, 40, 0.6, 'random'), round(2, 80, 0.7, 'margin'), round(3, 120, 0.75, 'margin', { test: null }), round(4, 160, 0.8, 'bald')];
    const { series, labels, markers } = curveSeries(rounds);
    const accuracy = series.find((s) => s.id === 'accuracy')!;
    expect(accuracy.points.map((p) => [p.x, p.y])).toEqual([
      [40, 0.6],
      [80, 0.7],
      [160, 0.8],
    ]);
    expect([...markers]).toEqual([
      ['random', 'circle'],
      ['margin', 'square'],
      ['bald', 'triangle'],
    ]);
    expect(accuracy.points.map((p) => p.marker)).toEqual(['circle', 'square', 'triangle']);
    expect(accuracy.points[1].label).toBe('Round 2 (margin): 80 labels, test accuracy 70.0% on 12 test images');
    expect(series.find((s) => s.id === 'macro-f1')!.points[0].y).toBeCloseTo(0.55);
    expect(labels).toEqual({ min: 0, max: 200 }); // 160 labels, up to the next whole tick
  });

  it('with no rounds the chart is empty but still has axes', () => {
    const { series, labels } = curveSeries([]);
    expect(series.every((s) => s.points.length === 0)).toBe(true);
    expect(labels).toEqual({ min: 0, max: 100 });
  });
});

describe('per-class figures', () => {
  it('name each class and warn where the test labels are fewer than the loop asks for', () => {
    const rows = classQuality(round(1, 40, 0.7).test!, classes, 5);
    expect(rows.map((r) => [r.name, r.support, r.tooFew])).toEqual([
      ['Cat', 10, false],
      ['Dog', 2, true],
    ]);
  });

  it('shade a confusion cell by its share of the true class', () => {
    const confusion = [
      [9, 1],
      [0, 0],
    ];
    expect(rowShare(confusion, 0, 0)).toBeCloseTo(0.9);
    expect(rowShare(confusion, 1, 1)).toBe(0);
  });
});

describe('the rounds table', () => {
  it('lists rounds newest first with the test labels behind each figure and how many classes are short', () => {
    const rows = roundRows([round(1, 40, 0.6, 'random'), round(2, 80, 0.7, 'margin', { test: null })], 5);
    expect(rows.map((r) => [r.round, r.strategy, r.testAccuracy, r.testLabels, r.shortClasses])).toEqual([
      [2, 'margin', null, null, 0],
      [1, 'random', 0.6, 12, 1],
    ]);
  });
});

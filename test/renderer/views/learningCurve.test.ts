import { describe, expect, it } from 'vitest';
import type { ClassDef } from '../../../shared/domain/records';
import { classQuality, curveSeries, roundRows, rowShare } from '../../../renderer/src/views/evaluate/learningCurve';
import { evaluation, round } from '../store/fakeLoop';

const classes: ClassDef[] = [
  { id: 'cat', name: 'Cat', color: '#ff0000', key: '1', guideline: '', examples: [] },
  { id: 'dog', name: 'Dog', color: '#00ff00', key: '2', guideline: '', examples: [] },
];

describe('the learning curve', () => {
  it('has one point per tested round at its label count, marked by what picked its labels, with its interval and n', () => {
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
    expect(accuracy.points[1].label).toBe('Round 2 (margin): 80 labels, test accuracy 70.0% (95% interval 45–85%) on 12 test labels');
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
    expect(rows.map((r) => [r.name, r.support, r.tooFew, r.precision.text])).toEqual([
      ['Cat', 10, false, '90.0%'],
      ['Dog', 2, true, '50.0%'],
    ]);
  });

  it('show "—" and the reason, not 0.0%, for a class with no test labels or never predicted', () => {
    const test = evaluation(0.8, {
      perClass: [
        { classId: 'cat', support: 12, predicted: 12, correct: 10, precision: 10 / 12, recall: 10 / 12, f1: 10 / 12, missing: {} },
        { classId: 'dog', support: 0, predicted: 0, correct: 0, precision: null, recall: null, f1: null, missing: { precision: 'never-predicted', recall: 'no-labels', f1: 'no-labels' } },
      ],
    });
    const [, dog] = classQuality(test, classes, 5);
    expect([dog.precision, dog.recall, dog.f1]).toEqual([
      { text: '—', reason: 'never predicted' },
      { text: '—', reason: 'no test labels' },
      { text: '—', reason: 'no test labels' },
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
  it('lists rounds newest first with the test labels behind each figure, why one has none, and how many classes are short', () => {
    const unscored = round(2, 80, 0.7, 'margin', { test: null, testNote: 'its run’s probabilities are not on disk, so it cannot be scored on today’s test labels' });
    const rows = roundRows([round(1, 40, 0.6, 'random'), unscored], 5);
    expect(rows.map((r) => [r.round, r.strategy, r.testAccuracy?.value ?? null, r.testLabels, r.shortClasses, r.note !== null])).toEqual([
      [2, 'margin', null, null, 0, true],
      [1, 'random', 0.6, 12, 1, false],
    ]);
  });

  it('says what picked a mixed round’s labels, and how often it was retrained on the same labels', () => {
    const mixed = round(3, 120, 0.8, 'mixed', { picked: [{ strategy: 'margin', labels: 12 }, { strategy: 'gallery', labels: 3 }], retrains: 2 });
    expect(roundRows([mixed], 5)[0]).toMatchObject({ strategy: 'mixed: margin 12, gallery 3', retrains: 2 });
  });
});

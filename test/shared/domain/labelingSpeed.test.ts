import { describe, expect, it } from 'vitest';
import { labelingSpeed } from '../../../shared/domain/labelingSpeed';
import { emptyLabelState, type Decision } from '../../../shared/domain/records';

let seq = 0;
const decision = (annotator: string, at: string, seconds: number, kind: Decision['kind'] = 'label'): Decision => ({
  seq: ++seq,
  kind,
  sampleId: `s${seq}`,
  annotator,
  at: `2026-11-22T10:${at}:00.000Z`,
  seconds,
  before: emptyLabelState,
  after: { ...emptyLabelState, classId: kind === 'label' ? 'cat' : null },
});

describe('labeling speed per annotator and per round', () => {
  it('gives labels, the median seconds and labels per hour of item time, computed by hand', () => {
    const journal = [
      decision('import', '00', 0), // imported: counted, never timed
      decision('ana', '01', 2),
      decision('ana', '02', 4),
      decision('ana', '03', 9),
      decision('ana', '03', 1, 'skip'), // a skip is not a label
      decision('bo', '04', 3),
      decision('bo', '05', 5),
      decision('bo', '20', 6),
    ];
    const speed = labelingSpeed(journal, [
      { round: 1, at: '2026-11-22T10:02:30.000Z' },
      { round: 2, at: '2026-11-22T10:10:00.000Z' },
    ]);
    expect(speed.annotators).toEqual([
      // 3 labels in 15 s of item time: median 4 s, 3 / 15 s × 3600 = 720 per hour
      { annotator: 'ana', labels: 3, medianSeconds: 4, perHour: 720 },
      // 3 labels in 14 s: median 5 s, 3 / 14 × 3600 ≈ 771.4 per hour
      { annotator: 'bo', labels: 3, medianSeconds: 5, perHour: (3 / 14) * 3600 },
      { annotator: 'import', labels: 1, medianSeconds: null, perHour: null },
    ]);
    expect(speed.rounds).toEqual([
      // before round 1: the import (untimed), 2 s and 4 s → median 3 s, 2 / 6 s × 3600 = 1200 per hour
      { round: 1, labels: 3, medianSeconds: 3, perHour: 1200 },
      // between the rounds: 9, 3, 5 s → median 5 s, 3 / 17 s × 3600
      { round: 2, labels: 3, medianSeconds: 5, perHour: (3 / 17) * 3600 },
      // since the last round
      { round: null, labels: 1, medianSeconds: 6, perHour: 600 },
    ]);
  });

  it('with no labels yet says so with empty figures, and keeps rounds that had none', () => {
    expect(labelingSpeed([], [])).toEqual({ annotators: [], rounds: [] });
    expect(labelingSpeed([], [{ round: 1, at: '2026-11-22T10:00:00.000Z' }]).rounds).toEqual([{ round: 1, labels: 0, medianSeconds: null, perHour: null }]);
  });
});

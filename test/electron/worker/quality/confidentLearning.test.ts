import { describe, expect, it } from 'vitest';
import { calibrateJoint, confidentThresholds, findLabelIssues, pruneCounts, rawConfidentJoint, roundPreservingSum } from '../../../../electron/worker/quality/confidentLearning';

const data = (rows: number[][], given: number[]) => ({
  probabilities: Float32Array.from(rows.flat()),
  given: Int32Array.from(given),
  count: rows.length,
  numClasses: rows[0].length,
});

describe('confident learning', () => {
  it('per-class thresholds are the mean self-confidence of the samples given that class', () => {
    const d = data([[0.9, 0.1], [0.7, 0.3], [0.2, 0.8], [0.4, 0.6]], [0, 0, 1, 1]);
    const t = confidentThresholds(d);
    expect(t[0]).toBeCloseTo(0.8, 6);
    expect(t[1]).toBeCloseTo(0.7, 6);
  });

  it('a class nobody was given gets an unreachable threshold', () => {
    expect(confidentThresholds(data([[0.9, 0.1, 0], [0.8, 0.2, 0]], [0, 0]))[2]).toBe(2);
  });

  it('counts a sample confidently in one class once, picking the most probable of several', () => {
    const d = data([[0.9, 0.1], [0.85, 0.15], [0.1, 0.9], [0.95, 0.05]], [0, 0, 1, 1]);
    const joint = rawConfidentJoint(d, confidentThresholds(d));
    // Row 3 is given 1 but confidently 0: an off-diagonal count.
    expect(joint[1][0]).toBe(1);
    expect(joint[0][0]).toBe(1); // row 1 (0.85) is under class 0's threshold (0.875): counted nowhere
  });

  it('calibration keeps each row at its label count and rounds keeping the row total', () => {
    const calibrated = calibrateJoint([[3, 1], [1, 1]], [8, 4]);
    expect(calibrated[0].reduce((a, b) => a + b)).toBe(8);
    expect(calibrated[1].reduce((a, b) => a + b)).toBe(4);
    expect(roundPreservingSum([0.4, 0.4, 0.2])).toEqual([1, 0, 0]);
  });

  it('every given class keeps at least one sample when pruning', () => {
    const prune = pruneCounts([[0, 3], [0, 5]]);
    expect(prune[0][0]).toBe(1); // column 0 = given class 0 keeps one
  });

  it('finds flipped labels and ranks the least self-confident first', () => {
    // 3 classes; rows 0 and 1 are labeled 0 but the model is sure they are 2 and 1.
    const rows: number[][] = [[0.05, 0.15, 0.8], [0.1, 0.85, 0.05]];
    const given = [0, 0];
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 20; i++) {
        const row = [0.1, 0.1, 0.1];
        row[c] = 0.8;
        rows.push(row);
        given.push(c);
      }
    }
    const { issues } = findLabelIssues(data(rows, given));
    expect(issues.map((i) => i.index)).toEqual([0, 1]);
    expect(issues[0]).toMatchObject({ given: 0, suggested: 2 });
    expect(issues[0].selfConfidence).toBeCloseTo(0.05, 5);
    expect(issues[1].suggested).toBe(1);
  });

  it('never flags a sample whose most probable class is its label', () => {
    const rows = [[0.55, 0.45], [0.6, 0.4], [0.9, 0.1], [0.1, 0.9], [0.2, 0.8]];
    const { issues } = findLabelIssues(data(rows, [0, 0, 0, 1, 1]));
    expect(issues).toEqual([]);
  });
});

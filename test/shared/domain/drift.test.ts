import { describe, expect, it } from 'vitest';
import { populationStability, predictionProfile, shiftLevel, shiftVerdict } from '../../../shared/domain/drift';

describe('shift of a new batch, from the model’s predictions', () => {
  it('counts predicted classes and bins the top-class confidence', () => {
    const rows = [0.9, 0.1, 0.3, 0.7, 0.55, 0.45, 1, 0];
    const profile = predictionProfile(rows, 4, 2);
    expect(profile.classes).toEqual({ counts: [3, 1], n: 4 });
    // top probabilities 0.9, 0.7, 0.55, 1 → bins 9, 7, 5, 9 (1.0 stays in the last bin)
    expect(profile.confidence.counts).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 0, 2]);
  });

  it('PSI is 0 for the same mix, sums its per-class terms, and grows with the shift', () => {
    const same = populationStability({ counts: [50, 50], n: 100 }, { counts: [500, 500], n: 1000 });
    expect(same.total).toBeCloseTo(0, 10);
    const shifted = populationStability({ counts: [80, 20], n: 100 }, { counts: [500, 500], n: 1000 });
    // by hand: (0.797 − 0.5)·ln(0.797/0.5) + (0.203 − 0.5)·ln(0.203/0.5) ≈ 0.406
    expect(shifted.total).toBeCloseTo(0.406, 2);
    expect(shifted.perBin[0] + shifted.perBin[1]).toBeCloseTo(shifted.total, 12);
    const slight = populationStability({ counts: [60, 40], n: 100 }, { counts: [500, 500], n: 1000 });
    expect(slight.total).toBeLessThan(shifted.total);
  });

  it('a class the batch never shows is counted, not infinite', () => {
    const psi = populationStability({ counts: [100, 0], n: 100 }, { counts: [500, 500], n: 1000 });
    expect(Number.isFinite(psi.total)).toBe(true);
    expect(psi.total).toBeGreaterThan(0.25);
  });

  it('verdicts follow the thresholds and refuse to judge a small batch', () => {
    expect(shiftLevel(0.05, 500)).toBe('none');
    expect(shiftLevel(0.1, 500)).toBe('moderate');
    expect(shiftLevel(0.3, 500)).toBe('major');
    expect(shiftLevel(0.9, 20)).toBe('too-few');
    expect(shiftLevel(0.9, 500, 12)).toBe('too-few');
    expect(shiftVerdict({ level: 'too-few', psi: 0.9 }, { level: 'too-few', psi: 0.2 }, [], 500, 12)).toMatch(/Only 12 project images to compare with/);
    expect(shiftVerdict({ level: 'too-few', psi: 0.9 }, { level: 'too-few', psi: 0.2 }, [], 20)).toMatch(/Only 20 images in the batch: too few/);
    expect(shiftVerdict({ level: 'major', psi: 0.41 }, { level: 'none', psi: 0.02 }, ['cat'], 500)).toMatch(/^Major shift: the batch has a different mix of classes.*class mix PSI 0\.41.*n = 500.*Most changed: cat/);
    expect(shiftVerdict({ level: 'none', psi: 0.01 }, { level: 'moderate', psi: 0.12 }, [], 500)).toMatch(/^Moderate shift: the model is less \(or more\) sure/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseEpochs, parseSetting, settingBounds } from '../../../renderer/src/store/loopSettingsForm';

describe('loop settings as typed', () => {
  it('takes the bounds from the contract', () => {
    expect(settingBounds('batchSize')).toEqual({ min: 1, max: 500 });
    expect(settingBounds('minTestLabelsPerClass')).toEqual({ min: 0, max: 1000 });
  });

  it('accepts whole numbers in range and says what to type otherwise', () => {
    expect(parseSetting('batchSize', ' 25 ')).toEqual({ value: 25 });
    expect(parseSetting('minTestLabelsPerClass', '0')).toEqual({ value: 0 });
    for (const bad of ['', '0', '501', '2.5', '-3', 'ten', '1e2']) {
      expect(parseSetting('batchSize', bad)).toEqual({ problem: 'Type a whole number from 1 to 500.' });
    }
    expect(parseSetting('retrainEvery', '20000')).toEqual({ problem: 'Type a whole number from 1 to 10,000.' });
  });

  it('epochs may be left empty for the head default', () => {
    expect(parseEpochs('')).toEqual({ value: null });
    expect(parseEpochs('40')).toEqual({ value: 40 });
    expect(parseEpochs('0')).toHaveProperty('problem');
  });
});

import { describe, expect, it } from 'vitest';
import { openSuspects, stillSettled } from '../../../../electron/services/quality/reviewQueue';
import type { ReviewDecision } from '../../../../shared/contract/quality';
import type { QualityReport, Suspect } from '../../../../shared/ml/quality';
import { defaultQualitySettings } from '../../../../shared/ml/quality';

const suspect = (over: Partial<Suspect> = {}): Suspect => ({ sampleId: 'a', given: 'cat', suggested: 'dog', selfConfidence: 0.2, suggestedProbability: 0.7, threshold: 0.8, ...over });
const kept = (over: Partial<ReviewDecision> = {}): ReviewDecision => ({ sampleId: 'a', action: 'keep', given: 'cat', suggested: 'dog', selfConfidence: 0.2, classId: null, runId: 'r1', annotator: 'ann', at: '', ...over });

describe('which kept labels are asked again', () => {
  it('a kept label stays settled while its evidence is the same', () => {
    expect(stillSettled(suspect(), kept(), 'cat')).toBe(true);
    expect(stillSettled(suspect({ selfConfidence: 0.1 }), kept(), 'cat')).toBe(true); // a small drop is noise
  });

  it('is asked again when the model suggests another class, doubts it much more, or the label changed', () => {
    expect(stillSettled(suspect({ suggested: 'bird' }), kept(), 'cat')).toBe(false);
    expect(stillSettled(suspect({ selfConfidence: 0.02 }), kept({ selfConfidence: 0.3 }), 'cat')).toBe(false);
    expect(stillSettled(suspect(), kept(), 'dog')).toBe(false);
    expect(stillSettled(suspect(), kept({ action: 'relabel', classId: 'dog' }), 'cat')).toBe(false);
  });

  it('leaves out labels changed since the check and keeps the report order', () => {
    const report = { runId: 'r2', suspects: [suspect({ sampleId: 'a' }), suspect({ sampleId: 'b' }), suspect({ sampleId: 'c' })], settings: defaultQualitySettings } as QualityReport;
    const labels: Record<string, string> = { a: 'cat', b: 'dog', c: 'cat' };
    const { items, reviewed } = openSuspects({ report, sampleNow: (id) => ({ classId: labels[id], split: 'train' }), reviewOf: (id) => (id === 'c' ? kept({ sampleId: 'c' }) : undefined) });
    expect(items.map((i) => [i.sampleId, i.rank])).toEqual([['a', 1]]);
    expect(reviewed).toBe(2);
  });
});

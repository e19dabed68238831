import { describe, expect, it } from 'vitest';
import type { ClassDef } from '../../../shared/domain/records';
import { heldOutNote, scoreText } from '../../../renderer/src/views/labeling/itemReason';
import { perClassText, runFacts, stoppingText, valCell } from '../../../renderer/src/views/model/runFacts';
import { epochs, runRecord } from '../store/fakeLoop';

const classes: ClassDef[] = [{ id: 'cat', name: 'Cat', color: '#ff0000', key: '1', guideline: '', examples: [] }];

describe('a run in the runs list', () => {
  it('shows train/val labels per class, naming removed classes as such', () => {
    expect(perClassText(runRecord(), classes)).toBe('Cat 12/2 · a removed class 8/2');
  });

  it('says whether early stopping cut the run short and which epoch was kept', () => {
    expect(stoppingText(runRecord({ history: epochs(9), stoppedEarly: true, bestEpoch: 4 }))).toBe('stopped early after 9 of 30 epochs; best epoch 4 kept');
    expect(stoppingText(runRecord({ history: epochs(30), bestEpoch: null }))).toBe('30 of 30 epochs; last epoch kept');
    expect(stoppingText(runRecord({ status: 'failed', history: [] }))).toBe('no epoch finished');
    expect(stoppingText(runRecord({ status: 'cancelled', history: epochs(3) }))).toBe('3 of 30 epochs before it was cancelled');
  });

  it('lists hyperparameters, backend, skipped backends and the label snapshot hash', () => {
    const facts = Object.fromEntries(runFacts(runRecord()));
    expect(facts.Head).toBe('linear, dropout 0.1, 30 epochs max, batch 256, learning rate 0.01, L2 1');
    expect(facts.Backend).toBe('wasm');
    expect(facts['Skipped backends']).toBe('tensorflow: @tensorflow/tfjs-node is not installed');
    expect(facts['Label snapshot']).toBe('ab'.repeat(32));
    expect(facts.Val).toBe('accuracy 75.0% (95% interval 30–95%), macro-F1 70.0%, loss 0.600; n = 4: too few val labels (fewer than 30), read as rough');
  });

  it('the runs table’s val accuracy says its n and is muted when it rests on fewer than 30 labels', () => {
    expect(valCell(runRecord())).toMatchObject({ text: '75.0% (n = 4)', muted: true });
    const many = runRecord({ metrics: { train: { count: 200, accuracy: 0.9, loss: 0.3, macroF1: 0.9 }, val: { count: 60, accuracy: 0.8, loss: 0.5, macroF1: 0.8 } } });
    expect(valCell(many)).toMatchObject({ text: '80.0% (n = 60)', muted: false });
    expect(valCell(runRecord({ metrics: { train: { count: 3, accuracy: 1, loss: 0.1, macroF1: 1 }, val: null } }))).toMatchObject({ text: '—', muted: true });
  });
});

describe('why this image', () => {
  it('a held-out image says why no suggestion is shown', () => {
    expect(heldOutNote('test')).toBe('Held-out test image: no model suggestion shown, so your label is independent.');
    expect(heldOutNote('val')).toMatch(/^Held-out val image/);
    expect(heldOutNote(undefined)).toMatch(/^Held-out test image/);
  });

  it('scores are short', () => {
    expect(scoreText(0.041234)).toBe('0.0412');
    expect(scoreText(null)).toBeNull();
    expect(scoreText(123456)).toBe('1.23e+5');
  });
});

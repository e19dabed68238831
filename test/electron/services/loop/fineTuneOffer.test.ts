import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_MOBILENET_ID } from '../../../../shared/ml/builtinNetworks';
import { loopStudio, type LoopStudio } from './loopStudio';

let studio: LoopStudio;
beforeAll(async () => {
  studio = await loopStudio();
});
afterAll(() => studio.close());

describe('fine-tuning as the Model view offers it', () => {
  it('for the built-in network: available here, timed on this machine before starting, with the advice it rests on', async () => {
    const fixture = await studio.open({ perClass: 5 });
    await studio.call('loop:update-settings', { backboneId: BUILTIN_MOBILENET_ID });
    const classes = studio.host.requireProject().doc.classes;
    const labeled = fixture.samples.filter((s) => s.split !== 'test');
    for (const sample of labeled) await studio.call('labels:set', { sampleId: sample.id, classId: classes[fixture.truth.get(sample.id)!].id });

    const quick = await studio.call('backbones:fine-tune-offer', { estimate: false });
    expect(quick).toMatchObject({ backboneId: BUILTIN_MOBILENET_ID, available: true, estimate: null, measuredHere: null });
    expect(quick.labels.train + quick.labels.val).toBe(labeled.length);

    const offer = await studio.call('backbones:fine-tune-offer', {});
    expect(offer.reason).toMatch(/block 16 and the last 1×1 convolution/);
    expect(offer.estimate).toMatchObject({ toCache: labeled.length, maxEpochs: 5, backend: expect.any(String), trains: expect.stringMatching(/block 16/) });
    const e = offer.estimate!;
    expect(e.cacheSeconds).toBeGreaterThan(0);
    expect(e.secondsPerEpoch).toBeGreaterThan(0);
    expect(e.totalSeconds).toBeCloseTo(e.cacheSeconds + 5 * e.secondsPerEpoch + e.embedSeconds, 6);
  });

  it('for a pixels backbone: not available, saying why, and nothing is timed', async () => {
    await studio.open({ perClass: 3 });
    await studio.call('loop:update-settings', { backboneId: 'pixels-16x16-rgb' });
    const offer = await studio.call('backbones:fine-tune-offer', {});
    expect(offer).toMatchObject({ available: false, estimate: null, reason: expect.stringMatching(/pixels backbone \(nothing to train\)/) });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { followStudioEvents } from '../../../renderer/src/store/studioEvents';
import { fineTuneOfferSchema, type FineTuneOffer } from '../../../shared/contract/backbones';
import { estimateText, measuredHereText } from '../../../renderer/src/store/fineTuneText';
import { runFacts } from '../../../renderer/src/views/model/runFacts';
import { fakeLoopStudio, runRecord } from './fakeLoop';

function offer(over: Partial<FineTuneOffer> = {}): FineTuneOffer {
  return fineTuneOfferSchema.parse({
    backboneId: 'mobilenetv2-builtin',
    available: true,
    reason: 'The built-in MobileNetV2 fine-tunes block 16 and the last 1×1 convolution (Conv_1) on wasm, from activations cached at block_15_add.',
    labels: { train: 900, val: 100 },
    estimate: null,
    advice: { pays: true, text: 'Pays here: +2.0 points.' },
    evidence: [],
    measuredHere: null,
    ...over,
  });
}

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));

describe('fine-tuning in the Model tab', () => {
  it('Train now asks for fine-tuning only when the loop’s backbone can be fine-tuned here', async () => {
    const studio = fakeLoopStudio();
    disposers.push(followStudioEvents(studio.store, 0));
    let offered = offer({ backboneId: 'pixels', available: false, reason: '"pixels" is a pixels backbone (nothing to train).' });
    studio.handle('backbones:fine-tune-offer', () => ({ ok: true, value: offered }));
    await studio.store.getState().loadLoop();
    await studio.store.getState().loadFineTuneOffer(false);
    studio.store.getState().setTrainingChoices({ fineTune: true });
    await studio.store.getState().startTraining();
    expect(studio.callsTo('training:start')[0]).not.toHaveProperty('fineTune');
    studio.finishRun();

    offered = offer();
    await studio.store.getState().loadFineTuneOffer(false);
    await studio.store.getState().startTraining();
    expect(studio.callsTo('training:start')[1]).toMatchObject({ fineTune: true });
  });

  it('says how long fine-tuning will take here, part by part', () => {
    const estimate = { backend: 'wasm', trains: 'block 16', toCache: 1040, cacheSeconds: 61, maxEpochs: 8, secondsPerEpoch: 20, embedSeconds: 130, totalSeconds: 351 };
    expect(estimateText(offer({ estimate }))).toBe('At most 5 min 51 s here (wasm): caching 1,040 images 1 min 1 s, up to 8 epochs × 20 s, re-embedding the pool 2 min 10 s. Early stopping usually ends sooner.');
    expect(estimateText(offer({ estimate: { ...estimate, toCache: 0 } }))).toMatch(/: activations already cached, up to 8 epochs/);
    expect(estimateText(offer())).toBeNull();
  });

  it('shows what the last fine-tuned run gained on val, and refuses to compare on too few val labels', () => {
    expect(measuredHereText(offer({ measuredHere: { runId: 'run-2', frozenVal: 0.8, tunedVal: 0.84, valCount: 250, kept: 'fine-tuned' } }))).toEqual({ text: 'Your last fine-tuned run: val accuracy 84.0% fine-tuned vs 80.0% frozen (n = 250).', muted: false });
    expect(measuredHereText(offer({ measuredHere: { runId: 'run-2', frozenVal: 0.8, tunedVal: 0.8, valCount: 60, kept: 'frozen' } }))).toEqual({
      text: 'Your last fine-tuned run: val accuracy 80.0% fine-tuned vs 80.0% frozen (n = 60). No epoch beat the frozen network, so it was kept.',
      muted: true,
    });
    expect(measuredHereText(offer({ measuredHere: { runId: 'run-2', frozenVal: 1, tunedVal: 1, valCount: 6, kept: 'fine-tuned' } }))?.text).toBe('Your last fine-tuned run: too few val labels to compare (n = 6; 20 needed).');
  });

  it('a fine-tuned run lists its trained layers, formulation, backend and time per epoch', () => {
    const run = runRecord({
      fineTune: { requested: true, available: true, reason: 'Fine-tuned block 16 on 900 images (wasm): kept epoch 3.' },
      fineTuning: {
        backend: 'wasm', formulation: 'portable', cutLayer: 'block_15_add', trains: 'block 16', trainedLayers: ['block_16_expand', 'Conv_1'],
        labels: { train: 900, val: 100 }, history: [], bestEpoch: 3, stoppedEarly: true, secondsPerEpoch: 21.04, cacheSeconds: 0,
        frozenVal: null, tunedVal: null, kept: 'fine-tuned',
      },
    });
    const facts = runFacts(run);
    const at = facts.findIndex(([term]) => term === 'Fine-tuning');
    expect(facts[at][1]).toBe('Fine-tuned block 16 on 900 images (wasm): kept epoch 3.');
    expect(facts[at + 1]).toEqual(['Fine-tuned layers', 'block_16_expand, Conv_1 (portable on wasm, from block_15_add; 0 epochs at 21.0 s)']);
  });
});

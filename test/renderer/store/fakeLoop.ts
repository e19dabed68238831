import { loopSettingsSchema, loopStatusSchema, roundSchema, type LoopSettings, type LoopStatus, type Round } from '../../../shared/contract/loop';
import { evaluationReportSchema, type EvaluationReport } from '../../../shared/contract/evaluate';
import { evaluationSchema, type Evaluation } from '../../../shared/contract/evaluation';
import { backboneListingSchema, type BackboneListing } from '../../../shared/ml/catalog';
import { runRecordSchema, type EpochFigures, type RunRecord } from '../../../shared/ml/runs';
import { fakeStudio } from './fakeStudio';

// The model and loop side of the fake studio: records built through the contract's own
// schemas (so a fake that drifts from the contract fails here, not in the UI), and
// handlers that behave like the studio's: settings validated, one run at a time.

export const backend = { name: 'wasm', native: false, skipped: [{ name: 'tensorflow', reason: '@tensorflow/tfjs-node is not installed' }] };

export function runRecord(over: Partial<RunRecord> = {}): RunRecord {
  return runRecordSchema.parse({
    id: 'run-1',
    createdAt: '2026-11-03T14:05:00.000Z',
    finishedAt: '2026-11-03T14:05:04.000Z',
    status: 'succeeded',
    backbone: { id: 'pixels', name: 'Pixels 32×32 RGB', engine: 'pixels', embeddingSize: 3072 },
    head: { kind: 'linear', hiddenUnits: 0, dropout: 0.1, epochs: 30, batchSize: 256, learningRate: 0.01, l2: 1, classWeights: false, patience: 5, seed: 1, standardize: true },
    classIds: ['cat', 'dog'],
    labels: { train: 20, val: 4, perClass: { cat: { train: 12, val: 2 }, dog: { train: 8, val: 2 } }, sha256: 'ab'.repeat(32) },
    backend,
    executionProviders: null,
    fineTune: { requested: false, available: false, reason: 'the wasm backend cannot train convolutions' },
    warmStartFrom: null,
    durationMs: 4000,
    history: epochs(3),
    bestEpoch: 3,
    stoppedEarly: false,
    metrics: { train: { count: 20, accuracy: 0.9, loss: 0.3, macroF1: 0.88 }, val: { count: 4, accuracy: 0.75, loss: 0.6, macroF1: 0.7 } },
    scored: 30,
    unscored: 0,
    error: null,
    ...over,
  });
}

export function epochs(n: number, withVal = true): EpochFigures[] {
  return Array.from({ length: n }, (_, i) => ({
    epoch: i + 1,
    loss: 1 / (i + 1),
    accuracy: 0.5 + i * 0.1,
    ...(withVal ? { valLoss: 1.2 / (i + 1), valAccuracy: 0.4 + i * 0.1 } : {}),
  }));
}

export function loopStatus(over: Partial<LoopStatus> = {}): LoopStatus {
  return loopStatusSchema.parse({
    round: 0,
    labelsSinceRun: 0,
    retrainEvery: 20,
    autoRetrain: true,
    strategy: 'margin',
    lastRun: null,
    training: null,
    backend: 'wasm',
    heldOutNeeded: [],
    queue: { size: 30, strategy: 'margin', runId: null, refreshedAt: null },
    ...over,
  });
}

/** A test-split evaluation of two classes on 12 labels (too few to headline), `accuracy` overall. */
export function evaluation(accuracy: number, over: Partial<Evaluation> = {}): Evaluation {
  return evaluationSchema.parse({
    split: 'test',
    count: 12,
    minimum: 30,
    tooFew: true,
    accuracy: { value: accuracy, low: accuracy - 0.25, high: Math.min(1, accuracy + 0.15) },
    macroF1: { value: accuracy - 0.05, low: accuracy - 0.3, high: Math.min(1, accuracy + 0.1), classes: 2 },
    ece: 0.08,
    perClass: [
      { classId: 'cat', support: 10, predicted: 10, correct: 9, precision: 0.9, recall: 0.9, f1: 0.9, missing: {} },
      { classId: 'dog', support: 2, predicted: 2, correct: 1, precision: 0.5, recall: 0.5, f1: 0.5, missing: {} },
    ],
    confusion: [
      [9, 1],
      [1, 1],
    ],
    classIds: ['cat', 'dog'],
    chosenByModel: { count: 0, countWithout: 12, accuracyWithout: null },
    ...over,
  });
}

export function round(n: number, labels: number, accuracy: number, strategy = 'margin', over: Partial<Round> = {}): Round {
  return roundSchema.parse({
    round: n,
    runId: `run-${n}`,
    at: '2026-11-03T14:05:00.000Z',
    labels,
    strategy,
    picked: [{ strategy, labels }],
    retrains: 0,
    val: { value: accuracy - 0.02, low: accuracy - 0.3, high: Math.min(1, accuracy + 0.1), n: 8 },
    test: evaluation(accuracy),
    testNote: null,
    ...over,
  });
}

/** What `evaluate:report` answers: the latest of `rounds` evaluated. */
export function report(rounds: Round[], over: Partial<EvaluationReport> = {}): EvaluationReport {
  const latest = rounds.at(-1);
  const summary = (r: Round) => ({ id: r.runId, createdAt: r.at, finishedAt: r.at, round: r.round, labels: { train: r.labels, val: 0 }, backbone: 'Pixels', head: 'linear' });
  return evaluationReportSchema.parse({
    run: latest ? summary(latest) : null,
    runs: [...rounds].reverse().map(summary),
    test: latest?.test ?? null,
    val: null,
    notes: { test: latest ? null : 'No model yet.', val: 'No labeled val image yet.' },
    rounds,
    curve: { testLabels: latest?.test?.count ?? 0, scored: rounds.filter((r) => r.test).length, unscored: 0 },
    testLabelsChosenByModel: 0,
    minimum: 30,
    speed: { annotators: [], rounds: [] },
    ...over,
  });
}

export const pixelsListing: BackboneListing = backboneListingSchema.parse({
  card: { id: 'pixels', name: 'Pixels 32×32 RGB', engine: 'pixels', input: { width: 32, height: 32, channels: 3, layout: 'NHWC' }, preprocess: { mean: [0, 0, 0], std: [1, 1, 1] }, embeddingSize: 3072 },
  source: 'built-in',
  status: 'ready',
  integrity: 'built-in',
  integrityText: 'built in, nothing to download',
  sha256: null,
  bytes: null,
  downloadedBytes: null,
  url: null,
  licence: null,
  path: null,
  description: 'Resized pixels, no pretrained model.',
});

export const mobilenetListing: BackboneListing = backboneListingSchema.parse({
  card: { id: 'mobilenet-v2', name: 'MobileNetV2', engine: 'onnx', input: { width: 224, height: 224, channels: 3, layout: 'NCHW' }, preprocess: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, embeddingSize: 1280 },
  source: 'catalog',
  status: 'partial',
  integrity: 'publisher-sha256',
  integrityText: 'verified by publisher sha256',
  sha256: 'cd'.repeat(32),
  bytes: 14_000_000,
  downloadedBytes: 5_000_000,
  url: 'https://example.org/mobilenetv2.onnx',
  licence: 'Apache-2.0',
  path: null,
  description: 'ImageNet features.',
});

/** A fake studio with a loop: settings that refuse an unknown strategy, runs that start on request. */
export function fakeLoopStudio(sampleIds: string[] = ['s0', 's1', 's2'], options: Parameters<typeof fakeStudio>[1] = {}) {
  const studio = fakeStudio(sampleIds, options);
  let settings: LoopSettings = loopSettingsSchema.parse({ strategy: 'margin', batchSize: 10, retrainEvery: 20, autoRetrain: true, minTestLabelsPerClass: 10, minValLabelsPerClass: 5, backboneId: 'pixels', head: 'linear' });
  const strategies = [
    { name: 'random', summary: 'Picks samples uniformly at random.', needs: [], coldStart: true },
    { name: 'margin', summary: 'Picks the samples whose two most likely classes are closest.', needs: ['probabilities'], coldStart: false },
  ];
  let running: string | null = null;
  let nextRun = 1;
  const runs: RunRecord[] = [];
  studio.handle('loop:settings', () => ({ ok: true, value: settings }));
  studio.handle('loop:strategies', () => ({ ok: true, value: strategies }));
  studio.handle('loop:status', () => ({ ok: true, value: loopStatus({ strategy: settings.strategy, retrainEvery: settings.retrainEvery }) }));
  studio.handle('loop:rounds', () => ({ ok: true, value: [] }));
  studio.handle('evaluate:report', () => ({ ok: true, value: report([]) }));
  studio.handle('evaluate:failures', ({ runId }: { runId: string }) => ({ ok: true, value: { runId, splits: ['val', 'test'], labeled: 0, perClass: [] } }));
  studio.handle('loop:update-settings', (patch: Partial<LoopSettings>) => {
    if (patch.strategy && !strategies.some((s) => s.name === patch.strategy)) {
      return { ok: false, error: { code: 'invalid-request', message: `There is no strategy "${patch.strategy}".`, hint: 'Choose one of the listed strategies.' } };
    }
    settings = { ...settings, ...patch };
    return { ok: true, value: settings };
  });
  studio.handle('models:list', () => ({ ok: true, value: [pixelsListing, mobilenetListing] }));
  studio.handle('models:capabilities', () => ({ ok: true, value: { backend, executionProviders: ['cpu'], fineTune: { available: false, reason: 'the wasm backend cannot train convolutions' } } }));
  studio.handle('models:download', () => ({ ok: true, value: { started: true } }));
  studio.handle('models:cancel-download', () => ({ ok: true, value: { cancelled: true } }));
  studio.handle('runs:list', () => ({ ok: true, value: [...runs].reverse() }));
  studio.handle('training:start', () => {
    if (running) return { ok: false, error: { code: 'conflict', message: 'A training run is already going for this project.', hint: 'Wait for it to finish or cancel it.' } };
    running = `run-${nextRun++}`;
    return { ok: true, value: { runId: running } };
  });
  studio.handle('training:cancel', () => ({ ok: true, value: { cancelled: running !== null } }));
  return {
    ...studio,
    settings: () => settings,
    running: () => running,
    /** The run ends: the record is stored and announced, as the studio does. */
    finishRun(over: Partial<RunRecord> = {}) {
      const run = runRecord({ id: running ?? 'run-x', ...over });
      runs.push(run);
      running = null;
      studio.emit('training:finished', { run });
      return run;
    },
  };
}

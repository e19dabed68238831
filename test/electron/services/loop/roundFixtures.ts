import { createHash } from 'node:crypto';
import { RunStore } from '../../../../electron/services/ml/RunStore';
import type { Project } from '../../../../electron/services/project/Project';
import { writeRunOutputs } from '../../../../electron/worker/runs/runFiles';
import type { RunRecord } from '../../../../shared/ml/runs';

// Finished runs written the way the worker writes them (probability files + a run record),
// with probabilities chosen by the test, so every figure can be worked out by hand.

/** Probability rows by sample id, in the project's class order. */
export type Rows = Record<string, number[]>;

let made = 0;

export async function finishedRun(project: Project, rows: Rows, options: { id?: string; labels?: { train: number; val: number }; valAccuracy?: { accuracy: number; count: number } } = {}): Promise<RunRecord> {
  const id = options.id ?? `run-${String(++made).padStart(4, '0')}`;
  const classIds = project.doc.classes.map((c) => c.id);
  const sampleIds = Object.keys(rows);
  const probabilities = Float32Array.from(sampleIds.flatMap((s) => rows[s]));
  await writeRunOutputs(project.dir, id, { classIds, sampleIds, probabilities, head: { format: 'studio-head/1' } as never });
  const labels = options.labels ?? { train: 10, val: 2 };
  const val = options.valAccuracy ? { count: options.valAccuracy.count, accuracy: options.valAccuracy.accuracy, loss: 0.5, macroF1: 0.5 } : null;
  const record: RunRecord = {
    id,
    createdAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    status: 'succeeded',
    backbone: { id: 'pixels', name: 'Pixels', engine: 'pixels', embeddingSize: 12 },
    head: { kind: 'linear', hiddenUnits: 0, dropout: 0, epochs: 10, batchSize: 32, learningRate: 0.01, l2: 0, classWeights: false, patience: 3, seed: 1, standardize: true },
    classIds,
    labels: { ...labels, perClass: {}, sha256: createHash('sha256').update(`${labels.train}/${labels.val}/${id}`).digest('hex') },
    backend: null,
    executionProviders: null,
    fineTune: { requested: false, available: false, reason: 'test' },
    warmStartFrom: null,
    durationMs: 10,
    history: [],
    bestEpoch: null,
    stoppedEarly: false,
    metrics: { train: { count: labels.train, accuracy: 1, loss: 0.1, macroF1: 1 }, val },
    scored: sampleIds.length,
    unscored: 0,
    error: null,
  };
  await (await RunStore.for(project)).add(record);
  return record;
}

/** A row that puts most of the mass on `classIndex` (of `k` classes). */
export function confident(classIndex: number, k = 3, p = 0.8): number[] {
  return Array.from({ length: k }, (_, c) => (c === classIndex ? p : (1 - p) / (k - 1)));
}

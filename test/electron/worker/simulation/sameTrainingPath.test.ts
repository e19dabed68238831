import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixelsCard } from '../../../../shared/ml/pixels';
import { embedProject } from '../../../../electron/worker/embeddings/embedProject';
import type { SavedHead } from '../../../../electron/worker/heads/index';
import { runTrainJob } from '../../../../electron/worker/jobs/train';
import { readSavedHead } from '../../../../electron/worker/runs/runFiles';
import { simulate, type SimulationData } from '../../../../electron/worker/simulation/simulate';
import type { SimulationHooks } from '../../../../electron/worker/simulation/types';
import { selectBackend, type BackendInfo } from '../../../../electron/worker/tf/backend';
import { mlProject, type MlProject } from '../../services/ml/mlFixtures';

// The benchmark's figures are what users get only if `simulate` trains exactly what the
// app's train job trains. Here both see the same project rows and the same labels, and
// must produce the same head, round after round (the second one warm-started).

const backbone = { card: pixelsCard('pixels-8x8-rgb')!, modelPath: null };
let backend: BackendInfo;
let fixture: MlProject;
let data: SimulationData;

beforeAll(async () => {
  backend = await selectBackend({ only: ['wasm'] });
  fixture = await mlProject({ classes: ['red', 'blue', 'green'], perClass: 14, label: false });
  const { store } = await embedProject({ projectDir: fixture.dir, spec: backbone, samples: fixture.samples, batchSize: 16 });
  const x = await store.read(fixture.samples.map((s) => s.hash));
  await store.close();
  const y = Int32Array.from(fixture.samples, (s) => fixture.truth.get(s.id)!);
  const rows = { x, y, count: fixture.samples.length, dim: store.dim };
  data = { classNames: ['red', 'blue', 'green'], train: rows, test: rows, splits: fixture.samples.map((s) => s.split) };
});
afterAll(() => fixture?.project.close());

describe('simulate and the app train the same head', () => {
  it('the same labels give the same head weights as the train job, warm start included', async () => {
    const rounds: Parameters<NonNullable<SimulationHooks['onRound']>>[0][] = [];
    const head = { epochs: 6, batchSize: 8 };
    await simulate(
      data,
      { strategies: ['margin'], initial: 9, batch: 6, rounds: 1, seeds: [1], target: 0.9, initialStrategy: 'random', head, mcPasses: 2, valPerClass: 1, tuningCarve: 0, evaluateOn: 'test', roundsAfterTarget: null },
      { onRound: (r) => rounds.push(r) },
    );
    expect(rounds.map((r) => r.round)).toEqual([0, 1]);
    let previousRun: string | null = null;
    for (const round of rounds) {
      const runId = `run-${randomUUID().slice(0, 8)}`;
      const labels = round.labeled.map(({ row }): [string, number] => [fixture.samples[row].id, data.train.y[row]]);
      const report = await runTrainJob(
        { kind: 'train', projectDir: fixture.dir, runId, backbone, head, classIds: fixture.project.doc.classes.map((c) => c.id), labels, warmStartRunId: previousRun, fineTune: false, batchSize: 16 },
        { signal: new AbortController().signal, progress: () => undefined, backend },
      );
      expect(report.warmStarted).toBe(previousRun !== null);
      expect(report.headEngine).toBe('wasm-simd');
      const appHead = (await readSavedHead(fixture.dir, runId)) as SavedHead;
      expect(appHead.config).toEqual(round.head.config);
      expect(appHead.weights).toEqual(round.head.weights);
      previousRun = runId;
    }
    // Both rounds learned from val labels too (early stopping), as the app's runs do.
    expect(rounds[1].labeled.some((l) => l.split === 'val')).toBe(true);
  });
});

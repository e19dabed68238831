import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cardFingerprint, type BackboneCard } from '../shared/ml/cards';
import type { Sample } from '../shared/domain/records';
import { seededRandom } from '../electron/worker/acquisition/seededRandom';
import { defaultHeadConfig, trainHead } from '../electron/worker/heads/index';
import { selectBackend, type BackendChoice } from '../electron/worker/tf/backend';
import { EmbeddingStore, embeddingDir } from '../electron/worker/embeddings/EmbeddingStore';
import { MlWorker } from '../electron/services/ml/MlWorker';
import { Project } from '../electron/services/project/Project';
import { round, type BenchResult } from './types';

const DIM = 1280;
const CLASSES = 10;

/** A card for embeddings that are all cached already: the backbone itself never loads. */
const card: BackboneCard = {
  id: 'bench-1280',
  name: 'cached 1,280-d embeddings',
  engine: 'onnx',
  input: { width: 224, height: 224, channels: 3, layout: 'NCHW' },
  preprocess: { resize: 'cover', cropFraction: 1, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  output: { tap: 'output', pool: 'flatten' },
  embeddingSize: DIM,
};

/** ReLU-like 1,280-d vectors around one centre per class, like pooled CNN features. */
function embeddings(count: number, seed = 42): { x: Float32Array; y: Int32Array } {
  const random = seededRandom(seed);
  const centres = Float32Array.from({ length: CLASSES * DIM }, () => Math.max(0, random.normal()));
  const x = new Float32Array(count * DIM);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = i % CLASSES;
    for (let j = 0; j < DIM; j++) x[i * DIM + j] = Math.max(0, centres[y[i] * DIM + j] + random.normal());
  }
  return { x, y };
}

/** A project of `pool` samples whose embeddings are already in the cache. */
async function cachedProject(root: string, pool: number, data: { x: Float32Array }): Promise<{ dir: string; samples: Sample[] }> {
  const dir = join(root, `project-${pool}`);
  const project = await Project.create(dir, { classes: Array.from({ length: CLASSES }, (_, c) => ({ name: `class${c}` })) });
  const splits = ['train', 'train', 'train', 'train', 'train', 'train', 'train', 'train', 'val', 'test'] as const;
  const samples: Sample[] = Array.from({ length: pool }, (_, i) => {
    const hash = createHash('sha256').update(`bench-${i}`).digest('hex');
    return { id: `s${i}`, path: `/nowhere/${i}.png`, relativePath: `${i}.png`, hash, dhash: hash.slice(0, 16), width: 224, height: 224, format: 'png', bytes: 1, split: splits[Math.floor(i / CLASSES) % 10], importedLabel: null, addedAt: new Date(0).toISOString() };
  });
  await project.samples.add(samples);
  await project.close();
  const store = await EmbeddingStore.open(embeddingDir(dir, card.id), { backboneId: card.id, dim: DIM, fingerprint: cardFingerprint(card) });
  for (let from = 0; from < pool; from += 10_000) {
    const to = Math.min(pool, from + 10_000);
    await store.append(samples.slice(from, to).map((s) => s.hash), data.x.subarray(from * DIM, to * DIM));
  }
  await store.close();
  return { dir, samples };
}

/** A full run in the worker: read cached embeddings, train, score the pool, write the files. */
async function workerRun(worker: MlWorker, dir: string, samples: Sample[], labels: number, kind: 'linear' | 'mlp'): Promise<{ seconds: number; phases: Record<string, number> }> {
  const labeled = samples.filter((s) => s.split !== 'test').slice(0, labels);
  const phases: Record<string, number> = {};
  let phase = '';
  let phaseStart = performance.now();
  const t0 = performance.now();
  await worker.run(
    {
      kind: 'train',
      projectDir: dir,
      runId: `bench-${kind}-${labels}-${Date.now()}`,
      backbone: { card, modelPath: null },
      head: { kind },
      classIds: Array.from({ length: CLASSES }, (_, c) => `c${c}`),
      labels: labeled.map((s) => [s.id, Number(s.id.slice(1)) % CLASSES]),
      warmStartRunId: null,
    },
    {
      onProgress: (p) => {
        if (p.phase === phase) return;
        const now = performance.now();
        if (phase) phases[phase] = round((now - phaseStart) / 1000);
        phase = p.phase;
        phaseStart = now;
      },
    },
  );
  const end = performance.now();
  if (phase) phases[phase] = round((end - phaseStart) / 1000);
  return { seconds: (end - t0) / 1000, phases };
}

/** The same 2,000 labels (same train/val rows) and 50,000 scores in this process, from memory. */
async function inProcess(backend: BackendChoice, data: { x: Float32Array; y: Int32Array }, samples: Sample[]): Promise<number> {
  await selectBackend({ only: [backend] });
  const labeled = samples.map((s, i) => ({ s, i })).filter(({ s }) => s.split !== 'test').slice(0, 2_000);
  const rows = (split: string) => {
    const picked = labeled.filter(({ s }) => s.split === split).map(({ i }) => i);
    const x = new Float32Array(picked.length * DIM);
    picked.forEach((i, k) => x.set(data.x.subarray(i * DIM, (i + 1) * DIM), k * DIM));
    return { x, y: Int32Array.from(picked, (i) => data.y[i]), count: picked.length, dim: DIM };
  };
  const train = rows('train');
  const validation = rows('val');
  const warm = await trainHead({ ...train, count: 200 }, { ...defaultHeadConfig('linear'), epochs: 1 }, { numClasses: CLASSES });
  warm.head.dispose();
  const t0 = performance.now();
  const { head } = await trainHead(train, defaultHeadConfig('linear'), { numClasses: CLASSES, validation });
  head.predict(data.x, 50_000);
  head.dispose();
  return (performance.now() - t0) / 1000;
}

/**
 * Retraining the head and rescoring the pool as a run really does it (ML worker process,
 * cached embeddings read from disk, probabilities written durably), per head and TF.js
 * backend: 2,000 labels + 50,000 pool and 10,000 labels + 100,000 pool. Reference: the
 * same training and scoring in-process on in-memory arrays. Aim: default head, 2,000
 * labels + 50,000 rescored in < 5 s. (bench/heads.ts times the heads alone in more detail.)
 */
export async function benchTraining(options: { backends?: BackendChoice[] } = {}): Promise<BenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'studio-bench-train-'));
  const figures: Record<string, number> = {};
  const reference: Record<string, number> = {};
  const notes: string[] = [];
  try {
    const data = embeddings(100_000);
    const small = await cachedProject(root, 50_000, data);
    const large = await cachedProject(root, 100_000, data);
    for (const backend of options.backends ?? ['wasm', 'cpu']) {
      const worker = new MlWorker({ env: { STUDIO_TF_BACKEND: backend }, onLog: () => undefined });
      try {
        await workerRun(worker, small.dir, small.samples, 200, 'linear'); // warm-up: worker start, kernels
        for (const kind of ['linear', 'mlp'] as const) {
          // The cpu backend needs minutes for the larger cases; its small case tells the story.
          const cases = backend === 'cpu' ? [[2_000, small] as const] : [[2_000, small] as const, [10_000, large] as const];
          for (const [labels, project] of cases) {
            const { seconds, phases } = await workerRun(worker, project.dir, project.samples, labels, kind);
            const pool = project.samples.length;
            figures[`${backend}_${kind}_run_${labels}_labels_${pool}_pool_s`] = round(seconds);
            notes.push(`${backend} ${kind} ${labels}/${pool}: ${JSON.stringify(phases)}`);
          }
        }
      } finally {
        await worker.dispose();
      }
      reference[`${backend}_linear_in_process_2000_train_50000_score_s`] = round(await inProcess(backend, data, small.samples));
    }
    const target = figures.wasm_linear_run_2000_labels_50000_pool_s;
    return {
      name: 'retrain + rescore through the ML worker (1,280-d cached embeddings, 10 classes)',
      figures,
      reference,
      ratios: target ? { wasm_default_run_vs_5s_target: round(target / 5), wasm_run_vs_in_process: round(target / reference.wasm_linear_in_process_2000_train_50000_score_s) } : {},
      notes: [`default heads: linear ${JSON.stringify(defaultHeadConfig('linear'))}; mlp ${JSON.stringify(defaultHeadConfig('mlp'))}`, ...notes],
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchTraining().then((r) => console.log(JSON.stringify(r, null, 2)));
}

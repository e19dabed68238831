import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cardFingerprint, type BackboneCard } from '../shared/ml/cards';
import type { Sample } from '../shared/domain/records';
import { seededRandom } from '../electron/worker/acquisition/seededRandom';
import { defaultHeadConfig, trainHead, type Dataset, type HeadEngineChoice } from '../electron/worker/heads/index';
import { selectBackend, type BackendChoice } from '../electron/worker/tf/backend';
import { EmbeddingStore, embeddingDir } from '../electron/worker/embeddings/EmbeddingStore';
import { MlWorker } from '../electron/services/ml/MlWorker';
import { Project } from '../electron/services/project/Project';
import { torchReference } from './torchReference';
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

/** The labeled rows a run of `labels` labels trains and stops on (train and val split), and the pool it scores. */
function roundRows(data: { x: Float32Array; y: Int32Array }, samples: Sample[], labels: number): { train: Dataset; val: Dataset; pool: Dataset } {
  const labeled = samples.map((s, i) => ({ s, i })).filter(({ s }) => s.split !== 'test').slice(0, labels);
  const rows = (split: string): Dataset => {
    const picked = labeled.filter(({ s }) => s.split === split).map(({ i }) => i);
    const x = new Float32Array(picked.length * DIM);
    picked.forEach((i, k) => x.set(data.x.subarray(i * DIM, (i + 1) * DIM), k * DIM));
    return { x, y: Int32Array.from(picked, (i) => data.y[i]), count: picked.length, dim: DIM };
  };
  return { train: rows('train'), val: rows('val'), pool: { x: data.x.subarray(0, samples.length * DIM), y: data.y, count: samples.length, dim: DIM } };
}

/** Retrain + rescore in this process from in-memory rows, as the worker's train job does it (best of `repeats`). */
async function inProcess(sets: ReturnType<typeof roundRows>, engine: HeadEngineChoice, repeats: number): Promise<{ seconds: number; engine: string }> {
  const warm = await trainHead({ ...sets.train, count: 200 }, { ...defaultHeadConfig('linear'), epochs: 1 }, { numClasses: CLASSES, engine });
  warm.head.predict(sets.pool.x, 1000);
  warm.head.dispose();
  let best = Infinity;
  let name = '';
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const { head, engine: used } = await trainHead(sets.train, defaultHeadConfig('linear'), { numClasses: CLASSES, validation: sets.val, engine });
    head.predict(sets.pool.x, sets.pool.count);
    head.dispose();
    best = Math.min(best, (performance.now() - t0) / 1000);
    name = used;
  }
  return { seconds: best, engine: name };
}

/**
 * Retraining the default (linear) head and rescoring the pool: 2,000 labels + 50,000 pool and
 * 10,000 labels + 100,000 pool. Studio figures: in-process on the SIMD engine (the default)
 * and on TF.js wasm, and a full run through the ML worker (cached embeddings read from disk,
 * probabilities written durably). Reference, in the same run: bench/reference/
 * torch_linear_head.py, the same head and training written in PyTorch (Debian's 1.13 with its
 * BLAS, 2 threads) on the same rows. In-process figures are the best of three.
 */
export async function benchTraining(options: { backends?: BackendChoice[]; repeats?: number } = {}): Promise<BenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'studio-bench-train-'));
  const figures: Record<string, number> = {};
  const reference: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  const notes: string[] = [];
  const repeats = options.repeats ?? 3;
  try {
    const data = embeddings(100_000);
    const cases = [
      [2_000, await cachedProject(root, 50_000, data)],
      [10_000, await cachedProject(root, 100_000, data)],
    ] as const;
    await selectBackend({ only: ['wasm'] });
    for (const [labels, project] of cases) {
      const pool = project.samples.length;
      const tag = `${labels}_labels_${pool}_pool`;
      const sets = roundRows(data, project.samples, labels);
      const torch = await torchReference({ train: sets.train, val: sets.val, pool: sets.pool }, DIM, CLASSES, repeats);
      const simd = await inProcess(sets, 'simd', repeats);
      const tfjs = await inProcess(sets, 'tfjs', repeats);
      figures[`studio_${simd.engine}_in_process_${tag}_s`] = round(simd.seconds);
      figures[`studio_${tfjs.engine}_in_process_${tag}_s`] = round(tfjs.seconds);
      if ('unavailable' in torch) notes.push(`PyTorch reference unavailable: ${torch.unavailable}`);
      else {
        reference[`pytorch_${tag}_s`] = round(torch.total_s);
        ratios[`studio_${simd.engine}_vs_pytorch_${tag}`] = round(simd.seconds / torch.total_s);
        ratios[`studio_${tfjs.engine}_vs_pytorch_${tag}`] = round(tfjs.seconds / torch.total_s);
        notes.push(`PyTorch ${torch.torch}, ${torch.threads} threads, ${tag}: train ${round(torch.train_s)} s + score ${round(torch.score_s)} s`);
      }
      notes.push(`${tag}: ${sets.train.count} train + ${sets.val.count} val labels`);
    }
    for (const backend of options.backends ?? ['wasm']) {
      const worker = new MlWorker({ env: { STUDIO_TF_BACKEND: backend }, onLog: () => undefined });
      try {
        await workerRun(worker, cases[0][1].dir, cases[0][1].samples, 200, 'linear'); // warm-up: worker start, kernels
        for (const kind of ['linear', 'mlp'] as const) {
          for (const [labels, project] of kind === 'mlp' ? cases.slice(0, 1) : cases) {
            const { seconds, phases } = await workerRun(worker, project.dir, project.samples, labels, kind);
            const tag = `${labels}_labels_${project.samples.length}_pool`;
            figures[`worker_${backend}_${kind}_run_${tag}_s`] = round(seconds);
            if (kind === 'linear' && reference[`pytorch_${tag}_s`]) ratios[`worker_${backend}_linear_run_vs_pytorch_${tag}`] = round(seconds / reference[`pytorch_${tag}_s`]);
            notes.push(`worker ${backend} ${kind} ${tag}: ${JSON.stringify(phases)}`);
          }
        }
      } finally {
        await worker.dispose();
      }
    }
    return {
      name: 'retrain + rescore (1,280-d embeddings, 10 classes, default linear head)',
      figures,
      reference,
      ratios,
      notes: [`default heads: linear ${JSON.stringify(defaultHeadConfig('linear'))}; mlp ${JSON.stringify(defaultHeadConfig('mlp'))}`, ...notes],
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchTraining().then((r) => console.log(JSON.stringify(r, null, 2)));
}

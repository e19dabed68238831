import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { seededRandom } from '../electron/worker/acquisition/seededRandom';
import { defaultHeadConfig, trainHead, type HeadConfig, type HeadEngineChoice } from '../electron/worker/heads/index';
import { selectBackend, type BackendChoice } from '../electron/worker/tf/backend';
import { round, type BenchResult } from './types';

const dim = 1280;
const classes = 10;

/** ReLU-like 1,280-d embeddings with class structure, like MobileNetV2's pooled features. */
function embeddings(count: number): { x: Float32Array; y: Int32Array } {
  const random = seededRandom(42);
  const centres = Float32Array.from({ length: classes * dim }, () => Math.max(0, random.normal()));
  const x = new Float32Array(count * dim);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = i % classes;
    for (let j = 0; j < dim; j++) x[i * dim + j] = Math.max(0, centres[y[i] * dim + j] + random.normal());
  }
  return { x, y };
}

/** The same linear scoring as a plain JS loop: rows × dim × classes multiply-adds plus softmax. */
function plainMatmulSoftmax(x: Float32Array, rows: number, w: Float32Array): number {
  const out = new Float32Array(rows * classes);
  const t0 = performance.now();
  for (let i = 0; i < rows; i++) {
    const acc = new Float64Array(classes);
    for (let j = 0; j < dim; j++) {
      const v = x[i * dim + j];
      for (let c = 0; c < classes; c++) acc[c] += v * w[j * classes + c];
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, acc[c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(acc[c] - max);
    for (let c = 0; c < classes; c++) out[i * classes + c] = Math.exp(acc[c] - max) / sum;
  }
  return performance.now() - t0;
}

async function timeTraining(data: { x: Float32Array; y: Int32Array }, count: number, config: HeadConfig, engine: HeadEngineChoice): Promise<number> {
  const t0 = performance.now();
  const { head } = await trainHead({ x: data.x, y: data.y, count, dim }, config, { numClasses: classes, engine });
  const elapsed = performance.now() - t0;
  head.dispose();
  return elapsed;
}

/**
 * Head training and scoring time on 1,280-d embeddings, per head and engine (the SIMD
 * kernels for the linear head, "simd_…"; TF.js per backend), with a plain JS matmul of the
 * same scoring as reference. The cpu backend is 20–40× slower than wasm on these matmuls,
 * so its MLP and 10,000-row figures are timed on 2 epochs and scaled to the configured
 * epochs (marked "_est"). bench/training.ts holds the PyTorch comparison.
 */
export async function benchHeads(options: { backends?: BackendChoice[] } = {}): Promise<BenchResult> {
  const data = embeddings(100_000);
  const figures: Record<string, number> = {};
  const notes: string[] = [];
  const runs: { name: string; backend: BackendChoice; engine: HeadEngineChoice; kinds: ('linear' | 'mlp')[] }[] = [
    { name: 'simd', backend: 'wasm', engine: 'simd', kinds: ['linear'] },
    ...(options.backends ?? (['wasm', 'cpu'] as BackendChoice[])).map((backend) => ({ name: backend, backend, engine: 'tfjs' as const, kinds: ['linear', 'mlp'] as ('linear' | 'mlp')[] })),
  ];
  for (const { name: backend, engine, kinds, backend: tfBackend } of runs) {
    await selectBackend({ only: [tfBackend] });
    for (const kind of kinds) {
      const config = defaultHeadConfig(kind);
      await timeTraining(data, 200, { ...config, epochs: 1 }, engine); // warm-up: kernels compile on first use
      for (const rows of [2_000, 10_000]) {
        const slow = backend === 'cpu' && (kind === 'mlp' || rows > 2_000);
        const ms = slow ? ((await timeTraining(data, rows, { ...config, epochs: 2 }, engine)) * config.epochs) / 2 : await timeTraining(data, rows, config, engine);
        figures[`${backend}_${kind}_train_${rows}_s${slow ? '_est' : ''}`] = round(ms / 1000);
      }
      const { head } = await trainHead({ x: data.x, y: data.y, count: 500, dim }, { ...config, epochs: 1 }, { numClasses: classes, engine });
      for (const rows of [50_000, 100_000]) {
        if (backend === 'cpu' && rows > 50_000) continue;
        const t0 = performance.now();
        head.predict(data.x, rows);
        figures[`${backend}_${kind}_score_${rows}_s`] = round((performance.now() - t0) / 1000);
      }
      head.dispose();
    }
    // The target: retrain the default head on 2,000 labels and rescore a 50,000 pool in < 5 s.
    const t0 = performance.now();
    const { head } = await trainHead({ x: data.x, y: data.y, count: 2_000, dim }, defaultHeadConfig(), { numClasses: classes, engine });
    head.predict(data.x.subarray(2_000 * dim), 50_000);
    head.dispose();
    figures[`${backend}_default_retrain_2000_rescore_50000_s`] = round((performance.now() - t0) / 1000);
    notes.push(`${backend}: default head = ${JSON.stringify(defaultHeadConfig())}`);
  }
  const w = Float32Array.from({ length: dim * classes }, (_, i) => Math.sin(i) * 0.01);
  const reference = { plain_js_linear_score_50000_s: round(plainMatmulSoftmax(data.x, 50_000, w) / 1000) };
  const ratios = { simd_linear_score_vs_plain_js: round(figures.simd_linear_score_50000_s / reference.plain_js_linear_score_50000_s), wasm_linear_score_vs_plain_js: round(figures.wasm_linear_score_50000_s / reference.plain_js_linear_score_50000_s) };
  return { name: 'classifier heads on 1,280-d embeddings', figures, reference, ratios, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchHeads().then((r) => console.log(JSON.stringify(r, null, 2)));
}

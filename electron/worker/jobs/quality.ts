import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import type { ValidJobOf } from '../../../shared/ml/messages';
import type { DuplicateGroup, QualityReport, QualityStep } from '../../../shared/ml/quality';
import { embedProject } from '../embeddings/embedProject';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';
import { readSamples } from '../project/readSamples';
import { findLabelIssues } from '../quality/confidentLearning';
import { embeddingDuplicateGroups } from '../quality/embeddingDuplicates';
import { projectMap } from '../quality/embeddingMap';
import { outlierScores } from '../quality/outliers';
import { outOfFoldProbabilities } from '../quality/outOfFold';
import { principalComponents } from '../quality/pca';
import { qualityPaths, writeJson } from '../quality/qualityFiles';
import type { JobContext } from './context';

/** Outlier distances are measured on this many principal axes of the embeddings. */
const OUTLIER_AXES = 64;

/**
 * The data checks after a run: suspected label errors (out-of-fold probabilities with the
 * run's head configuration, then confident learning), near-duplicate groups by embedding
 * and outliers by distance to the labeled classes. Writes `quality/<runId>/report.json`.
 */
export async function runQualityJob(job: ValidJobOf<'quality'>, context: JobContext) {
  const started = performance.now();
  const step = (name: QualityStep) => (done: number, total: number) => context.progress({ phase: 'quality', step: name, done, total });
  const { samples, store } = await openEmbeddings(job, context);
  try {
    const embedded = samples.filter((s) => store.has(s.hash));
    const index = new Map(embedded.map((s, i) => [s.id, i]));
    const labeled = job.labels.filter(([id]) => index.has(id));
    const k = job.classIds.length;

    let time = performance.now();
    const y = Int32Array.from(labeled, ([, c]) => c);
    const x = await store.read(labeled.map(([id]) => embedded[index.get(id)!].hash));
    const probabilities = await outOfFoldProbabilities({ x, y, count: labeled.length, dim: store.dim }, job.head, {
      numClasses: k,
      folds: job.settings.folds,
      seed: job.seed,
      signal: context.signal,
      onFold: step('label-check'),
    });
    const cl = findLabelIssues({ probabilities, given: y, count: labeled.length, numClasses: k });
    const suspects = cl.issues.map((issue) => ({
      sampleId: labeled[issue.index][0],
      given: job.classIds[issue.given],
      suggested: job.classIds[issue.suggested],
      selfConfidence: issue.selfConfidence,
      suggestedProbability: issue.suggestedProbability,
      threshold: cl.thresholds[issue.given],
    }));
    const outOfFoldMs = performance.now() - time;

    time = performance.now();
    const all = await store.read(embedded.map((s) => s.hash));
    const groups = embeddingDuplicateGroups(all, embedded.length, store.dim, job.settings.nearDuplicateCosine, { signal: context.signal, onProgress: step('duplicates') });
    const duplicateGroups: DuplicateGroup[] = groups.map((g) => ({ ids: g.rows.map((r) => embedded[r].id), kind: g.kind, source: 'embedding', closeness: g.minCosine }));
    const duplicatesMs = performance.now() - time;

    time = performance.now();
    const projection = principalComponents(all, embedded.length, store.dim, OUTLIER_AXES, job.seed);
    const classOf = new Int32Array(embedded.length).fill(-1);
    for (const [id, c] of labeled) classOf[index.get(id)!] = c;
    const scores = await outlierScores(projection.coordinates, embedded.length, projection.components, classOf, k, {
      k: job.settings.outlierNeighbours,
      signal: context.signal,
      onProgress: step('outliers'),
    });
    const outliers = scores
      .filter((s) => s.score >= job.settings.outlierScore && Number.isFinite(s.score))
      .map((s) => ({ sampleId: embedded[s.index].id, score: s.score, nearestClassId: job.classIds[s.nearestClass] }));
    const outliersMs = performance.now() - time;

    const report: QualityReport = {
      format: 'studio-quality/1',
      runId: job.runId,
      backboneId: job.backbone.card.id,
      createdAt: new Date().toISOString(),
      classIds: job.classIds,
      settings: job.settings,
      checked: labeled.length,
      suspects,
      duplicateGroups,
      outliers,
      outlierSpace: { components: projection.components, varianceKept: projection.explained.reduce((a, b) => a + b, 0) },
      timings: { outOfFoldMs, duplicatesMs, outliersMs },
    };
    await writeJson(qualityPaths.report(job.projectDir, job.runId), report);
    return { runId: job.runId, checked: labeled.length, suspects: suspects.length, duplicateGroups: duplicateGroups.length, outliers: outliers.length, durationMs: performance.now() - started };
  } finally {
    await store.close();
  }
}

/** The 2-D map of every embedded sample: PCA written at once, then UMAP. */
export async function runMapJob(job: ValidJobOf<'map'>, context: JobContext) {
  const { samples, store } = await openEmbeddings(job, context);
  try {
    const embedded = samples.filter((s) => store.has(s.hash));
    const x = await store.read(embedded.map((s) => s.hash));
    return await projectMap(x, embedded.map((s) => s.id), store.dim, {
      method: job.method,
      neighbours: job.neighbours,
      seed: job.seed,
      signal: context.signal,
      progress: (step, done, total) => context.progress({ phase: 'quality', step, done, total }),
      write: (map) => writeJson(qualityPaths.map(job.projectDir, job.backbone.card.id), { format: 'studio-map/1', backboneId: job.backbone.card.id, createdAt: new Date().toISOString(), ...map }),
    });
  } finally {
    await store.close();
  }
}

async function openEmbeddings(job: ValidJobOf<'quality'> | ValidJobOf<'map'>, context: JobContext): Promise<{ samples: Sample[]; store: EmbeddingStore }> {
  const samples = await readSamples(job.projectDir);
  const { store, report } = await embedProject({
    projectDir: job.projectDir,
    spec: job.backbone,
    samples,
    batchSize: job.batchSize,
    signal: context.signal,
    onProgress: (done, total) => context.progress({ phase: 'quality', step: 'embedding', done, total }),
  });
  if (report.cancelled) {
    await store.close();
    throw new StudioError('cancelled', 'The data checks were cancelled while computing embeddings.', 'The embeddings computed so far are kept.');
  }
  return { samples, store };
}

import { StudioError } from '../../../shared/contract/channel';
import type { Sample } from '../../../shared/domain/records';
import type { EmbedReport, QueryReport, ValidJobOf } from '../../../shared/ml/messages';
import { query, strategies, type CandidatePool } from '../acquisition/index';
import { subsample } from '../acquisition/math/subsample';
import { embedProject } from '../embeddings/embedProject';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';
import { readSamples } from '../project/readSamples';
import type { JobContext } from './context';
import { loadQueryModel, noMcDropout, type QueryModel } from './queryModel';
import { appQueryOptions, finiteScore, knownSamples, LeftOut, maxDiversityCandidates, maxLabeledForDiversity, maxPoolFloats, poolProbabilities, shortlist } from './queryPool';

/**
 * One query, start to finish, inside the worker: gather what the strategy reads (the
 * run's probabilities, embeddings from the cache with missing ones computed, MC-dropout
 * passes from the run's head), cut the pool to what fits in memory, and let the
 * acquisition registry score and select. Only ids, scores and notes go back.
 */
export async function runQueryJob(job: ValidJobOf<'query'>, context: JobContext): Promise<QueryReport> {
  const started = performance.now();
  const strategy = strategies.get(job.strategy);
  const needsEmbeddings = strategy.needs.includes('embeddings') || strategy.needs.includes('mc-dropout');
  const needsProbabilities = strategy.needs.includes('probabilities');
  if (!job.runId && (needsProbabilities || strategy.needs.includes('mc-dropout'))) {
    throw new StudioError('unsupported', `The "${strategy.name}" strategy needs a trained model, and this project has none yet.`, 'Train a model first, or use a cold-start strategy such as "cold-start" or "random".');
  }
  const leftOut = new LeftOut();
  const samples = new Map((await readSamples(job.projectDir)).map((s) => [s.id, s]));
  let pool = knownSamples(job.candidateIds, samples, leftOut);
  const { card } = job.backbone;
  const model = job.runId ? await loadQueryModel(job.projectDir, job.runId, card, true) : null;
  let store: EmbeddingStore | null = null;
  try {
    if (strategy.needs.includes('mc-dropout') && !model?.head) throw noMcDropout(strategy.name, model);
    // Samples the run never scored (added since) get probabilities from its head, or sit out.
    const unscored = model ? pool.filter((s) => !model.probabilities.row(s.id)) : [];
    if (unscored.length && needsProbabilities && !model?.head) {
      const skip = new Set(unscored.map((s) => s.id));
      pool = pool.filter((s) => !skip.has(s.id));
      leftOut.add('not scored by the model yet', skip.size);
    }
    if (needsEmbeddings) {
      const cap = needsProbabilities || strategy.needs.includes('mc-dropout') ? Math.max(1000, Math.floor(maxPoolFloats / card.embeddingSize)) : maxDiversityCandidates;
      pool = shortlist(pool, cap, job.seed, needsProbabilities ? (model?.probabilities ?? null) : null, leftOut, 'beyond what one query holds in memory');
    }
    const labeled = needsEmbeddings ? pick(knownSamples(job.labeledIds, samples, new LeftOut()), maxLabeledForDiversity, job.seed) : [];
    const predictFor = model?.head && needsProbabilities ? pool.filter((s) => !model.probabilities.row(s.id)) : [];
    const toEmbed = needsEmbeddings ? [...pool, ...labeled] : predictFor;

    let embedding: EmbedReport | null = null;
    if (toEmbed.length) {
      const embedded = await embedProject({
        projectDir: job.projectDir,
        spec: job.backbone,
        samples: toEmbed,
        batchSize: job.batchSize,
        signal: context.signal,
        onProgress: (done, total) => context.progress({ phase: 'embedding', done, total }),
      });
      store = embedded.store;
      embedding = embedded.report;
      if (embedding.cancelled || context.signal.aborted) throw cancelled();
      const readable = (s: Sample) => store!.has(s.hash);
      const before = pool.length;
      if (needsEmbeddings) pool = pool.filter(readable);
      else {
        const needed = new Set(predictFor.map((s) => s.id));
        pool = pool.filter((s) => readable(s) || !needed.has(s.id));
      }
      leftOut.add('image could not be read', before - pool.length);
    }

    const candidates = await buildPool(pool, labeled.filter((s) => store?.has(s.hash)), { store, needsEmbeddings, model, classNames: job.classNames, mcPasses: job.mcPasses, seed: job.seed });
    const picks = await query(strategy, candidates, { seed: job.seed, n: job.n, signal: context.signal, options: appQueryOptions });
    if (context.signal.aborted) throw cancelled();
    return {
      strategy: strategy.name,
      // Highest score first, whatever order the selector chose them in.
      picks: picks.map((p) => ({ sampleId: pool[p.index].id, score: finiteScore(p.score), note: p.note })).sort((a, b) => b.score - a.score),
      scored: pool.length,
      leftOut: leftOut.list(),
      embedding,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    model?.dispose();
    await store?.close();
  }
}

interface PoolInputs {
  store: EmbeddingStore | null;
  needsEmbeddings: boolean;
  model: QueryModel | null;
  classNames: Record<string, string>;
  mcPasses: number;
  seed: number;
}

async function buildPool(pool: Sample[], labeled: Sample[], inputs: PoolInputs): Promise<CandidatePool> {
  const { store, model } = inputs;
  const dim = inputs.needsEmbeddings && store ? store.dim : 0;
  const embeddings = dim ? await store!.read(pool.map((s) => s.hash)) : new Float32Array(0);
  const classIds = model?.probabilities.classIds ?? Object.keys(inputs.classNames);
  const candidates: CandidatePool = {
    count: pool.length,
    embeddings,
    dim,
    numClasses: classIds.length,
    classNames: classIds.map((id) => inputs.classNames[id] ?? id),
  };
  if (dim && labeled.length) candidates.labeled = { embeddings: await store!.read(labeled.map((s) => s.hash)), count: labeled.length };
  if (!model) return candidates;
  const predicted = new Map<string, Float32Array>();
  const missing = pool.filter((s) => !model.probabilities.row(s.id) && store?.has(s.hash));
  if (missing.length && model.head) {
    const rows = model.head.predict(await store!.read(missing.map((s) => s.hash)), missing.length);
    missing.forEach((s, i) => predicted.set(s.id, rows.subarray(i * classIds.length, (i + 1) * classIds.length)));
  }
  candidates.probabilities = poolProbabilities(pool, model.probabilities, predicted) ?? undefined;
  const head = model.head;
  if (head && dim) {
    // A head trained without dropout says so itself when sampled (predictPasses).
    let chunk = 0;
    candidates.mcDropout = { passes: inputs.mcPasses, sample: (x, rows) => head.predictPasses(x, rows, inputs.mcPasses, inputs.seed + chunk++) };
  }
  return candidates;
}

function pick(samples: Sample[], limit: number, seed: number): Sample[] {
  return samples.length <= limit ? samples : Array.from(subsample(samples.length, limit, seed), (i) => samples[i]);
}

function cancelled(): StudioError {
  return new StudioError('cancelled', 'The query was cancelled.', 'The embeddings computed so far are kept.');
}

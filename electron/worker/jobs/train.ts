import { StudioError } from '../../../shared/contract/channel';
import type { TrainReport, ValidJobOf } from '../../../shared/ml/messages';
import { embedProject } from '../embeddings/embedProject';
import { readSamples } from '../project/readSamples';
import { readSavedHead, writeRunOutputs } from '../runs/runFiles';
import { labeledSets } from '../training/datasets';
import { fineTuneForRun } from '../training/fineTuneRun';
import { splitMetrics } from '../training/metrics';
import { scorePool } from '../training/scorePool';
import { trainRoundHead } from '../training/trainRoundHead';
import type { JobContext } from './context';

/**
 * One training run, start to finish, inside the worker: bring the embedding cache up to
 * date, train the head on the train-split labels (`trainRoundHead`: early stopping on the
 * val split, warm start from the previous head when it fits), score every sample, and
 * write the run's probability and head files. Only the report goes back to the host.
 */
export async function runTrainJob(job: ValidJobOf<'train'>, context: JobContext): Promise<TrainReport> {
  const { signal } = context;
  const samples = await readSamples(job.projectDir, context.held.samples);
  const byId = new Map(samples.map((s) => [s.id, s]));
  const numClasses = job.classIds.length;
  if (job.labels.some(([, c]) => c >= numClasses)) throw new StudioError('invalid-request', 'A label points past the list of classes.');

  const tuning = await fineTuneForRun(job, byId, context);
  const backbone = tuning.spec;
  const { store, report: embedding } = await embedProject({
    projectDir: job.projectDir,
    spec: backbone,
    samples,
    batchSize: job.batchSize,
    held: context.held.embeddings,
    signal,
    onProgress: (done, total) => context.progress({ phase: 'embedding', done, total }),
  });
  try {
    if (embedding.cancelled) throw new StudioError('cancelled', 'The run was cancelled while computing embeddings.', 'The embeddings computed so far are kept.');
    const sets = await labeledSets(job.labels, byId, store);
    if (sets.train.count === 0) {
      throw new StudioError('invalid-request', 'No labeled image in the train split could be used.', 'Label some images in the train split (and check that their files can be read), then train again.');
    }
    const trained = await trainRoundHead({
      train: sets.train,
      val: sets.val,
      numClasses,
      head: job.head,
      features: backbone.card.engine === 'pixels' ? 'pixels' : 'embedding',
      previous: job.warmStartRunId ? await readSavedHead(job.projectDir, job.warmStartRunId) : null,
      signal,
      onEpoch: (epoch, epochs) => context.progress({ phase: 'training', epoch, epochs }),
    });
    const { head, config } = trained;
    try {
      const train = splitMetrics(head.predict(sets.train.x, sets.train.count), sets.train.y, sets.train.count, numClasses);
      const val = sets.val ? splitMetrics(head.predict(sets.val.x, sets.val.count), sets.val.y, sets.val.count, numClasses) : null;
      const scores = await scorePool(head, store, samples, { signal, onProgress: (done, total) => context.progress({ phase: 'scoring', done, total }) });
      await writeRunOutputs(job.projectDir, job.runId, { classIds: job.classIds, ...scores, head: head.save() });
      const { card } = backbone;
      return {
        backbone: { id: card.id, name: card.name, engine: card.engine, embeddingSize: card.embeddingSize },
        head: config,
        backend: context.backend,
        executionProviders: embedding.executionProviders,
        fineTune: tuning.availability,
        fineTuning: tuning.report,
        tunedBackbone: backbone === job.backbone ? null : backbone,
        warmStarted: trained.warmStarted,
        headEngine: trained.engine,
        history: trained.history,
        bestEpoch: trained.bestEpoch,
        stoppedEarly: trained.stoppedEarly,
        metrics: { train, val },
        scored: scores.sampleIds.length,
        unscored: samples.length - scores.sampleIds.length,
        embedding,
      };
    } finally {
      head.dispose();
    }
  } finally {
    await store.close();
  }
}

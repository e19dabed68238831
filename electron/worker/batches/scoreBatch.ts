import { StudioError } from '../../../shared/contract/channel';
import type { ScoreBatchReport } from '../../../shared/ml/batchJob';
import type { ValidJobOf } from '../../../shared/ml/messages';
import { embedProject } from '../embeddings/embedProject';
import { loadHead } from '../heads/index';
import type { JobContext } from '../jobs/context';
import { readSavedHead, writeProbabilityFiles } from '../runs/runFiles';
import type { EmbeddingStore } from '../embeddings/EmbeddingStore';
import type { Head } from '../heads/index';

/**
 * A new-data batch through a finished run: its images are embedded into the project's
 * cache for the run's backbone (only new ones are computed), scored with the run's saved
 * head, and the probabilities written in the run-file format. Images that cannot be
 * decoded get no row and are listed.
 */
export async function runScoreBatchJob(job: ValidJobOf<'score-batch'>, context: JobContext): Promise<ScoreBatchReport> {
  const saved = await readSavedHead(job.projectDir, job.runId);
  if (!saved) throw new StudioError('not-found', `Run ${job.runId} has no saved head.`, 'Choose a run that finished, or train again.');
  const { store, report } = await embedProject({
    projectDir: job.projectDir,
    spec: job.backbone,
    samples: job.images,
    batchSize: job.batchSize,
    signal: context.signal,
    onProgress: (done, total) => context.progress({ phase: 'embedding', done, total }),
  });
  const head = loadHead(saved);
  try {
    if (report.cancelled) throw new StudioError('cancelled', 'Predicting the batch was cancelled.', 'The embeddings computed so far are kept.');
    if (head.dim !== store.dim) throw new StudioError('invalid-request', `Run ${job.runId}'s head takes ${head.dim} features but its backbone gives ${store.dim}.`);
    const scores = await predictStored(head, store, job.images, context);
    if (head.numClasses !== job.classIds.length) throw new StudioError('invalid-request', `Run ${job.runId}'s head has ${head.numClasses} outputs for ${job.classIds.length} classes.`);
    await writeProbabilityFiles(job.outDir, job.runId, { classIds: job.classIds, ...scores });
    return { scored: scores.sampleIds.length, failed: report.failed, failures: report.failures.slice(0, 20) };
  } finally {
    head.dispose();
    await store.close();
  }
}

const chunk = 4096;

/** Probabilities for every image with an embedding, in image order, a bounded chunk at a time. */
async function predictStored(head: Head, store: EmbeddingStore, images: { id: string; hash: string }[], context: JobContext): Promise<{ sampleIds: string[]; probabilities: Float32Array }> {
  const known = images.filter((image) => store.has(image.hash));
  const probabilities = new Float32Array(known.length * head.numClasses);
  for (let from = 0; from < known.length; from += chunk) {
    if (context.signal.aborted) throw new StudioError('cancelled', 'Predicting the batch was cancelled.');
    const part = known.slice(from, from + chunk);
    probabilities.set(head.predict(await store.read(part.map((image) => image.hash)), part.length), from * head.numClasses);
    context.progress({ phase: 'scoring', done: from + part.length, total: known.length });
  }
  return { sampleIds: known.map((image) => image.id), probabilities };
}

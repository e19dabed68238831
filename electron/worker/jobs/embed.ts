import type { EmbedReport, ValidJobOf } from '../../../shared/ml/messages';
import { embedProject } from '../embeddings/embedProject';
import { readSamples } from '../project/readSamples';
import type { JobContext } from './context';

/** `studio embed` and the UI's "compute embeddings": fills the cache, reports what it did. */
export async function runEmbedJob(job: ValidJobOf<'embed'>, context: JobContext): Promise<EmbedReport> {
  const samples = await readSamples(job.projectDir, context.held.samples);
  const { store, report } = await embedProject({
    projectDir: job.projectDir,
    spec: job.backbone,
    samples,
    batchSize: job.batchSize,
    held: context.held.embeddings,
    signal: context.signal,
    onProgress: (done, total) => context.progress({ phase: 'embedding', done, total }),
  });
  await store.close();
  return report;
}

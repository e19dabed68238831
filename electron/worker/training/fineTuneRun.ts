import { join } from 'node:path';
import type { Sample } from '../../../shared/domain/records';
import type { BackboneSpec } from '../../../shared/ml/cards';
import type { ValidJobOf } from '../../../shared/ml/messages';
import type { FineTuneAvailability, FineTuneReport } from '../../../shared/ml/runs';
import type { JobContext } from '../jobs/context';
import { runDir } from '../runs/runFiles';
import { fineTuneAvailability } from './fineTune';
import { fineTuneBackbone } from './fineTuneBackbone';
import { fineTuneBuiltin, type LabeledSample } from './fineTuneBuiltin';
import { fineTunePlan } from './fineTunePlan';

export interface RunFineTuning {
  /** The backbone the run goes on with: the requested one, or its fine-tuned copy. */
  spec: BackboneSpec;
  availability: FineTuneAvailability;
  report: FineTuneReport | null;
}

/**
 * The fine-tuning step of a training run, when the run asked for it and this worker can:
 * the built-in network's top on any backend, a TF.js backbone's last layers on a native
 * one. Otherwise it says why not and the run trains the head alone. The fine-tuned
 * backbone gets its own id (`<id>-ft-<run tag>`), so its embeddings get their own cache.
 */
export async function fineTuneForRun(job: ValidJobOf<'train'>, samples: Map<string, Sample>, context: JobContext): Promise<RunFineTuning> {
  const availability = fineTuneAvailability(context.backend, job.backbone);
  if (!job.fineTune || !availability.available) return { spec: job.backbone, availability, report: null };
  const outDir = join(runDir(job.projectDir, job.runId), 'backbone');
  const labeled = { train: [] as LabeledSample[], val: [] as LabeledSample[] };
  for (const [id, classIndex] of job.labels) {
    const sample = samples.get(id);
    if (sample && sample.split !== 'test') labeled[sample.split].push({ sample, classIndex });
  }
  if (job.backbone.builtin) {
    const plan = fineTunePlan(context.backend);
    const tuned = await fineTuneBuiltin({
      spec: job.backbone,
      projectDir: job.projectDir,
      ...labeled,
      numClasses: job.classIds.length,
      plan,
      backendName: context.backend.name,
      outDir,
      tunedId: `${job.backbone.card.id}-ft-${job.runId.slice(-6)}`,
      batchSize: job.batchSize,
      signal: context.signal,
      onCacheProgress: (done, total) => context.progress({ phase: 'embedding', done, total }),
      onEpoch: (epoch, epochs) => context.progress({ phase: 'fine-tuning', epoch, epochs }),
      onStep: (epoch, epochs, done, total) => context.progress({ phase: 'fine-tuning-step', epoch, epochs, done, total }),
    });
    const { report } = tuned;
    const outcome =
      report.kept === 'fine-tuned'
        ? `kept epoch ${report.bestEpoch} (val accuracy ${percent(report.tunedVal?.accuracy)} against ${percent(report.frozenVal?.accuracy)} frozen)`
        : `no epoch beat the frozen network on val (${percent(report.frozenVal?.accuracy)}), so it was kept`;
    return { spec: tuned.spec, availability: { available: true, reason: `Fine-tuned ${plan.trains} on ${labeled.train.length} images (${context.backend.name}): ${outcome}.` }, report };
  }
  const epochs = 5;
  const tuned = await fineTuneBackbone({
    spec: job.backbone,
    images: labeled.train.map((l) => ({ path: l.sample.path, classIndex: l.classIndex })),
    numClasses: job.classIds.length,
    outDir,
    epochs,
    signal: context.signal,
    onEpoch: (epoch) => context.progress({ phase: 'fine-tuning', epoch, epochs }),
  });
  return { spec: tuned.spec, availability: { available: true, reason: `Fine-tuned the last 2 weighted layers for ${epochs} epochs on ${labeled.train.length} images (${context.backend.name}).` }, report: null };
}

function percent(value: number | undefined): string {
  return value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}

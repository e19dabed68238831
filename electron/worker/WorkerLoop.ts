import { StudioError, type StudioErrorPayload } from '../../shared/contract/channel';
import { hostMessageSchema, jobResultSchemas, type JobProgress, type ValidJob, type WorkerMessage } from '../../shared/ml/messages';
import type { BackendInfo } from './tf/backend';
import { runEmbedJob } from './jobs/embed';
import { runTrainJob } from './jobs/train';
import { runQueryJob } from './jobs/query';
import { runExportJob } from './export/exportJob';
import { runScoreBatchJob } from './batches/scoreBatch';
import { runMapJob, runQualityJob } from './jobs/quality';
import { runCapabilitiesJob, runCrashJob, runMemoryJob } from './jobs/diagnostics';
import { validateBackbone } from './backbones/validate';
import { heldBetweenJobs, type JobContext } from './jobs/context';
import { runFineTuneEstimateJob } from './training/fineTuneEstimate';

type Send = (message: WorkerMessage) => void;

/**
 * The worker's message loop: validates every host message, runs jobs one at a time (they
 * share the CPU and the project's files), forwards progress, and answers each job with
 * `done` or `failed`. A cancel aborts the running job's signal or drops a queued one.
 */
export class WorkerLoop {
  private readonly queue: { jobId: number; job: ValidJob; controller: AbortController }[] = [];
  private running: { jobId: number; controller: AbortController } | null = null;
  private readonly held = heldBetweenJobs();

  constructor(
    private readonly send: Send,
    private readonly backend: BackendInfo,
  ) {}

  receive(raw: unknown): void {
    const parsed = hostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      process.stderr.write(`ML worker: ignored a malformed message: ${parsed.error.issues[0]?.message}\n`);
      const jobId = (raw as { jobId?: unknown } | null)?.jobId;
      if (typeof jobId === 'number') this.fail(jobId, new StudioError('invalid-request', `The ML worker refused a malformed job: ${parsed.error.issues[0]?.message}`));
      return;
    }
    const message = parsed.data;
    if (message.type === 'cancel') return this.cancel(message.jobId);
    // Test crash hooks act at once, even mid-run: that is the point of them.
    if (message.job.kind === 'crash') {
      runCrashJob(message.job).catch((error: unknown) => this.fail(message.jobId, error));
      return;
    }
    this.queue.push({ jobId: message.jobId, job: message.job, controller: new AbortController() });
    void this.next();
  }

  private cancel(jobId: number): void {
    if (this.running?.jobId === jobId) return this.running.controller.abort();
    const index = this.queue.findIndex((q) => q.jobId === jobId);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.fail(jobId, new StudioError('cancelled', 'Cancelled before it started.'));
    }
  }

  private async next(): Promise<void> {
    if (this.running) return;
    const item = this.queue.shift();
    if (!item) return;
    this.running = item;
    const context: JobContext = {
      signal: item.controller.signal,
      backend: this.backend,
      held: this.held,
      progress: (progress: JobProgress) => this.send({ type: 'progress', jobId: item.jobId, progress }),
    };
    try {
      const result = await this.run(item.job, context);
      this.send({ type: 'done', jobId: item.jobId, result: jobResultSchemas[item.job.kind].parse(result) });
    } catch (error) {
      this.fail(item.jobId, error);
    } finally {
      this.running = null;
      void this.next();
    }
  }

  private run(job: ValidJob, context: JobContext): Promise<unknown> {
    switch (job.kind) {
      case 'embed':
        return runEmbedJob(job, context);
      case 'train':
        return runTrainJob(job, context);
      case 'query':
        return runQueryJob(job, context);
      case 'fine-tune-estimate':
        return runFineTuneEstimateJob(job, context);
      case 'quality':
        return runQualityJob(job, context);
      case 'map':
        return runMapJob(job, context);
      case 'validate-backbone':
        return validateBackbone(job.backbone);
      case 'capabilities':
        return runCapabilitiesJob(job, context);
      case 'memory':
        return runMemoryJob();
      case 'crash':
        return runCrashJob(job);
      case 'export-model':
        return runExportJob(job, context);
      case 'score-batch':
        return runScoreBatchJob(job, context);
    }
  }

  private fail(jobId: number, error: unknown): void {
    this.send({ type: 'failed', jobId, error: toPayload(error) });
  }
}

function toPayload(error: unknown): StudioErrorPayload {
  if (error instanceof StudioError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `The ML worker failed: ${message.split('\n')[0].slice(0, 500)}` };
}

import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import type { Capabilities, MemoryReport, ValidJobOf } from '../../../shared/ml/messages';
import { chooseProviders } from '../backbones/onnxProviders';
import { fineTuneAvailability } from '../training/fineTune';
import type { JobContext } from './context';

/** What this worker can do: TF.js backend, onnxruntime providers, fine-tuning. */
export async function runCapabilitiesJob(_job: ValidJobOf<'capabilities'>, context: JobContext): Promise<Capabilities> {
  const providers = chooseProviders();
  return {
    pid: process.pid,
    backend: context.backend,
    onnx: { usable: providers.usable, skipped: providers.skipped },
    fineTune: fineTuneAvailability(context.backend),
  };
}

/** TF.js tensor count and process memory, for leak checks and the diagnostics view. */
export async function runMemoryJob(): Promise<MemoryReport> {
  const memory = tf.memory();
  return { numTensors: memory.numTensors, numBytes: memory.numBytes, rssBytes: process.memoryUsage().rss };
}

/**
 * Test-only ways to die, so tests can prove a worker crash becomes a failed run and the
 * next run starts a fresh worker. Refused unless STUDIO_ML_TEST_HOOKS=1.
 */
export async function runCrashJob(job: ValidJobOf<'crash'>): Promise<never> {
  if (process.env.STUDIO_ML_TEST_HOOKS !== '1') throw new StudioError('unsupported', 'Crash hooks are for tests only.');
  if (job.how === 'abort') process.abort();
  if (job.how === 'exit') process.exit(70);
  if (job.how === 'oom') {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return new Promise<never>(() => {
    // 'hang': never answers, so the host's cancel grace period must stop it.
    setInterval(() => undefined, 60_000);
  });
}

import type { JobProgress } from '../../../shared/ml/messages';
import { HeldEmbeddings } from '../embeddings/HeldEmbeddings';
import { HeldSamples } from '../project/HeldSamples';
import type { BackendInfo } from '../tf/backend';

/**
 * What the worker keeps in memory from one job to the next: the samples file and the
 * embedding cache it read last. A round's train job, the query after it and the next round
 * read the same files; each job checks what is held against the files before using it.
 */
export interface HeldBetweenJobs {
  samples: HeldSamples;
  embeddings: HeldEmbeddings;
}

export function heldBetweenJobs(): HeldBetweenJobs {
  return { samples: new HeldSamples(), embeddings: new HeldEmbeddings() };
}

/** What every job gets from the worker loop: its cancel signal, a progress sink, the TF.js backend, what earlier jobs left in memory. */
export interface JobContext {
  signal: AbortSignal;
  progress(progress: JobProgress): void;
  backend: BackendInfo;
  held: HeldBetweenJobs;
}

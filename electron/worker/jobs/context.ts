import type { JobProgress } from '../../../shared/ml/messages';
import type { BackendInfo } from '../tf/backend';

/** What every job gets from the worker loop: its cancel signal, a progress sink, the TF.js backend. */
export interface JobContext {
  signal: AbortSignal;
  progress(progress: JobProgress): void;
  backend: BackendInfo;
}

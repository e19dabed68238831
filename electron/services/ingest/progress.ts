import type { ImportProgress } from '../../../shared/contract/imports';

type Counts = Omit<ImportProgress, 'jobId' | 'phase'>;

/** Passes progress on at most every `intervalMs`, and always when the phase changes or ends. */
export class ProgressThrottle {
  private lastAt = -Infinity;
  private lastPhase: ImportProgress['phase'] | null = null;

  constructor(
    private readonly jobId: string,
    private readonly listener: ((progress: ImportProgress) => void) | undefined,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  report(phase: ImportProgress['phase'], counts: Counts, force = false): void {
    if (!this.listener) return;
    const at = this.now();
    if (!force && phase === this.lastPhase && at - this.lastAt < this.intervalMs) return;
    this.lastAt = at;
    this.lastPhase = phase;
    this.listener({ jobId: this.jobId, phase, ...counts });
  }
}

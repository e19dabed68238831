import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StudioError } from '../../../shared/contract/channel';
import {
  jobResultSchemas,
  jobSchema,
  workerMessageSchema,
  type HostMessage,
  type JobKind,
  type JobOf,
  type JobProgress,
  type JobResultOf,
} from '../../../shared/ml/messages';
import type { TfBackendReport } from '../../../shared/ml/runs';
import { describeExit } from './workerExit';

export interface MlWorkerOptions {
  /** Worker entry; defaults to out/main/worker.js when built, electron/worker/main.ts in dev. */
  entry?: string;
  /** Extra node flags (tests pass a small --max-old-space-size). */
  execArgv?: string[];
  env?: Record<string, string | undefined>;
  /** How long a cancelled job may take to stop before the worker is killed. */
  cancelGraceMs?: number;
  /** Where the worker's stdout/stderr lines go (default: this process's stderr). */
  onLog?(line: string): void;
}

export interface RunJobOptions {
  onProgress?(progress: JobProgress): void;
  signal?: AbortSignal;
  /**
   * Background work (the data checks): cancelled as soon as any other job is asked for, so
   * training, queries and embedding never wait behind it. Its caller runs it again later.
   */
  background?: boolean;
}

interface Pending {
  kind: JobKind;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?(progress: JobProgress): void;
  cancelled: boolean;
  background: boolean;
}

/**
 * The host's handle on the ML worker process. The worker starts on the first job; each
 * job gets an id, its progress events and a result validated against the contract. When
 * the worker dies (native crash, out of memory, killed), every job in flight is rejected
 * with a message that says what happened, and the next job starts a fresh worker. Nothing
 * in the host's own state depends on the worker, so a crash costs only the job.
 */
export class MlWorker {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextJobId = 1;
  private backendInfo: TfBackendReport | null = null;
  private stderrTail: string[] = [];
  private disposed = false;

  constructor(private readonly options: MlWorkerOptions = {}) {}

  /** The TF.js backend the current worker chose (null before it has started). */
  get backend(): TfBackendReport | null {
    return this.backendInfo;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  run<K extends JobKind>(job: JobOf<K>, options: RunJobOptions = {}): Promise<JobResultOf<K>> {
    if (this.disposed) return Promise.reject(new StudioError('internal', 'The ML worker has been shut down.'));
    if (options.signal?.aborted) return Promise.reject(new StudioError('cancelled', 'Cancelled before it started.'));
    const checked = jobSchema.safeParse(job);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return Promise.reject(new StudioError('invalid-request', `Invalid ${job.kind} job: ${issue.path.join('.')} ${issue.message}`));
    }
    if (!options.background) {
      for (const [id, entry] of this.pending) if (entry.background && !entry.cancelled) this.cancel(id, entry);
    }
    const child = this.ensureStarted();
    const jobId = this.nextJobId++;
    return new Promise<JobResultOf<K>>((resolve, reject) => {
      const onAbort = () => this.cancel(jobId, entry);
      const settle = <T>(finish: (value: T) => void) => (value: T) => {
        options.signal?.removeEventListener('abort', onAbort);
        finish(value);
      };
      const entry: Pending = { kind: job.kind, resolve: settle(resolve as (v: unknown) => void), reject: settle(reject), onProgress: options.onProgress, cancelled: false, background: Boolean(options.background) };
      this.pending.set(jobId, entry);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.post(child, { type: 'start', jobId, job });
    });
  }

  /** Stops the worker; jobs in flight are rejected. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((r) => child.once('close', () => r()));
    child.kill();
    await exited;
  }

  private cancel(jobId: number, entry: Pending): void {
    if (!this.pending.has(jobId)) return;
    entry.cancelled = true;
    const child = this.child;
    if (!child) return;
    this.post(child, { type: 'cancel', jobId });
    const grace = setTimeout(() => {
      // A job that ignores its cancel (stuck in native code) costs the worker, not the app.
      if (this.pending.has(jobId) && this.child === child) child.kill('SIGKILL');
    }, this.options.cancelGraceMs ?? 15_000);
    grace.unref();
  }

  private ensureStarted(): ChildProcess {
    if (this.child) return this.child;
    const entry = this.options.entry ?? defaultWorkerEntry();
    const execArgv = [...(entry.endsWith('.ts') ? ['--import', tsxLoader()] : []), ...(this.options.execArgv ?? [])];
    const child = fork(entry, [], {
      execArgv,
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.stderrTail = [];
    const log = this.options.onLog ?? ((line: string) => process.stderr.write(`[ml-worker] ${line}\n`));
    const lines = (keep: boolean) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        if (keep) this.stderrTail = [...this.stderrTail, line].slice(-30);
        log(line);
      }
    };
    child.stdout?.on('data', lines(false));
    child.stderr?.on('data', lines(true));
    child.on('message', (raw) => this.receive(raw));
    child.on('error', (error) => this.lost(child, `it could not be started (${error.message})`));
    // 'close' (not 'exit') so the last stderr lines, which say why it died, have arrived.
    child.on('close', (code, signal) => this.lost(child, describeExit(code, signal, this.stderrTail)));
    return child;
  }

  private receive(raw: unknown): void {
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.options.onLog?.(`ignored a malformed worker message: ${parsed.error.issues[0]?.message}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.backendInfo = message.backend;
      return;
    }
    const entry = this.pending.get(message.jobId);
    if (!entry) return;
    if (message.type === 'progress') return entry.onProgress?.(message.progress);
    this.pending.delete(message.jobId);
    if (message.type === 'failed') {
      const { code, message: text, hint } = message.error;
      return entry.reject(new StudioError(code, text, hint));
    }
    const result = jobResultSchemas[entry.kind].safeParse(message.result);
    if (result.success) entry.resolve(result.data);
    else entry.reject(new StudioError('internal', `The ML worker answered a ${entry.kind} job with malformed data: ${result.error.issues[0]?.message}`));
  }

  private lost(child: ChildProcess, why: string): void {
    if (this.child !== child) return;
    this.child = null;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) {
      if (job.cancelled) job.reject(new StudioError('cancelled', 'Cancelled; the ML worker was stopped because it did not respond in time.'));
      else if (!this.disposed) {
        job.reject(new StudioError('internal', `The ML worker stopped unexpectedly: ${why}.`, 'Your labels and project are untouched. Try again; a fresh worker starts automatically. If it keeps happening, try a smaller backbone or batch size.'));
      } else job.reject(new StudioError('cancelled', 'The ML worker was shut down.'));
    }
  }

  private post(child: ChildProcess, message: HostMessage): void {
    child.send(message, (error) => {
      if (error) this.options.onLog?.(`could not reach the ML worker: ${error.message}`);
    });
  }
}

/** The built worker sits beside the bundled main (out/main/worker.js); in dev, the source. */
export function defaultWorkerEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'worker.js');
  if (existsSync(built)) return built;
  return resolve(here, '../../worker/main.ts');
}

function tsxLoader(): string {
  const requireFromHere = createRequire(import.meta.url);
  return pathToFileURL(requireFromHere.resolve('tsx')).href;
}

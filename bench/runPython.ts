import { spawn } from 'node:child_process';

/** Debian's Python, which has torch and scikit-learn (a `python3` earlier on PATH may not). */
export const python = process.env.STUDIO_BENCH_PYTHON ?? '/usr/bin/python3';

/** Runs a reference script and collects its output; `threads` caps its BLAS/OpenMP threads. */
export function runPython(script: string, args: string[], threads: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(python, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code: code ?? 1, stdout, stderr }));
  });
}

/** The last line a script printed, parsed as JSON, or the reason it failed. */
export function lastJsonLine<T>(script: string, result: { code: number; stdout: string; stderr: string }): T | { unavailable: string } {
  if (result.code !== 0) return { unavailable: `${python} ${script} exited ${result.code}: ${result.stderr.trim().split('\n').at(-1) ?? ''}` };
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}

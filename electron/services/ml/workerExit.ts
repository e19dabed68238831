/**
 * Why the worker process ended, in words: out of memory (V8's heap limit or the system's
 * OOM killer), a native crash, or an exit code. `stderr` is the worker's last lines.
 */
export function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: readonly string[]): string {
  const text = stderr.join('\n');
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(text)) return 'it ran out of memory';
  if (/std::bad_alloc|out of memory|OOM/i.test(text)) return 'it ran out of memory in native code';
  if (signal === 'SIGKILL') return 'it was killed (SIGKILL), often the system stopping a process that uses too much memory';
  if (signal === 'SIGABRT' || code === 134) return 'it crashed in native code (abort)';
  if (signal === 'SIGSEGV' || code === 139) return 'it crashed in native code (segmentation fault)';
  if (signal) return `it was stopped by ${signal}`;
  if (code === 0) return 'it exited';
  const last = stderr.filter((l) => l.trim()).at(-1);
  return `it exited with code ${code}${last ? ` (${last.trim().slice(0, 200)})` : ''}`;
}

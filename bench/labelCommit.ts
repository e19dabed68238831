import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { Project } from '../electron/services/project/Project';
import { frameLine } from '../electron/services/storage/journalLines';
import type { Sample } from '../shared/domain/records';
import { percentile, round, type BenchResult } from './types';

function sample(n: number): Sample {
  const hash = createHash('sha256').update(`bench-${n}`).digest('hex');
  return { id: hash.slice(0, 16), path: `/x/${n}.png`, relativePath: `${n}.png`, hash, dhash: hash.slice(0, 16), width: 8, height: 8, format: 'png', bytes: 1, split: 'train', importedLabel: null, addedAt: '' };
}

/**
 * Label commits (request → durable) with `stored` labels already in the journal, interleaved
 * in rounds with bare appends + fdatasync of a line of the same size to a file beside it, so
 * both see the same disk at the same moments (this machine is shared: its fsync time drifts).
 */
async function measure(dir: string, stored: number, measured: number): Promise<{ studio: number[]; bare: number[] }> {
  const project = await Project.create(join(dir, 'p'), { classes: [{ name: 'a' }, { name: 'b' }] });
  const samples = Array.from({ length: stored + measured }, (_, i) => sample(i));
  await project.samples.add(samples);
  const [a, b] = project.doc.classes;
  for (let i = 0; i < stored; i += 200) {
    await Promise.all(samples.slice(i, i + 200).map((s, j) => project.labels.setClass(s.id, (i + j) % 2 ? a.id : b.id, { annotator: 'bench', seconds: 1 })));
  }
  const entry = { seq: 1, kind: 'label', sampleId: sample(0).id, annotator: 'bench', at: new Date().toISOString(), seconds: 1.2, before: {}, after: {} };
  const line = frameLine(entry);
  const handle = await open(join(dir, 'bare.jsonl'), 'a');
  const studio: number[] = [];
  const bare: number[] = [];
  const rounds = 10;
  for (let r = 0; r < rounds; r++) {
    for (const s of samples.slice(stored + (r * measured) / rounds, stored + ((r + 1) * measured) / rounds)) {
      const t0 = performance.now();
      await project.labels.setClass(s.id, a.id, { annotator: 'bench', seconds: 1.2 });
      studio.push(performance.now() - t0);
    }
    for (let i = 0; i < measured / rounds; i++) {
      const t0 = performance.now();
      await handle.appendFile(line);
      await handle.datasync();
      bare.push(performance.now() - t0);
    }
  }
  await handle.close();
  await project.close();
  return { studio, bare };
}

/** CPU time per label line: JSON + CRC32C framing, against JSON.stringify alone (µs). */
function framingCost(n = 50_000): { framed: number; plain: number } {
  const entry = { seq: 12345, kind: 'label', sampleId: sample(1).id, annotator: 'bench', at: new Date().toISOString(), seconds: 1.2, before: { classId: null, skipped: false, flag: null, annotator: null, at: null }, after: { classId: 'c_0123456789', skipped: false, flag: null, annotator: 'bench', at: new Date().toISOString() } };
  const time = (f: () => unknown) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    return ((performance.now() - t0) * 1000) / n;
  };
  time(() => frameLine(entry)); // warm up
  return { framed: time(() => frameLine(entry)), plain: time(() => `${JSON.stringify(entry)}\n`) };
}

/**
 * The same benchmark run by the studio as it was before checksums (the parent of the commit
 * that added `storage/checksum.ts`), checked out in a temp worktree, in this run, on this disk.
 */
function measureBeforeChecksums(): BenchResult | null {
  const repo = resolve(import.meta.dirname, '..');
  let worktree: string | null = null;
  try {
    const added = execFileSync('git', ['log', '--format=%H', '--diff-filter=A', '--', 'electron/services/storage/checksum.ts'], { cwd: repo, encoding: 'utf8' }).trim().split('\n').pop();
    if (!added) return null;
    worktree = execFileSync('mktemp', ['-d', join(tmpdir(), 'bench-before-checksums-XXXXXX')], { encoding: 'utf8' }).trim();
    execFileSync('git', ['worktree', 'add', '--detach', '--force', worktree, `${added}^`], { cwd: repo, stdio: 'ignore' });
    execFileSync('ln', ['-s', join(repo, 'node_modules'), join(worktree, 'node_modules')]);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/labelCommit.ts'], { cwd: worktree, encoding: 'utf8', maxBuffer: 1 << 22 });
    return JSON.parse(out) as BenchResult;
  } catch (error) {
    console.error(`  (could not measure the studio before checksums: ${(error as Error).message.split('\n')[0]})`);
    return null;
  } finally {
    if (worktree) {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo, stdio: 'ignore' });
      } catch {
        // a worktree git no longer knows: the folder goes below
      }
      void rm(worktree, { recursive: true, force: true });
    }
  }
}

/**
 * Label commit latency (request → durable) with 10,000 labels already stored, with
 * checksummed lines, against (same run, same disk) a bare append + fdatasync of a line of the
 * same size, interleaved, and, unless `--quick`, the studio before checksums with its own bare
 * reference.
 */
export async function benchLabelCommit(stored = 10_000, measured = 500, options: { compareBefore?: boolean } = {}): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-labels-'));
  try {
    const { studio: latencies, bare } = await measure(dir, stored, measured);
    const cpu = framingCost();
    const before = options.compareBefore === false ? null : measureBeforeChecksums();
    const p95 = percentile(latencies, 95);
    const bareP95 = percentile(bare, 95);
    return {
      name: `label commit with ${stored.toLocaleString('en')} labels stored (checksummed lines)`,
      figures: { p50_ms: round(percentile(latencies, 50)), p95_ms: round(p95), checksummed_line_us: round(cpu.framed, 3) },
      reference: {
        bare_append_fdatasync_p50_ms: round(percentile(bare, 50)),
        bare_append_fdatasync_p95_ms: round(bareP95),
        json_stringify_line_us: round(cpu.plain, 3),
        ...(before ? { before_checksums_p50_ms: before.figures.p50_ms, before_checksums_p95_ms: before.figures.p95_ms } : {}),
        ...(before?.reference ? { before_checksums_its_bare_p95_ms: before.reference.bare_append_fdatasync_p95_ms } : {}),
      },
      ratios: {
        p95_vs_bare_fsync: round(p95 / bareP95),
        ...(before ? { p95_vs_before_checksums: round(p95 / before.figures.p95_ms) } : {}),
        ...(before?.reference ? { before_checksums_p95_vs_its_bare: round(before.figures.p95_ms / before.reference.bare_append_fdatasync_p95_ms) } : {}),
      },
      notes: before ? [] : ['the studio before checksums was not measured (no git history here)'],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Run by a newer benchmark on an older checkout too: plain figures, no comparison of its own.
  benchLabelCommit(10_000, 500, { compareBefore: !process.argv.includes('--quick') }).then((r) => console.log(JSON.stringify(r, null, 2)));
}

import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { Project } from '../electron/services/project/Project';
import type { Sample } from '../shared/domain/records';
import { percentile, round, type BenchResult } from './types';

function sample(n: number): Sample {
  const hash = createHash('sha256').update(`bench-${n}`).digest('hex');
  return { id: hash.slice(0, 16), path: `/x/${n}.png`, relativePath: `${n}.png`, hash, dhash: hash.slice(0, 16), width: 8, height: 8, format: 'png', bytes: 1, split: 'train', importedLabel: null, addedAt: '' };
}

/**
 * Label commit latency (request → durable) with 10,000 labels already stored, against a
 * bare append + fdatasync of a line of the same size on the same disk in the same run.
 */
export async function benchLabelCommit(stored = 10_000, measured = 500): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-labels-'));
  try {
    const project = await Project.create(join(dir, 'p'), { classes: [{ name: 'a' }, { name: 'b' }] });
    const samples = Array.from({ length: stored + measured }, (_, i) => sample(i));
    await project.samples.add(samples);
    const [a, b] = project.doc.classes;
    for (let i = 0; i < stored; i += 200) {
      await Promise.all(samples.slice(i, i + 200).map((s, j) => project.labels.setClass(s.id, (i + j) % 2 ? a.id : b.id, { annotator: 'bench', seconds: 1 })));
    }
    const latencies: number[] = [];
    for (const s of samples.slice(stored)) {
      const t0 = performance.now();
      await project.labels.setClass(s.id, a.id, { annotator: 'bench', seconds: 1.2 });
      latencies.push(performance.now() - t0);
    }
    await project.close();

    const line = `${JSON.stringify({ seq: 1, kind: 'label', sampleId: samples[0].id, annotator: 'bench', at: new Date().toISOString(), seconds: 1.2, before: {}, after: {} })}\n`;
    const handle = await open(join(dir, 'bare.jsonl'), 'a');
    const bare: number[] = [];
    for (let i = 0; i < measured; i++) {
      const t0 = performance.now();
      await handle.appendFile(line);
      await handle.datasync();
      bare.push(performance.now() - t0);
    }
    await handle.close();
    const p95 = percentile(latencies, 95);
    const bareP95 = percentile(bare, 95);
    return {
      name: `label commit with ${stored.toLocaleString('en')} labels stored`,
      figures: { p50_ms: round(percentile(latencies, 50)), p95_ms: round(p95) },
      reference: { bare_append_fdatasync_p50_ms: round(percentile(bare, 50)), bare_append_fdatasync_p95_ms: round(bareP95) },
      ratios: { p95_vs_bare_fsync: round(p95 / bareP95) },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchLabelCommit().then((r) => console.log(JSON.stringify(r, null, 2)));
}

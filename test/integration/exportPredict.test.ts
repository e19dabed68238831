import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../shared/contract/batches';
import type { ExportReport } from '../../shared/contract/export';
import sharp from 'sharp';
import { seededRandom, writeBytes } from '../helpers/images';

// A lead's path through the CLI binary, as printed in the README: create → import labeled
// folders → train → export → predict from the export alone → check a new batch for shift.

const run = promisify(execFile);
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cli = resolve('electron/cli/index.ts');
let root: string;
let env: NodeJS.ProcessEnv;

/** A 20×20 PNG of noise around red (class 0) or blue (class 1): learnable from pixels, never two alike. */
async function classImage(path: string, classIndex: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const base = classIndex === 0 ? [200, 40, 40] : [40, 60, 200];
  const data = Buffer.alloc(20 * 20 * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, base[i % 3] + Math.round((random() - 0.5) * 90)));
  await writeBytes(path, await sharp(data, { raw: { width: 20, height: 20, channels: 3 } }).png().toBuffer());
}

async function studio<T = unknown>(...args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', tsx, cli, ...args, '--json'], { env, maxBuffer: 32 << 20 });
  return JSON.parse(stdout) as T;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'studio-export-it-'));
  env = { ...process.env, STUDIO_CACHE_DIR: join(root, 'cache') };
  for (let i = 0; i < 24; i++) {
    await classImage(join(root, 'images', 'red', `r${i}.png`), 0, 10 + i);
    await classImage(join(root, 'images', 'blue', `b${i}.png`), 1, 100 + i);
  }
  for (let i = 0; i < 60; i++) await classImage(join(root, 'new', `n${i}.png`), i < 55 ? 0 : 1, 500 + i);
});
afterAll(() => rm(root, { recursive: true, force: true, maxRetries: 5 }));

describe('export and predict from the command line', () => {
  it('a trained project exports to a folder that predicts on its own, with the studio’s probabilities', { timeout: 300_000 }, async () => {
    const project = join(root, 'project');
    await studio('create', project, '--classes', 'red,blue');
    await studio('import', project, join(root, 'images'), '--labels-from', 'folders');
    const trained = await studio<{ id: string }>('train', project, '--backbone', 'pixels-8x8-rgb');
    const out = join(root, 'model');
    const exported = await studio<ExportReport>('export', project, '--run', trained.id, '--out', out);
    expect(exported).toMatchObject({ runId: trained.id, outDir: out, formats: { onnx: { scope: 'pipeline', irVersion: 8 }, tfjs: { scope: 'pipeline' } } });

    const pool = await studio<{ id: string; probabilities: Record<string, number> }[]>('predict-pool', project);
    const samples = await studio<{ id: string; path: string }[]>('samples', project);
    const paths = new Map(samples.map((s) => [s.id, s.path]));
    const predicted = await studio<{ path: string; label: string; probabilities: Record<string, number> }[]>('predict', out, join(root, 'images'));
    expect(predicted).toHaveLength(48);
    const byPath = new Map(predicted.map((p) => [p.path, p]));
    for (const row of pool) {
      const mine = byPath.get(paths.get(row.id)!)!;
      expect(Math.abs(mine.probabilities.red - row.probabilities.red)).toBeLessThan(1e-4);
      expect(Math.abs(mine.probabilities.blue - row.probabilities.blue)).toBeLessThan(1e-4);
    }
    const tfjs = await studio<{ probabilities: Record<string, number> }[]>('predict', out, join(root, 'images'), '--format', 'tfjs');
    tfjs.forEach((row, i) => expect(Math.abs(row.probabilities.red - predicted[i].probabilities.red)).toBeLessThan(1e-4));

    await studio('batch', 'import', project, join(root, 'new'), '--name', 'week 12');
    const report = await studio<BatchReport>('batch', 'report', project, 'week 12', '--run', trained.id);
    expect(report).toMatchObject({ runId: trained.id, scored: 60, batch: { name: 'week 12', count: 60 } });
    expect(report.classes.find((c) => c.name === 'red')!.batch.share).toBeGreaterThan(0.85);
    expect(report.verdict).toMatch(/project images? to compare with|shift/);
  });
});

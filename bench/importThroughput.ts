import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { Project } from '../electron/services/project/Project';
import { runImport, defaultImportLimits } from '../electron/services/ingest';
import { round, type BenchResult } from './types';

export interface ImportBenchOptions {
  images?: number;
  concurrency?: number;
  /** Distinct pictures drawn; the other files are byte-different copies (a comment segment). */
  distinct?: number;
}

/**
 * Import throughput on 1024×768 JPEGs, against bare sharp doing the same decode and
 * thumbnail of the same files at the same concurrency in the same run. The gap is what the
 * import adds: hashing, header probe, dHash, thumbnail files, durable sample batches.
 */
export async function benchImport(options: ImportBenchOptions = {}): Promise<BenchResult> {
  const images = options.images ?? 2000;
  const concurrency = options.concurrency ?? defaultImportLimits.concurrency;
  const dir = await mkdtemp(join(tmpdir(), 'bench-import-'));
  try {
    const files = await writeJpegs(join(dir, 'photos'), images, options.distinct ?? 100);
    const bytes = (await Promise.all(files.slice(0, 50).map((f) => readFile(f)))).reduce((n, b) => n + b.length, 0) / 50;

    const bareSharp = () => timed(() => pool(files, concurrency, async (file) => {
      const data = await readFile(file);
      await sharp(data).rotate().resize(256, 256, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80, effort: 2 }).toBuffer();
    }));
    const before = await bareSharp();

    const project = await Project.create(join(dir, 'project'));
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const run = await timed(() => runImport(project, { sources: [join(dir, 'photos')], labelsFrom: 'none' }, { limits: { concurrency } }));
    lag.disable();
    await project.close();
    if (run.value.imported !== images) throw new Error(`expected ${images} imported, got ${run.value.imported}`);
    const after = await bareSharp(); // before and after, so a load change on a shared machine evens out

    const importRate = images / run.seconds;
    const referenceRate = images / ((before.seconds + after.seconds) / 2);
    return {
      name: `import ${images.toLocaleString('en')} 1024×768 JPEGs (concurrency ${concurrency})`,
      figures: {
        images_per_s: round(importRate, 1),
        seconds: round(run.seconds),
        event_loop_delay_p99_ms: round(lag.percentile(99) / 1e6, 1),
        event_loop_delay_max_ms: round(lag.max / 1e6, 1),
        mean_file_kib: round(bytes / 1024, 0),
      },
      reference: { bare_sharp_decode_thumbnail_images_per_s: round(referenceRate, 1) },
      ratios: { import_vs_bare_sharp: round(importRate / referenceRate) },
      notes: [`${options.distinct ?? 100} distinct pictures; the other files differ from them only by a JPEG comment, so every file is hashed and decoded.`],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** Photo-like JPEGs: smooth random colour fields with grain, ~1024×768, quality 85. */
async function writeJpegs(dir: string, count: number, distinct: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const width = 1024;
  const height = 768;
  const bases: Buffer[] = [];
  let seed = 12345;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 0, sigma: 12 } } }).raw().toBuffer();
  await pool(Array.from({ length: Math.min(distinct, count) }, (_, i) => i), 2, async (i) => {
    const grid = Buffer.alloc(16 * 12 * 3);
    for (let p = 0; p < grid.length; p++) grid[p] = Math.floor(random() * 256);
    const field = await sharp(grid, { raw: { width: 16, height: 12, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
    const shift = (i * 7919) % grain.length;
    for (let p = 0; p < field.length; p++) field[p] = Math.min(255, field[p] + grain[(p + shift) % grain.length]);
    bases[i] = await sharp(field, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    const comment = Buffer.from(`bench file ${i}`);
    const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0, comment.length + 2]), comment]);
    const path = join(dir, `IMG_${String(i).padStart(5, '0')}.jpg`);
    await writeFile(path, Buffer.concat([base.subarray(0, 2), segment, base.subarray(2)]));
    files.push(path);
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sweep = process.argv.includes('--sweep');
  const images = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 2000);
  const levels = sweep ? [2, 3, 4, 6] : [defaultImportLimits.concurrency];
  for (const concurrency of levels) console.log(JSON.stringify(await benchImport({ images, concurrency }), null, 2));
}

import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../../services/storage/durableWrite';

const HASH_LINE = 65; // 64 hex digits + newline
const metaSchema = z.object({ format: z.literal('studio-embeddings/1'), backboneId: z.string(), dim: z.number().int().positive(), fingerprint: z.string() });
type Meta = z.infer<typeof metaSchema>;

export const embeddingFiles = { meta: 'meta.json', vectors: 'vectors.f32', hashes: 'hashes.txt' } as const;

/**
 * The embeddings of one backbone for one project, keyed by image content hash:
 * `vectors.f32` holds row after row of `dim` float32s, `hashes.txt` the hash of each row,
 * one fixed-width line each. A batch is appended to the vectors first, fsync'd, then its
 * hashes, fsync'd: a crash can leave vectors without hashes (dropped on open) but never a
 * hash without its vector, and earlier rows are never rewritten. `meta.json` records the
 * card's fingerprint; a changed card starts the cache afresh rather than mixing meanings.
 */
export class EmbeddingStore {
  private readonly rows = new Map<string, number>();

  private constructor(
    readonly dir: string,
    readonly dim: number,
    private vectors: FileHandle,
    private hashes: FileHandle,
    private count: number,
  ) {}

  static async open(dir: string, meta: Omit<Meta, 'format'>): Promise<EmbeddingStore> {
    await mkdir(dir, { recursive: true });
    const wanted: Meta = { format: 'studio-embeddings/1', ...meta };
    const existing = await readMeta(join(dir, embeddingFiles.meta));
    if (!existing || existing.dim !== wanted.dim || existing.fingerprint !== wanted.fingerprint) {
      await rm(join(dir, embeddingFiles.vectors), { force: true });
      await rm(join(dir, embeddingFiles.hashes), { force: true });
      await writeFileDurably(join(dir, embeddingFiles.meta), JSON.stringify(wanted));
    }
    const vectors = await openForUpdate(join(dir, embeddingFiles.vectors));
    const hashes = await openForUpdate(join(dir, embeddingFiles.hashes));
    const text = (await hashes.readFile()).toString('latin1');
    const store = new EmbeddingStore(dir, wanted.dim, vectors, hashes, 0);
    let good = 0;
    while ((good + 1) * HASH_LINE <= text.length) {
      const line = text.slice(good * HASH_LINE, (good + 1) * HASH_LINE);
      if (!/^[0-9a-f]{64}\n$/.test(line)) break;
      good++;
    }
    const rowBytes = wanted.dim * 4;
    const vectorRows = Math.floor((await vectors.stat()).size / rowBytes);
    const count = Math.min(good, vectorRows);
    for (let row = 0; row < count; row++) store.rows.set(text.slice(row * HASH_LINE, row * HASH_LINE + 64), row);
    store.count = count;
    // Cut whatever a crash left half-written so the next append starts on a row boundary.
    if ((await hashes.stat()).size !== count * HASH_LINE) await hashes.truncate(count * HASH_LINE);
    if ((await vectors.stat()).size !== count * rowBytes) await vectors.truncate(count * rowBytes);
    return store;
  }

  get size(): number {
    return this.count;
  }

  has(hash: string): boolean {
    return this.rows.has(hash);
  }

  rowOf(hash: string): number | undefined {
    return this.rows.get(hash);
  }

  /** Appends `hashes.length` rows durably. Hashes already stored are skipped. */
  async append(hashes: string[], vectors: Float32Array): Promise<void> {
    if (vectors.length !== hashes.length * this.dim) throw new Error(`append: ${vectors.length} floats for ${hashes.length} rows of ${this.dim}`);
    const keep: number[] = [];
    const seen = new Set<string>();
    hashes.forEach((h, i) => {
      if (!this.rows.has(h) && !seen.has(h)) {
        seen.add(h);
        keep.push(i);
      }
    });
    if (keep.length === 0) return;
    const rows = new Float32Array(keep.length * this.dim);
    keep.forEach((from, to) => rows.set(vectors.subarray(from * this.dim, (from + 1) * this.dim), to * this.dim));
    const lines = keep.map((i) => `${hashes[i]}\n`).join('');
    await this.vectors.write(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength), 0, rows.byteLength, this.count * this.dim * 4);
    await this.vectors.datasync();
    await this.hashes.write(lines, this.count * HASH_LINE, 'latin1');
    await this.hashes.datasync();
    keep.forEach((i, k) => this.rows.set(hashes[i], this.count + k));
    this.count += keep.length;
  }

  /** Reads the rows of `hashes` (all must be stored) into one `hashes.length × dim` array. */
  async read(hashes: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(hashes.length * this.dim);
    const bytes = Buffer.from(out.buffer);
    const rowBytes = this.dim * 4;
    let i = 0;
    while (i < hashes.length) {
      const first = this.requireRow(hashes[i]);
      // Coalesce runs of consecutive rows into one read.
      let run = 1;
      while (i + run < hashes.length && this.rows.get(hashes[i + run]) === first + run) run++;
      const { bytesRead } = await this.vectors.read(bytes, i * rowBytes, run * rowBytes, first * rowBytes);
      if (bytesRead !== run * rowBytes) throw new Error(`The embedding cache in ${this.dir} is shorter than its index.`);
      i += run;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.vectors.close();
    await this.hashes.close();
  }

  private requireRow(hash: string): number {
    const row = this.rows.get(hash);
    if (row === undefined) throw new Error(`No embedding for image ${hash.slice(0, 12)}… in ${this.dir}.`);
    return row;
  }
}

/** Read-write without O_APPEND (which would ignore write positions on Linux). */
async function openForUpdate(path: string): Promise<FileHandle> {
  await (await open(path, 'a')).close();
  return open(path, 'r+');
}

async function readMeta(path: string): Promise<Meta | null> {
  try {
    return metaSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}

/** Where a project keeps one backbone's embeddings. */
export function embeddingDir(projectDir: string, backboneId: string): string {
  return join(projectDir, 'cache', 'embeddings', backboneId);
}

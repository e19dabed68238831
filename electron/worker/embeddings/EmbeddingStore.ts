import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../../services/storage/durableWrite';
import { EmbeddingRows, HASH_LINE } from './EmbeddingRows';
import type { HeldEmbeddings } from './HeldEmbeddings';

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
  private constructor(
    readonly dir: string,
    readonly dim: number,
    private vectors: FileHandle,
    private hashes: FileHandle,
    private readonly rows: EmbeddingRows,
  ) {}

  /**
   * Opens (or starts) the cache. With `held` (the worker's memory between jobs) the rows it
   * holds for this cache are reused when the hash file still begins with them, only the rows
   * appended since are read, and every vector is read into memory with one read per GiB;
   * without it vectors stay on disk and `read` fetches them.
   */
  static async open(dir: string, meta: Omit<Meta, 'format'>, held?: HeldEmbeddings): Promise<EmbeddingStore> {
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
    const text = await hashes.readFile();
    const rowBytes = wanted.dim * 4;
    const vectorBytes = (await vectors.stat()).size;
    const vectorRows = Math.floor(vectorBytes / rowBytes);
    let rows = held?.rowsFor(dir, wanted.fingerprint, wanted.dim) ?? new EmbeddingRows(wanted.dim, 0);
    // Rows are never rewritten: held rows are still right when the file begins with their hashes.
    if (!rows.isPrefixOf(text) || rows.count > vectorRows) rows = held?.fresh(dir, wanted.fingerprint, wanted.dim) ?? new EmbeddingRows(wanted.dim, 0);
    let good = rows.count;
    while ((good + 1) * HASH_LINE <= text.length && /^[0-9a-f]{64}\n$/.test(text.toString('latin1', good * HASH_LINE, (good + 1) * HASH_LINE))) good++;
    const count = Math.min(good, vectorRows);
    if (count > rows.count) {
      const room = rows.room(count - rows.count);
      if (room) await readFully(vectors, room, rows.count * rowBytes, dir);
      rows.add(text.subarray(rows.count * HASH_LINE, count * HASH_LINE));
    }
    // Cut whatever a crash left half-written so the next append starts on a row boundary.
    if (text.length !== count * HASH_LINE) await hashes.truncate(count * HASH_LINE);
    if (vectorBytes !== count * rowBytes) await vectors.truncate(count * rowBytes);
    return new EmbeddingStore(dir, wanted.dim, vectors, hashes, rows);
  }

  get size(): number {
    return this.rows.count;
  }

  has(hash: string): boolean {
    return this.rows.rowOf.has(hash);
  }

  rowOf(hash: string): number | undefined {
    return this.rows.rowOf.get(hash);
  }

  /** Every vector, rows in file order (`size × dim`), when they are held in memory; otherwise null. */
  get heldVectors(): Float32Array | null {
    return this.rows.vectors;
  }

  /** Appends `hashes.length` rows durably. Hashes already stored are skipped. */
  async append(hashes: string[], vectors: Float32Array): Promise<void> {
    if (vectors.length !== hashes.length * this.dim) throw new Error(`append: ${vectors.length} floats for ${hashes.length} rows of ${this.dim}`);
    const keep: number[] = [];
    const seen = new Set<string>();
    hashes.forEach((h, i) => {
      if (!this.has(h) && !seen.has(h)) {
        seen.add(h);
        keep.push(i);
      }
    });
    if (keep.length === 0) return;
    // The new rows go straight into the held matrix when there is one; they count once both files are synced.
    const rows = this.rows.room(keep.length) ?? new Float32Array(keep.length * this.dim);
    keep.forEach((from, to) => rows.set(vectors.subarray(from * this.dim, (from + 1) * this.dim), to * this.dim));
    const lines = Buffer.from(keep.map((i) => `${hashes[i]}\n`).join(''), 'latin1');
    const count = this.rows.count;
    await this.vectors.write(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength), 0, rows.byteLength, count * this.dim * 4);
    await this.vectors.datasync();
    await this.hashes.write(lines, 0, lines.length, count * HASH_LINE);
    await this.hashes.datasync();
    this.rows.add(lines);
  }

  /** Reads the rows of `hashes` (all must be stored) into one `hashes.length × dim` array. */
  async read(hashes: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(hashes.length * this.dim);
    const held = this.rows.vectors;
    if (held) {
      hashes.forEach((hash, i) => {
        const row = this.requireRow(hash);
        out.set(held.subarray(row * this.dim, (row + 1) * this.dim), i * this.dim);
      });
      return out;
    }
    const bytes = Buffer.from(out.buffer);
    const rowBytes = this.dim * 4;
    let i = 0;
    while (i < hashes.length) {
      const first = this.requireRow(hashes[i]);
      // Coalesce runs of consecutive rows into one read.
      let run = 1;
      while (i + run < hashes.length && this.rowOf(hashes[i + run]) === first + run) run++;
      const { bytesRead } = await this.vectors.read(bytes, i * rowBytes, run * rowBytes, first * rowBytes);
      if (bytesRead !== run * rowBytes) throw shorterThanIndex(this.dir);
      i += run;
    }
    return out;
  }

  async close(): Promise<void> {
    await this.vectors.close();
    await this.hashes.close();
  }

  private requireRow(hash: string): number {
    const row = this.rowOf(hash);
    if (row === undefined) throw new Error(`No embedding for image ${hash.slice(0, 12)}… in ${this.dir}.`);
    return row;
  }
}

/** Fills `into` from the file at `position`, one read per GiB (a single read stops at 2 GiB). */
async function readFully(file: FileHandle, into: Float32Array, position: number, dir: string): Promise<void> {
  const bytes = Buffer.from(into.buffer, into.byteOffset, into.byteLength);
  for (let done = 0; done < bytes.length; ) {
    const { bytesRead } = await file.read(bytes, done, Math.min(bytes.length - done, 1024 ** 3), position + done);
    if (bytesRead === 0) throw shorterThanIndex(dir);
    done += bytesRead;
  }
}

function shorterThanIndex(dir: string): Error {
  return new Error(`The embedding cache in ${dir} is shorter than its index.`);
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

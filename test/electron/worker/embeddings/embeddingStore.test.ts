import { appendFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingStore, embeddingFiles } from '../../../../electron/worker/embeddings/EmbeddingStore';
import { HeldEmbeddings } from '../../../../electron/worker/embeddings/HeldEmbeddings';
import { tempDir } from '../../../helpers/tempProject';

const hash = (n: number) => createHash('sha256').update(`image-${n}`).digest('hex');
const rows = (from: number, count: number, dim: number) => new Float32Array(count * dim).map((_, i) => from * dim + i);
const meta = { backboneId: 'pixels', dim: 4, fingerprint: 'card-a' };

// Every behaviour holds both ways: a store reading vectors from the file, and the worker's, which
// keeps the rows in memory from one job to the next (one HeldEmbeddings for all opens of a test).
describe.each([
  ['vectors read from the file', () => undefined],
  ['rows held in memory between jobs', () => new HeldEmbeddings()],
])('the embedding cache, %s', (_, makeHeld: () => HeldEmbeddings | undefined) => {
  let held: HeldEmbeddings | undefined;
  beforeEach(() => {
    held = makeHeld();
  });
  it('keeps rows by image hash across reopening, in any read order', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.append([hash(2)], rows(2, 1, 4));
    await store.close();
    const again = await EmbeddingStore.open(dir, meta, held);
    expect(again.size).toBe(3);
    expect(Array.from(await again.read([hash(2), hash(0)]))).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    await again.close();
  });

  it('a crash in the middle of a batch loses only that batch and never damages earlier rows', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.close();
    // The process died after writing 1.5 rows of vectors and half a hash line.
    await appendFile(join(dir, embeddingFiles.vectors), Buffer.from(rows(2, 2, 4).buffer).subarray(0, 24));
    await appendFile(join(dir, embeddingFiles.hashes), hash(2).slice(0, 30));
    const reopened = await EmbeddingStore.open(dir, meta, held);
    expect(reopened.size).toBe(2);
    expect(reopened.has(hash(2))).toBe(false);
    expect(Array.from(await reopened.read([hash(1)]))).toEqual([4, 5, 6, 7]);
    await reopened.append([hash(2)], rows(2, 1, 4));
    await reopened.close();
    const after = await EmbeddingStore.open(dir, meta, held);
    expect(Array.from(await after.read([hash(0), hash(1), hash(2)]))).toEqual(Array.from(rows(0, 3, 4)));
    expect((await stat(join(dir, embeddingFiles.vectors))).size).toBe(3 * 16);
    await after.close();
  });

  it('vectors written without their hash line (crash between the two fsyncs) are dropped', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0)], rows(0, 1, 4));
    await store.close();
    await appendFile(join(dir, embeddingFiles.vectors), Buffer.from(rows(5, 1, 4).buffer));
    const reopened = await EmbeddingStore.open(dir, meta, held);
    expect(reopened.size).toBe(1);
    await reopened.append([hash(1)], rows(1, 1, 4));
    expect(Array.from(await reopened.read([hash(1)]))).toEqual([4, 5, 6, 7]);
    await reopened.close();
  });

  it('a changed card starts the cache afresh instead of mixing old and new vectors', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0)], rows(0, 1, 4));
    await store.close();
    const changed = await EmbeddingStore.open(dir, { ...meta, fingerprint: 'card-b' }, held);
    expect(changed.size).toBe(0);
    await changed.close();
  });

  it('the same image appended twice is stored once', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0), hash(0)], rows(0, 2, 4));
    await store.append([hash(0)], rows(9, 1, 4));
    expect(store.size).toBe(1);
    expect(Array.from(await store.read([hash(0)]))).toEqual([0, 1, 2, 3]);
    await store.close();
  });

  it('a damaged hash line ends the index there, keeping the rows before it', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.close();
    const text = `${hash(0)}\nZZZ${hash(1).slice(3)}\n`;
    await writeFile(join(dir, embeddingFiles.hashes), text);
    const reopened = await EmbeddingStore.open(dir, meta, held);
    expect(reopened.size).toBe(1);
    await reopened.close();
  });
});

describe('the embedding rows a worker holds between jobs', () => {
  it('the next job sees rows another process appended in between, and every row reads back right', async () => {
    const dir = await tempDir();
    const held = new HeldEmbeddings();
    const first = await EmbeddingStore.open(dir, meta, held);
    await first.append([hash(0), hash(1)], rows(0, 2, 4));
    await first.close();
    const cli = await EmbeddingStore.open(dir, meta); // `studio embed` in another process
    await cli.append([hash(2)], rows(2, 1, 4));
    await cli.close();
    const next = await EmbeddingStore.open(dir, meta, held);
    expect(next.size).toBe(3);
    expect(Array.from(next.heldVectors!)).toEqual(Array.from(rows(0, 3, 4)));
    expect(Array.from(await next.read([hash(2), hash(0)]))).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    await next.close();
  });

  it('a cache rebuilt under the worker (other rows in other places) is read afresh, not served from memory', async () => {
    const dir = await tempDir();
    const held = new HeldEmbeddings();
    const first = await EmbeddingStore.open(dir, meta, held);
    await first.append([hash(0), hash(1)], rows(0, 2, 4));
    await first.close();
    // Another process switched the card and back: the cache started afresh twice, with other images first.
    await (await EmbeddingStore.open(dir, { ...meta, fingerprint: 'card-b' })).close();
    const rebuilt = await EmbeddingStore.open(dir, meta);
    await rebuilt.append([hash(5), hash(0)], rows(5, 2, 4));
    await rebuilt.close();
    const next = await EmbeddingStore.open(dir, meta, held);
    expect(next.size).toBe(2);
    expect(next.has(hash(1))).toBe(false);
    expect(Array.from(await next.read([hash(5), hash(0)]))).toEqual(Array.from(rows(5, 2, 4)));
    expect(Array.from(next.heldVectors!)).toEqual(Array.from(rows(5, 2, 4)));
    await next.close();
  });

  it('a cache past the memory budget is read from the file instead, with the same rows', async () => {
    const dir = await tempDir();
    const held = new HeldEmbeddings(2 * 4 * 4); // room for two rows of four floats
    const store = await EmbeddingStore.open(dir, meta, held);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    expect(store.heldVectors).not.toBeNull();
    await store.append([hash(2)], rows(2, 1, 4));
    expect(store.heldVectors).toBeNull();
    expect(Array.from(await store.read([hash(2), hash(1)]))).toEqual([8, 9, 10, 11, 4, 5, 6, 7]);
    await store.close();
    const next = await EmbeddingStore.open(dir, meta, held);
    expect(next.heldVectors).toBeNull();
    expect(Array.from(await next.read([hash(0), hash(2)]))).toEqual([0, 1, 2, 3, 8, 9, 10, 11]);
    await next.close();
  });

  it('holds one cache at a time: another project or backbone starts from its own file', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const held = new HeldEmbeddings();
    const one = await EmbeddingStore.open(a, meta, held);
    await one.append([hash(0)], rows(0, 1, 4));
    await one.close();
    const other = await EmbeddingStore.open(b, meta, held);
    expect(other.size).toBe(0);
    await other.append([hash(0)], rows(7, 1, 4));
    await other.close();
    const back = await EmbeddingStore.open(a, meta, held);
    expect(Array.from(await back.read([hash(0)]))).toEqual([0, 1, 2, 3]);
    await back.close();
  });
});

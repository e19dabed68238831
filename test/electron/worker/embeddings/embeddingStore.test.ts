import { appendFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EmbeddingStore, embeddingFiles } from '../../../../electron/worker/embeddings/EmbeddingStore';
import { tempDir } from '../../../helpers/tempProject';

const hash = (n: number) => createHash('sha256').update(`image-${n}`).digest('hex');
const rows = (from: number, count: number, dim: number) => new Float32Array(count * dim).map((_, i) => from * dim + i);
const meta = { backboneId: 'pixels', dim: 4, fingerprint: 'card-a' };

describe('the embedding cache', () => {
  it('keeps rows by image hash across reopening, in any read order', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.append([hash(2)], rows(2, 1, 4));
    await store.close();
    const again = await EmbeddingStore.open(dir, meta);
    expect(again.size).toBe(3);
    expect(Array.from(await again.read([hash(2), hash(0)]))).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    await again.close();
  });

  it('a crash in the middle of a batch loses only that batch and never damages earlier rows', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.close();
    // The process died after writing 1.5 rows of vectors and half a hash line.
    await appendFile(join(dir, embeddingFiles.vectors), Buffer.from(rows(2, 2, 4).buffer).subarray(0, 24));
    await appendFile(join(dir, embeddingFiles.hashes), hash(2).slice(0, 30));
    const reopened = await EmbeddingStore.open(dir, meta);
    expect(reopened.size).toBe(2);
    expect(reopened.has(hash(2))).toBe(false);
    expect(Array.from(await reopened.read([hash(1)]))).toEqual([4, 5, 6, 7]);
    await reopened.append([hash(2)], rows(2, 1, 4));
    await reopened.close();
    const after = await EmbeddingStore.open(dir, meta);
    expect(Array.from(await after.read([hash(0), hash(1), hash(2)]))).toEqual(Array.from(rows(0, 3, 4)));
    expect((await stat(join(dir, embeddingFiles.vectors))).size).toBe(3 * 16);
    await after.close();
  });

  it('vectors written without their hash line (crash between the two fsyncs) are dropped', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0)], rows(0, 1, 4));
    await store.close();
    await appendFile(join(dir, embeddingFiles.vectors), Buffer.from(rows(5, 1, 4).buffer));
    const reopened = await EmbeddingStore.open(dir, meta);
    expect(reopened.size).toBe(1);
    await reopened.append([hash(1)], rows(1, 1, 4));
    expect(Array.from(await reopened.read([hash(1)]))).toEqual([4, 5, 6, 7]);
    await reopened.close();
  });

  it('a changed card starts the cache afresh instead of mixing old and new vectors', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0)], rows(0, 1, 4));
    await store.close();
    const changed = await EmbeddingStore.open(dir, { ...meta, fingerprint: 'card-b' });
    expect(changed.size).toBe(0);
    await changed.close();
  });

  it('the same image appended twice is stored once', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0), hash(0)], rows(0, 2, 4));
    await store.append([hash(0)], rows(9, 1, 4));
    expect(store.size).toBe(1);
    expect(Array.from(await store.read([hash(0)]))).toEqual([0, 1, 2, 3]);
    await store.close();
  });

  it('a damaged hash line ends the index there, keeping the rows before it', async () => {
    const dir = await tempDir();
    const store = await EmbeddingStore.open(dir, meta);
    await store.append([hash(0), hash(1)], rows(0, 2, 4));
    await store.close();
    const text = `${hash(0)}\nZZZ${hash(1).slice(3)}\n`;
    await writeFile(join(dir, embeddingFiles.hashes), text);
    const reopened = await EmbeddingStore.open(dir, meta);
    expect(reopened.size).toBe(1);
    await reopened.close();
  });
});

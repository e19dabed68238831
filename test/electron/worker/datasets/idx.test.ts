import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFashionMnist, parseIdx, readIdxFile } from '../../../../electron/worker/datasets/index';

/** An IDX file of unsigned bytes: magic 0x0000 08 <dims>, big-endian sizes, data. */
function idxBytes(shape: number[], data: number[]): Uint8Array {
  const header = Buffer.alloc(4 + 4 * shape.length);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

describe('IDX reader', () => {
  it('reads a gzipped 3-d image file the test wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idx-'));
    const path = join(dir, 'images-idx3-ubyte.gz');
    await writeFile(path, gzipSync(idxBytes([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255])));
    const array = await readIdxFile(path, 3);
    expect(array.shape).toEqual([2, 2, 3]);
    expect(Array.from(array.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
  });

  it('a truncated file is refused as truncated', () => {
    const bytes = idxBytes([3, 2, 2], new Array(12).fill(7)).subarray(0, 20);
    expect(() => parseIdx(bytes, 'short.idx')).toThrow(/short.idx is not a valid IDX file: .*only 4 follow \(truncated\)/);
  });

  it('a truncated gzip download is refused as damaged', () => {
    const gz = gzipSync(idxBytes([50], new Array(50).fill(1)));
    expect(() => parseIdx(gz.subarray(0, gz.length - 10), 'cut.gz')).toThrow(/gzip data is damaged or truncated/);
  });

  it('a wrong file (bad magic, wrong rank, extra bytes) is refused with the reason', () => {
    expect(() => parseIdx(Buffer.from('PNG\x00\x00\x00\x00\x00'), 'photo.png')).toThrow(/magic number/);
    expect(() => parseIdx(idxBytes([4], [1, 2, 3, 4]), 'labels', 3)).toThrow(/1 dimensions, expected 3/);
    expect(() => parseIdx(Buffer.concat([idxBytes([2], [1, 2]), Buffer.from([9])]), 'long')).toThrow(/1 unexpected bytes/);
    const float = idxBytes([1], [0]);
    float[2] = 0x0d;
    expect(() => parseIdx(float, 'floats')).toThrow(/element type 0xd is not unsigned bytes/);
  });

  it('a folder holding the four Fashion-MNIST files loads as a dataset; a missing file names the Debian package', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fmnist-'));
    const images = (n: number) => gzipSync(idxBytes([n, 2, 2], Array.from({ length: n * 4 }, (_, i) => (i * 37) % 256)));
    const labels = (n: number) => gzipSync(idxBytes([n], Array.from({ length: n }, (_, i) => i % 10)));
    await writeFile(join(dir, 'train-images-idx3-ubyte.gz'), images(12));
    await writeFile(join(dir, 'train-labels-idx1-ubyte.gz'), labels(12));
    await writeFile(join(dir, 't10k-images-idx3-ubyte.gz'), images(5));
    await expect(loadFashionMnist(dir)).rejects.toThrow(/t10k-labels-idx1-ubyte.gz is not in/);
    await expect(loadFashionMnist(dir)).rejects.toMatchObject({ hint: expect.stringContaining('dataset-fashion-mnist') });
    await writeFile(join(dir, 't10k-labels-idx1-ubyte.gz'), labels(5));
    const dataset = await loadFashionMnist(dir);
    expect(dataset.train.count).toBe(12);
    expect(dataset.test.count).toBe(5);
    expect(dataset.train.pixels[1]).toBeCloseTo(37 / 255, 6);
    expect(Array.from(dataset.test.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(dataset.classNames[6]).toBe('Shirt');
  });
});

import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import type { CatalogEntry, DownloadProgress } from '../../../../shared/ml/catalog';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { catalogEntries } from '../../../../electron/services/ml/models/catalogEntries';
import { validateBackbone } from '../../../../electron/worker/backbones/validate';
import { tempDir } from '../../../helpers/tempProject';
import { closedPort, startModelServer, type ModelServer } from '../../../helpers/modelServer';
import { tinyConvOnnx, tinyOnnxCard, writeTinyOnnx, writeTinyTfjsModel } from '../../../helpers/tinyModels';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
// Big enough to arrive in several chunks, so a dropped connection leaves a real partial file.
const model = tinyConvOnnx({ embeddingSize: 64, size: 16 });
const servers: ModelServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function served(files: Record<string, Uint8Array> = { '/tiny.onnx': model }) {
  const server = await startModelServer(files);
  servers.push(server);
  return server;
}

function entry(url: string, sha256: string | null, id = 'tiny-remote'): CatalogEntry {
  return { card: tinyOnnxCard(id, { embeddingSize: 64 }), url, bytes: model.length, licence: 'MIT', sha256, fileName: 'tiny.onnx', description: 'test' };
}

async function catalogFor(entries: CatalogEntry[]) {
  return new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), entries, validate: validateBackbone });
}

const listing = async (catalog: ModelCatalog, id: string) => (await catalog.list()).find((l) => l.card.id === id)!;

describe('downloading catalog models', () => {
  it('downloads on first use with progress, checks the publisher sha256 and then serves from the cache', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), sha(model))]);
    expect(await listing(catalog, 'tiny-remote')).toMatchObject({ status: 'not-downloaded', integrityText: 'verified by publisher sha256' });
    const progress: DownloadProgress[] = [];
    const spec = await catalog.resolve('tiny-remote', { onProgress: (p) => progress.push(p) });
    expect(sha(await readFile(spec.modelPath!))).toBe(sha(model));
    expect(progress.at(-1)).toMatchObject({ receivedBytes: model.length, totalBytes: model.length });
    expect(await listing(catalog, 'tiny-remote')).toMatchObject({ status: 'ready', integrity: 'publisher-sha256', sha256: sha(model) });
    await catalog.resolve('tiny-remote');
    expect(server.requests).toHaveLength(1);
  });

  it('a file that does not match the publisher sha256 is rejected and not kept', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), 'ab'.repeat(32))]);
    const error = await catalog.resolve('tiny-remote').catch((e: StudioError) => e);
    expect((error as StudioError).message).toMatch(/does not match the publisher's sha256.*discarded/);
    expect(await listing(catalog, 'tiny-remote')).toMatchObject({ status: 'not-downloaded' });
    expect(await readdir(join(catalog.cacheDir, 'models', 'tiny-remote'))).toEqual([]);
  });

  it('without a published checksum the first download is pinned and a changed file is refused later', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), null)]);
    const spec = await catalog.resolve('tiny-remote');
    expect(await listing(catalog, 'tiny-remote')).toMatchObject({ integrity: 'pinned-on-first-download', integrityText: 'pinned on first download', sha256: sha(model) });
    await rm(spec.modelPath!);
    server.setFile('/tiny.onnx', tinyConvOnnx({ embeddingSize: 64, size: 16, outputName: 'changed' }));
    await expect(catalog.resolve('tiny-remote')).rejects.toThrow(/does not match the sha256 pinned when it was first downloaded/);
  });

  it('a connection dropped mid-body keeps the part, and the next try resumes with a Range request', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), sha(model))]);
    server.dropNextAfter('/tiny.onnx', 5000);
    const error = await catalog.resolve('tiny-remote').catch((e: StudioError) => e);
    expect((error as StudioError).message).toMatch(/stopped after .* MB \(/);
    expect((error as StudioError).hint).toMatch(/resumes where it stopped/);
    expect(await listing(catalog, 'tiny-remote')).toMatchObject({ status: 'partial', downloadedBytes: 5000 });
    const progress: DownloadProgress[] = [];
    const spec = await catalog.resolve('tiny-remote', { onProgress: (p) => progress.push(p) });
    expect(server.requests.at(-1)?.range).toBe('bytes=5000-');
    expect(progress[0].resumedFrom).toBe(5000);
    expect(sha(await readFile(spec.modelPath!))).toBe(sha(model));
  });

  it('a server that ignores the Range request gets a clean restart that succeeds', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), sha(model))]);
    server.dropNextAfter('/tiny.onnx', 3000);
    await expect(catalog.resolve('tiny-remote')).rejects.toThrow(/stopped after/);
    server.ignoreRange = true;
    const spec = await catalog.resolve('tiny-remote');
    expect(server.requests.at(-1)?.range).toBe('bytes=3000-');
    expect(sha(await readFile(spec.modelPath!))).toBe(sha(model));
  });

  it('with no server to reach, the message says the studio seems offline and what to do', async () => {
    const port = await closedPort();
    const catalog = await catalogFor([entry(`http://127.0.0.1:${port}/tiny.onnx`, null)]);
    const error = await catalog.resolve('tiny-remote').catch((e: StudioError) => e);
    expect((error as StudioError).message).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\); the computer seems to be offline/);
    expect((error as StudioError).hint).toMatch(/pixels.*studio models add/);
  });

  it('cancelling a download keeps what arrived for later', async () => {
    const server = await served();
    const catalog = await catalogFor([entry(server.url('/tiny.onnx'), sha(model))]);
    const controller = new AbortController();
    server.slow('/tiny.onnx', 1000, 50);
    setTimeout(() => controller.abort(), 120);
    await expect(catalog.resolve('tiny-remote', { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
    const partial = (await listing(catalog, 'tiny-remote')).downloadedBytes!;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(model.length);
    await catalog.resolve('tiny-remote');
    expect(server.requests.at(-1)?.range).toBe(`bytes=${partial}-`);
  });

  it('lists the built-in pixels backbones and the real catalog with licence and size', async () => {
    const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-') });
    const all = await catalog.list();
    expect(all.find((l) => l.card.id === 'pixels')).toMatchObject({ status: 'ready', source: 'built-in' });
    const dino = all.find((l) => l.card.id === 'dinov2-small-onnx')!;
    expect(dino).toMatchObject({ source: 'catalog', status: 'not-downloaded', licence: 'Apache-2.0', integrityText: 'verified by publisher sha256' });
    expect(all.find((l) => l.card.id === 'mobilenetv2-onnx')).toMatchObject({ integrityText: 'verified by publisher sha256', card: { embeddingSize: 1280 } });
  });

  it('every catalog URL is pinned to a commit, and a file without a stated sha256 says "pinned on first download"', async () => {
    for (const entry of catalogEntries) {
      expect(entry.url, entry.card.id).toMatch(/\/[0-9a-f]{40}\//);
      expect(entry.url, entry.card.id).not.toMatch(/\/(main|master)\//);
    }
    const unpinned: CatalogEntry = { ...catalogEntries[0], card: { ...catalogEntries[0].card, id: 'no-stated-hash' }, sha256: null };
    const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), entries: [unpinned] });
    expect((await catalog.list()).find((l) => l.card.id === 'no-stated-hash')).toMatchObject({ integrityText: 'hash pinned on first download' });
  });
});

describe('adding local models', () => {
  it('an .onnx file with a matching card is copied into the cache and listed', async () => {
    const dir = await tempDir();
    const file = await writeTinyOnnx(join(dir, 'mine.onnx'));
    const catalog = await catalogFor([]);
    const { engine, ...card } = tinyOnnxCard('my-net');
    expect(engine).toBe('onnx');
    const added = await catalog.addLocal(file, card);
    expect(added).toMatchObject({ source: 'local', status: 'ready', integrityText: 'local file added by you' });
    await rm(file);
    const spec = await catalog.resolve('my-net');
    expect(spec.modelPath).toContain(catalog.cacheDir);
  });

  it('a wrong card is refused when the model is added, with the reason, and nothing is kept', async () => {
    const dir = await tempDir();
    const file = await writeTinyOnnx(join(dir, 'mine.onnx'));
    const catalog = await catalogFor([]);
    await expect(catalog.addLocal(file, { ...tinyOnnxCard('bad-net'), embeddingSize: 12 })).rejects.toThrow(/gives 8/);
    await expect(catalog.addLocal(file, { ...tinyOnnxCard('bad-net'), input: { width: 16, height: 16, channels: 3, layout: 'NCHW' }, preprocess: { mean: [0], std: [1] } })).rejects.toThrow(/card is not valid: preprocess: .*one value per input channel/);
    expect((await catalog.list()).some((l) => l.card.id === 'bad-net')).toBe(false);
    await expect(catalog.resolve('bad-net')).rejects.toThrow(/No backbone "bad-net"/);
  });

  it('a TF.js model.json is added with its weight files', async () => {
    const { modelPath, card } = await writeTinyTfjsModel(join(await tempDir(), 'tfjs'));
    const catalog = await catalogFor([]);
    await catalog.addLocal(modelPath, { ...card, id: 'my-tfjs' });
    const spec = await catalog.resolve('my-tfjs');
    expect(await readdir(join(spec.modelPath!, '..'))).toEqual(['model.json', 'weights.bin']);
  });

  it('an id already taken by the catalog or a built-in is refused', async () => {
    const file = await writeTinyOnnx(join(await tempDir(), 'x.onnx'));
    const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), validate: validateBackbone });
    await expect(catalog.addLocal(file, tinyOnnxCard('dinov2-small-onnx'))).rejects.toThrow(/already exists/);
    await expect(catalog.addLocal(file, tinyOnnxCard('pixels'))).rejects.toThrow(/already exists/);
  });

  it('adding a second model under a taken id leaves the first one working', async () => {
    const file = await writeTinyOnnx(join(await tempDir(), 'x.onnx'));
    const catalog = await catalogFor([]);
    await catalog.addLocal(file, tinyOnnxCard('twice'));
    await expect(catalog.addLocal(file, tinyOnnxCard('twice'))).rejects.toThrow(/already exists/);
    await expect(validateBackbone(await catalog.resolve('twice'))).resolves.toMatchObject({ embeddingSize: 8 });
  });

  it('a file that is neither .onnx nor model.json is refused', async () => {
    const file = join(await tempDir(), 'model.pt');
    await writeFile(file, 'torch');
    const catalog = await catalogFor([]);
    await expect(catalog.addLocal(file, tinyOnnxCard('torchy'))).rejects.toThrow(/neither an \.onnx file nor a TF\.js model\.json/);
  });
});

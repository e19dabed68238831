import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../shared/contract';
import type { CatalogEntry } from '../../../../shared/ml/catalog';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';
import { ModelCatalog } from '../../../../electron/services/ml/models/ModelCatalog';
import { RunService } from '../../../../electron/services/ml/RunService';
import { registerModelHandlers } from '../../../../electron/services/ml/modelHandlers';
import { EventHub } from '../../../../electron/services/rpc/EventHub';
import { HandlerRegistry } from '../../../../electron/services/rpc/HandlerRegistry';
import { startModelServer, type ModelServer } from '../../../helpers/modelServer';
import { tempDir } from '../../../helpers/tempProject';
import { tinyConvOnnx, tinyOnnxCard, writeTinyOnnx } from '../../../helpers/tinyModels';

// The models:* channels over a real catalog, a real worker and a local HTTP server.

const model = tinyConvOnnx({ embeddingSize: 16, size: 16 });
let server: ModelServer;
let worker: MlWorker;
beforeAll(async () => {
  server = await startModelServer({ '/tiny.onnx': model });
  worker = new MlWorker({ onLog: () => undefined });
});
afterAll(async () => {
  await worker.dispose();
  await server.close();
});

async function handlers() {
  const entry: CatalogEntry = {
    card: tinyOnnxCard('tiny-served', { embeddingSize: 16 }),
    url: server.url('/tiny.onnx'),
    bytes: model.length,
    licence: 'MIT',
    sha256: createHash('sha256').update(model).digest('hex'),
    fileName: 'tiny.onnx',
    description: 'a tiny test model',
  };
  const catalog = new ModelCatalog({ cacheDir: await tempDir('studio-cache-'), entries: [entry], validate: (backbone) => worker.run({ kind: 'validate-backbone', backbone }) });
  const events = new EventHub();
  const seen: { channel: EventName; payload: any }[] = [];
  events.subscribe((channel, payload) => seen.push({ channel, payload }));
  const registry = new HandlerRegistry();
  registerModelHandlers(registry, { worker, catalog, runs: new RunService({ worker, catalog }), dispose: async () => undefined }, events);
  const call = async (channel: string, request: unknown) => {
    const result = await registry.dispatch(channel, request, { transport: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    return result.value as any;
  };
  const finished = () =>
    new Promise<any>((resolve) => {
      const stop = events.subscribe((channel, payload) => {
        if (channel !== 'models:download-finished') return;
        stop();
        resolve(payload);
      });
    });
  return { call, seen, finished, registry };
}

describe('model channels', () => {
  it('lists the built-in pixels backbone and the catalog, and says what the worker runs on', async () => {
    const { call } = await handlers();
    const list = await call('models:list', {});
    expect(list.find((b: any) => b.card.id === 'pixels')).toMatchObject({ source: 'built-in', status: 'ready' });
    expect(list.find((b: any) => b.card.id === 'tiny-served')).toMatchObject({ source: 'catalog', status: 'not-downloaded' });
    const capabilities = await call('models:capabilities', {});
    expect(capabilities.backend.name).toMatch(/wasm|cpu|tensorflow/);
    expect(capabilities.executionProviders).toContain('cpu');
  });

  it('downloads in the background with progress, once per backbone, and ends with the ready listing', async () => {
    const { call, seen, finished } = await handlers();
    server.slow('/tiny.onnx', 2000, 20);
    const done = finished();
    expect(await call('models:download', { backboneId: 'tiny-served' })).toEqual({ started: true });
    expect(await call('models:download', { backboneId: 'tiny-served' })).toEqual({ started: false });
    const end = await done;
    expect(end).toMatchObject({ backboneId: 'tiny-served', ok: true, listing: { status: 'ready', integrity: 'publisher-sha256' } });
    const progress = seen.filter((e) => e.channel === 'models:download-progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ backboneId: 'tiny-served', receivedBytes: model.length });
  });

  it('a cancelled download ends as not ok, keeps what arrived, and can be started again', async () => {
    const { call, finished } = await handlers();
    server.slow('/tiny.onnx', 500, 100);
    const done = finished();
    await call('models:download', { backboneId: 'tiny-served' });
    await new Promise((r) => setTimeout(r, 250));
    expect(await call('models:cancel-download', { backboneId: 'tiny-served' })).toEqual({ cancelled: true });
    expect(await done).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled/) });
    expect((await call('models:list', {})).find((b: any) => b.card.id === 'tiny-served').status).toBe('partial');
    expect(await call('models:cancel-download', { backboneId: 'tiny-served' })).toEqual({ cancelled: false });
  });

  it('refuses to download a built-in or unknown backbone, saying why', async () => {
    const { registry } = await handlers();
    expect(await registry.dispatch('models:download', { backboneId: 'pixels' }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(/built in/) } });
    expect(await registry.dispatch('models:download', { backboneId: 'nope' }, { transport: 'test' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('adds a local ONNX model after the worker ran one image through it', async () => {
    const { call, registry } = await handlers();
    const file = await writeTinyOnnx(join(await tempDir(), 'mine.onnx'));
    const listing = await call('models:add-local', { path: file, card: tinyOnnxCard('my-net') });
    expect(listing).toMatchObject({ source: 'local', status: 'ready', card: { id: 'my-net' } });
    const wrong = await registry.dispatch('models:add-local', { path: file, card: { ...tinyOnnxCard('bad-net'), embeddingSize: 12 } }, { transport: 'test' });
    expect(wrong.ok).toBe(false);
  });
});

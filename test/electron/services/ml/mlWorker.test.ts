import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../../shared/contract/channel';
import { MlWorker } from '../../../../electron/services/ml/MlWorker';

const workers: MlWorker[] = [];
function worker(options: ConstructorParameters<typeof MlWorker>[0] = {}): MlWorker {
  const w = new MlWorker({ env: { STUDIO_ML_TEST_HOOKS: '1', STUDIO_TF_BACKEND: 'cpu' }, onLog: () => undefined, ...options });
  workers.push(w);
  return w;
}
afterEach(async () => {
  while (workers.length) await workers.pop()!.dispose();
});

describe('the ML worker process', () => {
  it('starts on the first job and reports its TF.js backend and onnxruntime providers', async () => {
    const w = worker({ env: { STUDIO_ML_TEST_HOOKS: '1' } });
    const capabilities = await w.run({ kind: 'capabilities' });
    expect(capabilities.pid).not.toBe(process.pid);
    expect(['wasm', 'cpu', 'tensorflow', 'tensorflow-gpu']).toContain(capabilities.backend.name);
    expect(capabilities.onnx.usable).toContain('cpu');
    // The built-in network fine-tunes on every backend; other TF.js backbones need a native one.
    expect(capabilities.fineTune.available).toBe(true);
    expect(capabilities.fineTune.reason).toMatch(new RegExp(`^The built-in MobileNetV2 fine-tunes .* on ${capabilities.backend.name}`));
    if (!capabilities.backend.native) expect(capabilities.fineTune.reason).toMatch(/other TF\.js backbones needs the native TensorFlow backend/);
    expect(w.backend?.name).toBe(capabilities.backend.name);
  });

  it('a malformed job is refused with a clear error before it reaches the worker', async () => {
    const w = worker();
    const error = await w.run({ kind: 'embed', projectDir: '', backbone: { card: {} as never, modelPath: null } }).catch((e: StudioError) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid-request');
    expect(w.pid).toBeNull();
  });

  it('a native crash rejects the job in flight with what happened, and the next job gets a fresh worker', async () => {
    const w = worker();
    const first = await w.run({ kind: 'capabilities' });
    const error = await w.run({ kind: 'crash', how: 'abort' }).catch((e: StudioError) => e);
    expect((error as StudioError).message).toMatch(/ML worker stopped unexpectedly: it crashed in native code/);
    expect((error as StudioError).hint).toMatch(/labels and project are untouched/);
    const second = await w.run({ kind: 'capabilities' });
    expect(second.pid).not.toBe(first.pid);
  });

  it('running out of memory is reported as such', async () => {
    const w = worker({ execArgv: ['--max-old-space-size=40'] });
    const error = await w.run({ kind: 'crash', how: 'oom' }).catch((e: StudioError) => e);
    expect((error as StudioError).message).toMatch(/ran out of memory/);
  });

  it('a job that ignores its cancel costs the worker after the grace period, not the app', async () => {
    const w = worker({ cancelGraceMs: 300 });
    await w.run({ kind: 'capabilities' });
    const controller = new AbortController();
    const hung = w.run({ kind: 'crash', how: 'hang' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await hung.catch((e: StudioError) => e);
    expect((error as StudioError).code).toBe('cancelled');
    expect((await w.run({ kind: 'memory' })).numTensors).toBeGreaterThanOrEqual(0);
  });

  it('crash hooks are refused unless the test switch is on', async () => {
    const w = worker({ env: { STUDIO_ML_TEST_HOOKS: '0' } });
    await expect(w.run({ kind: 'crash', how: 'exit' })).rejects.toThrow(/for tests only/);
  });
});

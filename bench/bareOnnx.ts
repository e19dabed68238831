import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { cpuSessionOptions } from '../electron/worker/backbones/onnxProviders';

/**
 * onnxruntime alone: images/s of `model` on one batch of `dims` (batch first) kept in memory,
 * run until `count` images have gone through, after one warm-up run. No decoding, no cache.
 */
export async function bareOnnxRate(model: Uint8Array, dims: number[], count: number): Promise<number> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], ...cpuSessionOptions() });
  const [batch] = dims;
  const input = new Float32Array(dims.reduce((a, b) => a * b, 1)).map((_, i) => (Math.sin(i) + 1) / 2);
  const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, dims) };
  await session.run(feeds);
  const t0 = performance.now();
  for (let done = 0; done < count; done += batch) await session.run(feeds);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  return (Math.ceil(count / batch) * batch) / seconds;
}

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

/** GPU providers worth trying, best first. The CPU provider is always the last resort. */
const preference = ['tensorrt', 'cuda', 'dml', 'coreml'] as const;

export interface ProviderChoice {
  /** Providers to ask onnxruntime for, in order (always ending with cpu). */
  usable: string[];
  skipped: { name: string; reason: string }[];
}

/**
 * Which execution providers onnxruntime-node offers on this machine. A provider whose
 * library is not in the package (CUDA on Linux unless its install script downloaded it)
 * is skipped with the reason; WebGPU stays opt-in (STUDIO_ORT_PROVIDERS) because it is
 * experimental in onnxruntime-node. STUDIO_ORT_PROVIDERS=cpu pins the CPU.
 */
export function chooseProviders(env: NodeJS.ProcessEnv = process.env): ProviderChoice {
  const offered = new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled]));
  const pinned = env.STUDIO_ORT_PROVIDERS?.split(',').map((s) => s.trim()).filter(Boolean);
  const skipped: ProviderChoice['skipped'] = [];
  const usable: string[] = [];
  const candidates = pinned ?? [...preference];
  for (const name of candidates) {
    if (name === 'cpu') continue;
    if (!offered.has(name)) {
      skipped.push({ name, reason: 'not offered by onnxruntime-node on this platform' });
    } else if (!offered.get(name) && !providerLibraryPresent(name)) {
      skipped.push({ name, reason: 'its provider library was not installed (onnxruntime-node downloads it only when its install script runs)' });
    } else {
      usable.push(name);
    }
  }
  if (!pinned && offered.has('webgpu')) skipped.push({ name: 'webgpu', reason: 'experimental in onnxruntime-node; set STUDIO_ORT_PROVIDERS=webgpu,cpu to try it' });
  usable.push('cpu');
  return { usable, skipped };
}

function providerLibraryPresent(name: string): boolean {
  try {
    const requireFromHere = createRequire(import.meta.url);
    const pkg = dirname(requireFromHere.resolve('onnxruntime-node/package.json'));
    const dir = join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
    const file = process.platform === 'win32' ? `onnxruntime_providers_${name}.dll` : `libonnxruntime_providers_${name}.so`;
    return existsSync(join(dir, file));
  } catch {
    return false;
  }
}

/**
 * Opens a session on the best provider that works, falling back provider by provider;
 * reports which ones it ended up using and why the others were skipped.
 */
export async function createSession(model: Uint8Array, choice: ProviderChoice = chooseProviders()): Promise<{ session: ort.InferenceSession; providers: string[]; skipped: ProviderChoice['skipped'] }> {
  const skipped = [...choice.skipped];
  const gpu = choice.usable.filter((p) => p !== 'cpu');
  for (const provider of gpu) {
    try {
      const session = await ort.InferenceSession.create(model, { executionProviders: [provider, 'cpu'], ...cpuSessionOptions() });
      return { session, providers: [provider, 'cpu'], skipped };
    } catch (error) {
      skipped.push({ name: provider, reason: firstLine(error) });
    }
  }
  const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], ...cpuSessionOptions() });
  return { session, providers: ['cpu'], skipped };
}

/**
 * Session options for the CPU work. onnxruntime's intra-op threads spin between kernels by
 * default; here JPEG decoding runs on the same cores while a batch is inferred, and the
 * spinning takes the CPU it needs. STUDIO_ORT_SPINNING=1 turns it back on.
 */
export function cpuSessionOptions(env: NodeJS.ProcessEnv = process.env): ort.InferenceSession.SessionOptions {
  const spinning = env.STUDIO_ORT_SPINNING === '1' ? '1' : '0';
  return { graphOptimizationLevel: 'all', extra: { session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } } } };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0].slice(0, 200);
}

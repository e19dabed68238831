import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/** The TF.js backends the studio can run on, best first. */
export const backendPreference = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof backendPreference)[number];

/** Which backend runs, and why the better ones did not: shown in the UI, stored in every run. */
export interface BackendInfo {
  name: BackendChoice;
  /** True for the native libtensorflow backends (full fine-tuning of backbone layers). */
  native: boolean;
  skipped: { name: BackendChoice; reason: string }[];
}

/** Loads one backend and makes it current; throws with the reason when it cannot. */
export type BackendLoader = () => Promise<void>;

const requireFromHere = createRequire(import.meta.url);

export const defaultLoaders: Record<BackendChoice, BackendLoader> = {
  // The native packages register the 'tensorflow' backend when required.
  'tensorflow-gpu': async () => {
    requireFromHere('@tensorflow/tfjs-node-gpu');
    await setCurrent('tensorflow');
  },
  tensorflow: async () => {
    requireFromHere('@tensorflow/tfjs-node');
    await setCurrent('tensorflow');
  },
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dir = dirname(requireFromHere.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${dir}/`);
    await setCurrent('wasm');
  },
  cpu: async () => {
    await setCurrent('cpu');
  },
};

async function setCurrent(name: string): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not initialise the ${name} backend`);
  await tf.ready();
}

/**
 * Tries the backends in order of preference and keeps the first that loads. `only`
 * (or STUDIO_TF_BACKEND) restricts the candidates, so tests and users can pin one.
 */
export async function selectBackend(
  options: { only?: BackendChoice[]; loaders?: Partial<Record<BackendChoice, BackendLoader>> } = {},
): Promise<BackendInfo> {
  const pinned = parsePinned(process.env.STUDIO_TF_BACKEND);
  const candidates = options.only ?? pinned ?? [...backendPreference];
  const loaders = { ...defaultLoaders, ...options.loaders };
  const skipped: BackendInfo['skipped'] = [];
  for (const name of candidates) {
    try {
      await loaders[name]();
      return { name, native: name === 'tensorflow' || name === 'tensorflow-gpu', skipped };
    } catch (error) {
      skipped.push({ name, reason: firstLine(error) });
    }
  }
  throw new Error(`No TF.js backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

function parsePinned(value: string | undefined): BackendChoice[] | null {
  if (!value) return null;
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(backendPreference as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`STUDIO_TF_BACKEND names unknown backends: ${unknown.join(', ')} (known: ${backendPreference.join(', ')})`);
  return names as BackendChoice[];
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/Cannot find module/.test(text)) return 'not installed';
  return text.split('\n')[0].slice(0, 200);
}

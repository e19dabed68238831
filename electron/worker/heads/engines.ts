import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../../shared/contract/channel';
import type { HeadConfig } from './config';
import type { EngineInput, HeadEngineChoice, TrainingEngine } from './engine';
import { decodeSavedHead, TfHead } from './head';
import type { LayerWeights } from './network';
import { simdAvailable } from '../simd/kernels';
import { SimdLinearEngine } from './simd/simdEngine';
import { SimdLinearHead } from './simd/simdHead';
import type { Standardizer } from './standardize';
import { TfjsEngine } from './tfjsEngine';
import type { Head, SavedHead } from './types';

/**
 * The engine a head of this kind gets. Linear heads run on the SIMD kernels wherever
 * WebAssembly SIMD exists (every supported Node and Electron); MLPs, and everything when
 * `STUDIO_HEAD_ENGINE=tfjs` or the caller asks for it, on TF.js.
 */
export function resolveEngine(kind: HeadConfig['kind'], choice: HeadEngineChoice = 'auto'): 'simd' | 'tfjs' {
  const wanted = choice === 'auto' ? parseEnv(process.env.STUDIO_HEAD_ENGINE) : choice;
  if (wanted === 'tfjs' || kind !== 'linear') return 'tfjs';
  if (simdAvailable()) return 'simd';
  if (wanted === 'simd') throw new StudioError('unsupported', 'The SIMD head engine needs WebAssembly SIMD, which this runtime lacks.', 'Use the TF.js engine (STUDIO_HEAD_ENGINE=tfjs).');
  return 'tfjs';
}

/** What the run record says trained the head: "wasm-simd" or "tfjs-<backend>". */
export function engineName(engine: 'simd' | 'tfjs'): string {
  return engine === 'simd' ? 'wasm-simd' : `tfjs-${tf.getBackend()}`;
}

export function createTrainingEngine(engine: 'simd' | 'tfjs', input: EngineInput): TrainingEngine {
  return engine === 'simd' ? new SimdLinearEngine(input) : new TfjsEngine(input);
}

export function createHead(engine: 'simd' | 'tfjs', config: HeadConfig, dim: number, numClasses: number, standardizer: Standardizer, weights: LayerWeights[]): Head {
  return engine === 'simd' ? new SimdLinearHead(config, dim, numClasses, standardizer, weights) : new TfHead(config, dim, numClasses, standardizer, weights);
}

/** Rebuilds a head from `save()` output; throws a clear error on a foreign or damaged file. */
export function loadHead(saved: SavedHead, choice: HeadEngineChoice = 'auto'): Head {
  const { standardizer, weights } = decodeSavedHead(saved);
  return createHead(resolveEngine(saved.config.kind, choice), saved.config, saved.dim, saved.numClasses, standardizer, weights);
}

function parseEnv(value: string | undefined): HeadEngineChoice {
  if (!value) return 'auto';
  if (value === 'auto' || value === 'simd' || value === 'tfjs') return value;
  throw new StudioError('invalid-request', `STUDIO_HEAD_ENGINE must be auto, simd or tfjs (got "${value}").`);
}

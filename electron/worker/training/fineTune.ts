import type { BackboneSpec } from '../../../shared/ml/cards';
import type { FineTuneAvailability } from '../../../shared/ml/runs';
import type { BackendInfo } from '../tf/backend';
import { fineTunePlan } from './fineTunePlan';

/**
 * Whether fine-tuning a backbone's layers can run here, and what it would train. The
 * built-in MobileNetV2 fine-tunes on every backend (its top from cached activations, see
 * `fineTunePlan`). Other TF.js backbones train whole convolution layers, which needs the
 * gradients only the native TensorFlow backends have (wasm lacks Conv2DBackpropFilter; cpu
 * trains a small CNN at about one image per second). ONNX and pixels backbones do not train.
 * Without a backbone the answer covers what this worker could fine-tune at all.
 */
export function fineTuneAvailability(backend: BackendInfo, spec?: BackboneSpec): FineTuneAvailability {
  const plan = fineTunePlan(backend);
  const builtin = `the built-in MobileNetV2 fine-tunes ${plan.trains} on ${backend.name}`;
  if (!spec) return { available: true, reason: `${capitalised(builtin)}; ${nativeNote(backend)}.` };
  if (spec.builtin) {
    const deeper = backend.native ? '' : '; a native TensorFlow backend (@tensorflow/tfjs-node or -gpu) would train blocks 13–16';
    return { available: true, reason: `${capitalised(builtin)}, from activations cached at ${plan.cutLayer}${deeper}.` };
  }
  if (spec.card.engine === 'tfjs') {
    return backend.native ? { available: true, reason: `The native ${backend.name} backend trains the TF.js backbone's last layers.` } : { available: false, reason: `${capitalised(nativeNote(backend))}. The head on cached embeddings works everywhere.` };
  }
  const kind = spec.card.engine === 'onnx' ? 'an ONNX backbone (onnxruntime does not train)' : 'a pixels backbone (nothing to train)';
  return { available: false, reason: `"${spec.card.id}" is ${kind}, so only the head trains. The built-in MobileNetV2 can be fine-tuned.` };
}

function nativeNote(backend: BackendInfo): string {
  if (backend.native) return `TF.js backbones fine-tune on the native ${backend.name} backend`;
  const why = backend.skipped
    .filter((s) => s.name === 'tensorflow' || s.name === 'tensorflow-gpu')
    .map((s) => `${s.name}: ${s.reason}`)
    .join('; ');
  return `fine-tuning other TF.js backbones needs the native TensorFlow backend (@tensorflow/tfjs-node or -gpu)${why ? ` (${why})` : ''}; this studio runs TF.js on ${backend.name}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

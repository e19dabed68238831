import type { BackboneCard } from '../../../shared/ml/cards';
import type { FineTuneAvailability } from '../../../shared/ml/runs';
import type { BackendInfo } from '../tf/backend';

/**
 * Whether full fine-tuning of a backbone's last blocks can run here. Dense heads train on
 * every backend; convolution layers need gradients the wasm backend lacks
 * (Conv2DBackpropFilter) and the cpu backend trains them at about one image per second,
 * so fine-tuning is offered only on the native TensorFlow backends, and only for TF.js
 * backbones (ONNX models run in onnxruntime, which does not train).
 */
export function fineTuneAvailability(backend: BackendInfo, card?: BackboneCard): FineTuneAvailability {
  if (!backend.native) {
    const why = backend.skipped
      .filter((s) => s.name === 'tensorflow' || s.name === 'tensorflow-gpu')
      .map((s) => `${s.name}: ${s.reason}`)
      .join('; ');
    return {
      available: false,
      reason: `Fine-tuning backbone layers needs the native TensorFlow backend (@tensorflow/tfjs-node or -gpu)${why ? ` (${why})` : ''}; this studio runs TF.js on ${backend.name}, where only the head trains. The head on cached embeddings works everywhere.`,
    };
  }
  if (card && card.engine !== 'tfjs') {
    return { available: false, reason: `Fine-tuning works on TF.js backbones; "${card.id}" is a${card.engine === 'onnx' ? 'n ONNX' : ' pixels'} backbone, so only the head trains.` };
  }
  return { available: true, reason: `The native ${backend.name} backend is present.` };
}

import type { BackboneCard } from './cards';

/**
 * The pretrained network that ships with the studio, no download: the MobileNetV2 of the
 * `nsfwjs` npm package (MIT). It runs as ONNX, converted once from its TF.js layers files and
 * cached by the hash of their weights. Its input is 224×224 RGB scaled to [0, 1], channels
 * last (as the TF.js model takes it); `flatten_1` is the 1,280-d globally pooled feature.
 */
export const BUILTIN_MOBILENET_ID = 'mobilenetv2-builtin';

export const builtinMobileNetCard: BackboneCard = {
  id: BUILTIN_MOBILENET_ID,
  name: 'MobileNetV2 (built in)',
  engine: 'onnx',
  input: { width: 224, height: 224, channels: 3, layout: 'NHWC', name: 'input_1' },
  // nsfwjs stretches the whole picture to 224×224 (no crop) and divides by 255.
  preprocess: { resize: 'fill', cropFraction: 1, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  output: { name: 'flatten_1', tap: 'output', pool: 'flatten' },
  embeddingSize: 1280,
};

/** Where the weights come from and what they learned: shown on the card in the catalog. */
export const builtinMobileNetNote =
  'MobileNetV2 (1.0, 224) from the nsfwjs npm package (MIT, github.com/infinitered/nsfwjs), built in: nothing to download. ' +
  'Its weights were initialised on ImageNet and then fine-tuned on a 5-class content-moderation task, so its 1,280-d features are ' +
  'general image features, not pure ImageNet ones. Runs as ONNX (converted from the TF.js files once, on first use).';

export const builtinMobileNetLicence = 'MIT';
export const builtinMobileNetSource = 'https://github.com/infinitered/nsfwjs';

import type { CatalogEntry } from '../../../../shared/ml/catalog';

const imagenet = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** The onnx/models commit the MobileNetV2 URL is pinned to (its last commit, June 2025). */
const onnxModelsCommit = 'b1eeaa1ac722dcc1cd1a8284bde34393dab61c3d';

/**
 * Well-known pretrained backbones. Every URL pins a commit or revision, never a moving
 * branch, so the bytes cannot change under it. `sha256` is filled in only where the
 * publisher states it: the Git LFS pointer a repository stores for the file (`oid
 * sha256:…`, shown by GitHub and Hugging Face); otherwise the first download's hash is
 * pinned and the listing says "pinned on first download".
 */
export const catalogEntries: CatalogEntry[] = [
  {
    card: {
      id: 'mobilenetv2-onnx',
      name: 'MobileNetV2 1.0 (ImageNet, ONNX model zoo)',
      engine: 'onnx',
      input: { width: 224, height: 224, channels: 3, layout: 'NCHW' },
      preprocess: { resize: 'center-crop', cropFraction: 0.875, scale: 1 / 255, ...imagenet },
      // The zoo file is a 1,000-class classifier; its classifier's input is the 1,280-d
      // global-pooled feature vector.
      output: { tap: 'classifier-input', pool: 'flatten' },
      embeddingSize: 1280,
    },
    url: `https://github.com/onnx/models/raw/${onnxModelsCommit}/validated/vision/classification/mobilenet/model/mobilenetv2-12.onnx`,
    bytes: 13_964_571, // the Git LFS pointer's `size`
    licence: 'Apache-2.0',
    licenceUrl: `https://github.com/onnx/models/blob/${onnxModelsCommit}/LICENSE`,
    homepage: `https://github.com/onnx/models/tree/${onnxModelsCommit}/validated/vision/classification/mobilenet`,
    // The Git LFS pointer at that commit: `oid sha256:c0c3f76d…`.
    sha256: 'c0c3f76d93fa3fd6580652a45618618a220fced18babf65774ed169de0432ad5',
    fileName: 'mobilenetv2-12.onnx',
    description: 'Small and fast convolutional network (3.5 M parameters); 1,280-d features. A good first choice on a laptop CPU.',
  },
  {
    card: {
      id: 'dinov2-small-onnx',
      name: 'DINOv2 ViT-S/14 (self-supervised, ONNX)',
      engine: 'onnx',
      input: { width: 224, height: 224, channels: 3, layout: 'NCHW', name: 'pixel_values' },
      preprocess: { resize: 'center-crop', cropFraction: 0.875, scale: 1 / 255, ...imagenet },
      output: { name: 'pooler_output', tap: 'output', pool: 'flatten' },
      embeddingSize: 384,
    },
    url: 'https://huggingface.co/Xenova/dinov2-small/resolve/560a572cedd01ab59cf1a614c2d9673397b65ef2/onnx/model.onnx',
    bytes: 88_500_000, // "88.5 MB" on the Hugging Face file page
    licence: 'Apache-2.0',
    licenceUrl: 'https://huggingface.co/facebook/dinov2-small',
    homepage: 'https://huggingface.co/Xenova/dinov2-small',
    sha256: '83141175ec78b4ff9a2bb58a4c7c264ba0054d1c2e122e5a8114b79a8d4179ea',
    fileName: 'dinov2-small.onnx',
    description: "Meta's self-supervised vision transformer (22 M parameters); 384-d features that separate fine-grained classes well. Slower than MobileNet on a CPU.",
  },
];

import type { BackendInfo } from '../tf/backend';
import type { ConvFormulation } from './fineTuneTop';

/**
 * How the built-in MobileNetV2 is fine-tuned on this worker's backend: where the network is
 * cut (activations there are computed once by onnxruntime and cached), which formulation
 * differentiates the layers above, and the training schedule.
 */
export interface FineTunePlan {
  formulation: ConvFormulation;
  /** The last frozen layer: its output is cached per image and the layers above train. */
  cutLayer: string;
  /** Shape of one image's activations at the cut, [h, w, c]. */
  cutShape: [number, number, number];
  /** In words, for the UI and the run record. */
  trains: string;
  maxEpochs: number;
  patience: number;
  batchSize: number;
  /** Adam step size for the network's layers. */
  learningRate: number;
  /** Adam step size for the classifier trained with them (it starts from a linear probe). */
  headLearningRate: number;
}

// The step size was chosen on Fashion-MNIST val images at 1,000 labels (5e-5 beat 2e-4, see
// README "Fine-tuning"); epochs are capped so 5,000 labels stay within an hour on 2 cores.
const schedule = { maxEpochs: 5, patience: 2, batchSize: 32, learningRate: 5e-5, headLearningRate: 5e-4 };

/**
 * Every backend trains the last inverted-residual block (1×1 expand, depthwise 3×3,
 * 1×1 project) and the final 1×1 convolution to 1,280 channels, from activations cached
 * at `block_15_add` (7×7×160): 1×1 convolutions as matrix products, the stride-1 depthwise
 * as shifted slices. A native TensorFlow backend has real convolution gradients and trains
 * deeper: blocks 13–16 (block 13's depthwise has stride 2) from `block_12_add` (14×14×96).
 */
export function fineTunePlan(backend: Pick<BackendInfo, 'name' | 'native'>): FineTunePlan {
  if (backend.native) {
    return { formulation: 'native', cutLayer: 'block_12_add', cutShape: [14, 14, 96], trains: 'blocks 13–16 and the last 1×1 convolution (Conv_1)', ...schedule };
  }
  return { formulation: 'portable', cutLayer: 'block_15_add', cutShape: [7, 7, 160], trains: 'block 16 and the last 1×1 convolution (Conv_1)', ...schedule };
}

/**
 * Classifier heads trained with TensorFlow.js on cached embeddings: softmax regression
 * (`linear`, the default) or a one-hidden-layer MLP with dropout. Public API for the ML
 * worker: configure with `defaultHeadConfig`, train with `trainHead`, persist with
 * `head.save()` / `loadHead`, and always `dispose()` a head you no longer need.
 */
export { defaultHeadConfig, validateHeadConfig, type HeadConfig, type HeadFeatures } from './config';
export { trainHead } from './train';
export { loadHead, resolveEngine } from './engines';
export type { HeadEngineChoice } from './engine';
export { classWeightsFor } from './trainingData';
export type { Dataset, EpochReport, Head, SavedHead, SavedTensor, TrainOptions, TrainResult } from './types';

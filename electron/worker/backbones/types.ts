import type { BackboneCard, BackboneEngine, BackboneSpec } from '../../../shared/ml/cards';

/**
 * A loaded backbone: preprocessed images in, embeddings out. It may hold native sessions
 * or TF.js tensors, so whoever loads one disposes it.
 */
export interface Backbone {
  readonly card: BackboneCard;
  /** onnxruntime execution providers in use (ONNX backbones), else null. */
  readonly executionProviders: string[] | null;
  /** The tensor names actually used, for reports. */
  readonly inputName: string | null;
  readonly outputName: string | null;
  /**
   * `batch` holds `count` images of `inputLength(card)` floats each, already normalised and
   * in the card's layout. Resolves to `count × card.embeddingSize` floats.
   */
  embed(batch: Float32Array, count: number): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** One kind of backbone engine: one small file each, registered in `registry.ts`. */
export interface BackboneKind {
  engine: BackboneEngine;
  load(spec: BackboneSpec): Promise<Backbone>;
}

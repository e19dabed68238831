import type { GraphBuilder, Value } from '../graphBuilder';
import type { DecodedWeight } from '../layersWeights';
import type { LayerNode } from '../layersTopology';

/** What a layer converter gets besides its layer and inputs. */
export interface ConvertContext {
  graph: GraphBuilder;
  /** The name the layer's final tensor must carry (the layer's name, made unique). */
  output: string;
  /** The layer's weight by parameter name (`kernel`, `bias`, `gamma`…); throws when missing. */
  weight(param: string): DecodedWeight;
  hasWeight(param: string): boolean;
}

/**
 * Converts one Keras layer class to ONNX nodes: one small unit per op family, registered in
 * `ops/index.ts` (the registry refuses a class registered twice).
 */
export interface LayerConverter {
  classNames: string[];
  convert(layer: LayerNode, inputs: Value[], context: ConvertContext): Value;
}

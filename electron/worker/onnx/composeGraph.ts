import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type Dim = number | string;

export const DataType = onnx.TensorProto.DataType;
const AttributeType = onnx.AttributeProto.AttributeType;

/** An attribute value as JS: a number (int unless `float()` wraps it), number list, or string. */
export type AttributeValue = number | number[] | string | { float: number };

/**
 * The nodes and initializers of one graph under construction, with short helpers for the
 * few ops the export emits. Names are chosen by the caller; each part of the pipeline
 * (preprocessing, backbone, head) uses its own prefix, so the graph reads in a viewer.
 */
export class GraphParts {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly valueInfo: ValueInfoProto[] = [];

  /** Adds one node and returns the name of its (first) output. */
  node(opType: string, inputs: string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    this.nodes.push({ opType, input: inputs, output: [output], name: output, attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)) });
    return output;
  }

  /** A float32 constant; `dims` defaults to a vector of the values' length. */
  floats(name: string, values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const data = Float32Array.from(values);
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) });
    return name;
  }

  /** An int64 constant (shapes, axes, indices); `dims` [] makes a scalar. */
  int64s(name: string, values: number[], dims: number[] = [values.length]): string {
    this.initializers.push({ name, dims, dataType: DataType.INT64, int64Data: values });
    return name;
  }
}

export function attribute(name: string, value: AttributeValue): AttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.INT, i: value };
}

/** A typed tensor value (graph input or output) with symbolic (string) or fixed dims. */
export function tensorValue(name: string, elemType: number, dims: Dim[]): ValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

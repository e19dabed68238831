import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const { AttributeType } = onnx.AttributeProto;
const DataType = onnx.TensorProto.DataType;

/** Keras shape of a value: batch first, `null` where the size is not fixed. */
export type Shape = (number | null)[];

/**
 * A tensor in the graph being built. `shape` is always the Keras (channels-last) shape;
 * `layout` says how the ONNX tensor is laid out: `nchw` for 4-D values moved to
 * channels-first for ONNX's Conv and pooling ops, `keras` when it is exactly what Keras
 * holds. Ops ask for the layout they need and the builder inserts the Transpose.
 */
export interface Value {
  name: string;
  shape: Shape;
  layout: 'keras' | 'nchw';
}

export type Attribute = InstanceType<typeof onnx.AttributeProto>;

export const attr = {
  int: (name: string, i: number) => onnx.AttributeProto.create({ name, type: AttributeType.INT, i }),
  ints: (name: string, ints: number[]) => onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints }),
  float: (name: string, f: number) => onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f }),
  string: (name: string, s: string) => onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: new TextEncoder().encode(s) }),
};

/** Collects nodes and initializers with unique names; one builder per converted graph. */
export class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly used = new Set<string>();

  /** A fresh tensor name based on `base`. */
  unique(base: string): string {
    let name = base;
    for (let n = 1; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Reserves a name that must stay exactly as given (graph inputs and outputs). */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  node(opType: string, inputs: string[], output: string, attributes: Attribute[] = []): string {
    this.nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [output], name: output, attribute: attributes }));
    return output;
  }

  floats(base: string, dims: number[], values: Float32Array): string {
    const name = this.unique(base);
    const copy = new Float32Array(values);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: DataType.FLOAT, rawData: new Uint8Array(copy.buffer) }));
    return name;
  }

  int64s(base: string, values: number[]): string {
    const name = this.unique(base);
    const data = BigInt64Array.from(values, (v) => BigInt(v));
    this.initializers.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: DataType.INT64, rawData: new Uint8Array(data.buffer) }));
    return name;
  }

  scalar(base: string, value: number): string {
    return this.floats(base, [], Float32Array.of(value));
  }

  /** `value` as a channels-first tensor (4-D only; other ranks are returned unchanged). */
  nchw(value: Value): Value {
    if (value.layout === 'nchw' || value.shape.length !== 4) return value;
    const name = this.node('Transpose', [value.name], this.unique(`${value.name}_nchw`), [attr.ints('perm', [0, 3, 1, 2])]);
    return { name, shape: value.shape, layout: 'nchw' };
  }

  /** `value` exactly as Keras holds it (channels last). */
  keras(value: Value): Value {
    if (value.layout === 'keras') return value;
    const name = this.node('Transpose', [value.name], this.unique(`${value.name}_nhwc`), [attr.ints('perm', [0, 2, 3, 1])]);
    return { name, shape: value.shape, layout: 'keras' };
  }
}

export function valueInfo(name: string, shape: Shape) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: DataType.FLOAT, shape: { dim: shape.map((d, i) => (d === null ? { dimParam: i === 0 ? 'batch' : `d${i}` } : { dimValue: d })) } } },
  });
}

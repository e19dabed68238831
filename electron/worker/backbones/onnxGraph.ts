import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';

const { onnx } = onnxProto;

/** Ops between a classifier's fully-connected layer and the graph output. */
const passThrough = new Set(['Softmax', 'LogSoftmax', 'Flatten', 'Reshape', 'Identity', 'Squeeze', 'Dropout']);
const classifiers = new Set(['Gemm', 'MatMul', 'Conv']);

/**
 * Rewrites an ImageNet-style classifier so its graph output is the input of the final
 * fully-connected layer (Gemm, MatMul(+Add) or a 1×1 Conv): the penultimate features that
 * make a good embedding. Walks back from the first output through softmax/flatten/reshape.
 */
export function exposeClassifierInput(bytes: Uint8Array): { bytes: Uint8Array; outputName: string } {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new StudioError('invalid-request', `The file is not a readable ONNX model (${(error as Error).message}).`);
  }
  const graph = model.graph;
  const firstOutput = graph?.output?.[0]?.name;
  if (!graph || !firstOutput) throw new StudioError('invalid-request', 'The ONNX model has no graph outputs.');
  const producer = new Map<string, { opType: string; input: string[] }>();
  for (const node of graph.node ?? []) {
    for (const out of node.output ?? []) producer.set(out, { opType: node.opType ?? '', input: node.input ?? [] });
  }

  let name = firstOutput;
  for (let hops = 0; hops < 16; hops++) {
    const node = producer.get(name);
    if (!node) break;
    if (passThrough.has(node.opType)) {
      name = node.input[0];
      continue;
    }
    if (node.opType === 'Add') {
      const matmul = node.input.find((i) => producer.get(i)?.opType === 'MatMul');
      if (!matmul) break;
      name = matmul;
      continue;
    }
    if (classifiers.has(node.opType)) {
      const feature = node.input[0];
      graph.output = [onnx.ValueInfoProto.create({ name: feature, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } })];
      return { bytes: onnx.ModelProto.encode(model).finish(), outputName: feature };
    }
    throw classifierError(`its last layer is ${node.opType}`);
  }
  throw classifierError('no fully-connected layer leads to its output');
}

function classifierError(why: string): StudioError {
  return new StudioError(
    'invalid-request',
    `Cannot find the classifier's input in this model: ${why}.`,
    'Use "tap": "output" with the name of a feature output instead.',
  );
}

import { StudioError } from '../../../shared/contract/channel';

/** One entry of a TF.js weights manifest (the subset the converter reads). */
export interface LayersWeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
}

export interface DecodedWeight {
  shape: number[];
  values: Float32Array;
}

/**
 * Turns a TF.js weights buffer into float32 arrays by name, dequantizing the way TF.js
 * does (`q * scale + min` for uint8/uint16, IEEE half for float16), so the ONNX graph
 * holds exactly the numbers the TF.js model computes with.
 */
export function decodeLayersWeights(specs: readonly LayersWeightSpec[], data: ArrayBuffer | ArrayBuffer[]): Map<string, DecodedWeight> {
  const bytes = concat(data);
  const out = new Map<string, DecodedWeight>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    const width = q ? (q.dtype === 'uint8' ? 1 : 2) : 4;
    const end = offset + size * width;
    if (end > bytes.byteLength) {
      throw new StudioError('invalid-request', `The weights end before "${spec.name}" (${bytes.byteLength} bytes, ${end} needed).`, 'The model files are incomplete: reinstall or re-add the model.');
    }
    if (spec.dtype !== 'float32' && spec.dtype !== 'int32') {
      throw new StudioError('unsupported', `Weight "${spec.name}" is ${spec.dtype}; the ONNX converter handles float32 and int32 weights.`);
    }
    // Copy into aligned buffers: shards concatenate without regard to element alignment.
    const slice = bytes.slice(offset, end);
    out.set(spec.name, { shape: spec.shape, values: decodeValues(spec, slice, size) });
    offset = end;
  }
  return out;
}

function decodeValues(spec: LayersWeightSpec, slice: Uint8Array, size: number): Float32Array {
  const q = spec.quantization;
  if (!q) return spec.dtype === 'int32' ? Float32Array.from(new Int32Array(slice.buffer, 0, size)) : new Float32Array(slice.buffer, 0, size);
  if (q.dtype === 'float16') return Float32Array.from(new Uint16Array(slice.buffer, 0, size), halfToFloat);
  if (q.scale === undefined || q.min === undefined) throw new StudioError('invalid-request', `Quantized weight "${spec.name}" has no scale/min.`);
  const raw = q.dtype === 'uint8' ? slice : new Uint16Array(slice.buffer, 0, size);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = raw[i] * q.scale + q.min;
  if (spec.dtype === 'int32') for (let i = 0; i < size; i++) values[i] = Math.round(values[i]);
  return values;
}

function concat(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return out;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * The same weights as one float32 buffer with plain float32 specs (no quantization), with
 * `replaced` values swapped in by name: how trained weights go back into a layers model
 * before it is converted again.
 */
export function replaceLayersWeights(
  specs: readonly LayersWeightSpec[],
  data: ArrayBuffer | ArrayBuffer[],
  replaced: ReadonlyMap<string, Float32Array>,
): { weightSpecs: LayersWeightSpec[]; weightData: ArrayBuffer } {
  const decoded = decodeLayersWeights(specs, data);
  const weightSpecs = specs.map((s) => ({ name: s.name, shape: s.shape, dtype: 'float32' }));
  const total = weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
  const out = new Float32Array(total);
  let at = 0;
  for (const spec of weightSpecs) {
    const values = replaced.get(spec.name) ?? decoded.get(spec.name)!.values;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new StudioError('invalid-request', `New values for "${spec.name}" have ${values.length} numbers, not ${size}.`);
    out.set(values, at);
    at += size;
  }
  return { weightSpecs, weightData: out.buffer };
}

import { StudioError } from '../../../../shared/contract/channel';
import { attr, type Attribute } from '../graphBuilder';
import type { LayerNode } from '../layersTopology';

/** A Keras size argument (`3`, `[3, 3]`) as [height, width]. */
export function pair(value: unknown, fallback: [number, number]): [number, number] {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'number') return [value, value];
  const [h, w] = value as number[];
  return [h, w ?? h];
}

export function channelsLastOnly(layer: LayerNode): void {
  const format = layer.config.data_format ?? layer.config.dataFormat;
  if (format && format !== 'channels_last') {
    throw new StudioError('unsupported', `Layer "${layer.name}" is ${format}; the ONNX converter handles channels_last layers (the TF.js default).`);
  }
}

/**
 * Padding of a sliding window as ONNX attributes, and the output size. TF's `same` pads
 * `total = max((ceil(in/s) - 1)·s + (k - 1)·d + 1 - in, 0)` with the odd pixel at the end
 * (bottom/right): ONNX's SAME_UPPER. Explicit pads are written where the input size is
 * known; otherwise `auto_pad` says the same thing.
 */
export function windowAttributes(
  padding: string,
  input: (number | null)[],
  kernel: [number, number],
  strides: [number, number],
  dilations: [number, number] = [1, 1],
): { attributes: Attribute[]; size: (number | null)[] } {
  if (padding !== 'same' && padding !== 'valid') throw new StudioError('unsupported', `Padding "${padding}" is not converted (only "same" and "valid").`);
  const size = input.map((n, axis) => {
    if (n === null) return null;
    const span = (kernel[axis] - 1) * dilations[axis] + 1;
    return padding === 'same' ? Math.ceil(n / strides[axis]) : Math.floor((n - span) / strides[axis]) + 1;
  });
  if (padding === 'valid') return { attributes: [attr.ints('pads', [0, 0, 0, 0])], size };
  if (input.some((n) => n === null)) return { attributes: [attr.string('auto_pad', 'SAME_UPPER')], size };
  const before: number[] = [];
  const after: number[] = [];
  input.forEach((n, axis) => {
    const span = (kernel[axis] - 1) * dilations[axis] + 1;
    const total = Math.max((size[axis]! - 1) * strides[axis] + span - n!, 0);
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  });
  return { attributes: [attr.ints('pads', [...before, ...after])], size };
}

import onnxProto from 'onnx-proto';
import { StudioError } from '../../../shared/contract/channel';
import type { TensorProto } from './composeGraph';

const EXTERNAL = onnxProto.onnx.TensorProto.DataLocation.EXTERNAL;

/** Reads `length` bytes at `offset` of a file named relative to the model (the caller checks the path). */
export type ExternalDataReader = (location: string, offset: number, length: number | null) => Uint8Array;

/**
 * A weight stored outside the .onnx file (models over 2 GB, or saved that way) is read in,
 * so the exported model is one self-contained file.
 */
export function inlineExternalData(tensor: TensorProto, read?: ExternalDataReader): TensorProto {
  if (tensor.dataLocation !== EXTERNAL) return tensor;
  const entry = new Map((tensor.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
  const location = entry.get('location');
  if (!location || !read) {
    throw new StudioError('unsupported', `The backbone keeps weight "${tensor.name}" in an external file that the export cannot read.`, 'Save the backbone as a single .onnx file and add it again.');
  }
  const length = entry.has('length') ? Number(entry.get('length')) : null;
  const rawData = read(location, Number(entry.get('offset') ?? 0), length);
  return { ...tensor, rawData, dataLocation: 0, externalData: [] };
}

/** Int64 fields decode as Long objects when long.js is present, as numbers otherwise. */
export function toNumber(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

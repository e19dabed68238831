import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { StudioError } from '../../../shared/contract/channel';

/** An IDX array of unsigned bytes (the only type MNIST-style files use). */
export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/**
 * Parses an IDX file (gzipped or not): two zero bytes, a type byte, a dimension count, then
 * one big-endian uint32 per dimension and the data. Checks the magic number and that the
 * file holds exactly the bytes its header promises, so a truncated download is caught here.
 */
export function parseIdx(bytes: Uint8Array, name: string, expectedDims?: number): IdxArray {
  const fail = (why: string): never => {
    throw new StudioError('io', `${name} is not a valid IDX file: ${why}.`, 'Download the file again, or install the Debian package dataset-fashion-mnist.');
  };
  let raw = bytes;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw);
    } catch (error) {
      fail(`its gzip data is damaged or truncated (${(error as Error).message})`);
    }
  }
  if (raw.length < 4) fail('it is shorter than the 4-byte header');
  if (raw[0] !== 0 || raw[1] !== 0) fail('its magic number does not start with two zero bytes');
  if (raw[2] !== UNSIGNED_BYTE) fail(`its element type 0x${raw[2].toString(16)} is not unsigned bytes`);
  const dims = raw[3];
  if (dims < 1 || (expectedDims !== undefined && dims !== expectedDims)) fail(`it has ${dims} dimensions, expected ${expectedDims ?? 'at least 1'}`);
  const headerBytes = 4 + 4 * dims;
  if (raw.length < headerBytes) fail('its header is truncated');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const shape = Array.from({ length: dims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  if (raw.length - headerBytes < size) fail(`its header promises ${size} bytes of data but only ${raw.length - headerBytes} follow (truncated)`);
  if (raw.length - headerBytes > size) fail(`it has ${raw.length - headerBytes - size} unexpected bytes after the data`);
  return { shape, data: raw.subarray(headerBytes, headerBytes + size) };
}

export async function readIdxFile(path: string, expectedDims?: number): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new StudioError('io', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'Check the path, or install the Debian package dataset-fashion-mnist.');
  }
  return parseIdx(bytes, path, expectedDims);
}

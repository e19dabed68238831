import { crc32c } from '@node-rs/crc32';

/**
 * CRC32C (Castagnoli) of the bytes, as 8 lower-case hex digits. Hardware-accelerated by
 * `@node-rs/crc32`; used on every journal line and every document, so a flipped bit, a torn
 * write or bytes pasted into a file are found on reading.
 */
export function checksum(data: string | Uint8Array): string {
  return crc32c(typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)).toString(16).padStart(8, '0');
}

/**
 * Names the image format a file's first bytes announce. Used only after sharp has refused a
 * file, to tell a damaged image of a format we read (`corrupt`) from an image format we do
 * not read (`unsupported-format`) and from something that is no image at all.
 */
export type Signature =
  | { family: 'readable'; format: 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif' }
  | { family: 'unsupported'; format: string };

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const startsWith = (bytes: Uint8Array, magic: number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const heifBrands: Record<string, string> = {
  avif: 'avif', avis: 'avif',
  heic: 'HEIC', heix: 'HEIC', hevc: 'HEIC', hevx: 'HEIC', heim: 'HEIC', heis: 'HEIC', mif1: 'HEIF', msf1: 'HEIF',
  crx: 'Canon CR3 raw', jxl: 'JPEG XL',
};

export function sniffSignature(head: Uint8Array): Signature | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { family: 'readable', format: 'jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { family: 'readable', format: 'png' };
  if (ascii(head, 0, 4) === 'GIF8') return { family: 'readable', format: 'gif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { family: 'readable', format: 'webp' };
  if (ascii(head, 0, 4) === 'IIRO' || ascii(head, 0, 4) === 'IIU\0') return { family: 'unsupported', format: 'camera raw' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return { family: 'readable', format: 'tiff' };
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12).replace(/\s+$/, '');
    const name = heifBrands[brand];
    if (name === 'avif') return { family: 'readable', format: 'avif' };
    if (name) return { family: 'unsupported', format: name };
  }
  return sniffOtherImage(head);
}

function sniffOtherImage(head: Uint8Array): Signature | null {
  const text = ascii(head, 0, 512);
  const unsupported = (format: string): Signature => ({ family: 'unsupported', format });
  if (text.startsWith('%PDF')) return unsupported('PDF');
  if (text.startsWith('BM') && head.length >= 26) return unsupported('BMP');
  if (text.startsWith('8BPS')) return unsupported('Photoshop PSD');
  if (startsWith(head, [0x00, 0x00, 0x01, 0x00]) || startsWith(head, [0x00, 0x00, 0x02, 0x00])) return unsupported('ICO');
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return unsupported('JPEG XL');
  if (startsWith(head, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return unsupported('JPEG 2000');
  if (startsWith(head, [0x76, 0x2f, 0x31, 0x01])) return unsupported('OpenEXR');
  if (text.startsWith('#?RADIANCE') || text.startsWith('#?RGBE')) return unsupported('Radiance HDR');
  if (text.startsWith('SIMPLE  =')) return unsupported('FITS');
  if (text.startsWith('DDS ')) return unsupported('DDS');
  if (text.startsWith('FUJIFILMCCD-RAW')) return unsupported('camera raw');
  if (/^P[1-7]\s/.test(text)) return unsupported('PNM');
  if (/^(\uFEFF)?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return unsupported('SVG');
  return null;
}

/**
 * Whether a file ends where its format says it should: JPEG ends with its EOI marker, PNG
 * with its IEND chunk, WebP is as long as its RIFF header declares. Null for other formats.
 */
export function endsCompletely(format: string, head: Uint8Array, tail: Uint8Array, length: number): boolean | null {
  if (format === 'jpeg') {
    let end = tail.length;
    while (end > 0 && tail[end - 1] === 0x00) end--; // some writers pad after EOI
    return end >= 2 && tail[end - 2] === 0xff && tail[end - 1] === 0xd9;
  }
  if (format === 'png') return ascii(tail, Math.max(0, tail.length - 16), tail.length).includes('IEND');
  if (format === 'webp' && head.length >= 8) {
    const declared = (head[4] | (head[5] << 8) | (head[6] << 16) | (head[7] << 24)) >>> 0;
    return length >= declared + 8;
  }
  return null;
}

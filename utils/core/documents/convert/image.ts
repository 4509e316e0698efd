// PNG and JPEG: dimensions from the header (before anything is decoded), so a tiny file that
// claims 30000×30000 pixels is refused without allocating gigabytes.

import { ConversionError } from './errors.ts';
import type { DocModel } from './model.ts';

export const MAX_IMAGE_PIXELS = 50_000_000;

export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) * 0x1000000) + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number));
}

function u16(b: Uint8Array, o: number): number {
  return ((b[o] as number) << 8) | (b[o + 1] as number);
}

/** Format and pixel size from the header, or null when the bytes are neither PNG nor JPEG. */
export function sniffImage(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length >= 24 && PNG_SIG.every((v, i) => bytes[i] === v)) {
    // IHDR must be the first chunk.
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new ConversionError('corrupt', 'PNG image without a header chunk');
    return { format: 'png', width: u32(bytes, 16), height: u32(bytes, 20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let o = 2;
    while (o + 4 <= bytes.length) {
      if (bytes[o] !== 0xff) throw new ConversionError('corrupt', 'JPEG image with a broken marker sequence');
      const marker = bytes[o + 1] as number;
      if (marker === 0xff) {
        o++; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        o += 2;
        continue;
      }
      const len = u16(bytes, o + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        if (o + 9 > bytes.length) break;
        return { format: 'jpeg', height: u16(bytes, o + 5), width: u16(bytes, o + 7) };
      }
      if (marker === 0xda || marker === 0xd9) break; // scan data before any frame header
      if (len < 2) break;
      o += 2 + len;
    }
    throw new ConversionError('corrupt', 'JPEG image without a frame header');
  }
  return null;
}

/** Header check shared by image files and images inside documents. */
export function checkImage(bytes: Uint8Array, what: string): ImageInfo {
  const info = sniffImage(bytes);
  if (!info) throw new ConversionError('unsupported', `${what} is neither PNG nor JPEG`);
  if (info.width <= 0 || info.height <= 0) throw new ConversionError('corrupt', `${what} has no pixels (${info.width}×${info.height})`);
  if (info.width * info.height > MAX_IMAGE_PIXELS) {
    throw new ConversionError(
      'too-large',
      `${what} is ${info.width}×${info.height} pixels, more than the ${MAX_IMAGE_PIXELS / 1_000_000} megapixel limit`,
    );
  }
  return info;
}

export function readImage(bytes: Uint8Array, expected: 'png' | 'jpeg'): DocModel {
  const info = checkImage(bytes, 'the image');
  if (info.format !== expected) throw new ConversionError('corrupt', `the file is a ${info.format.toUpperCase()}, not a ${expected.toUpperCase()}`);
  return { imageOnly: true, blocks: [{ kind: 'image', bytes, format: info.format }] };
}

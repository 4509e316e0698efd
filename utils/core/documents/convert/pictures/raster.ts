// Raster pictures that PDF can't take as they are (GIF, BMP / device-independent bitmaps, TIFF),
// decoded to 8-bit RGB plus an optional alpha plane, which render/picture.ts embeds as a plain
// image XObject. The pixel count is checked from the header before anything is decoded.
//
// GIF: omggif (the decoder Mozilla's and others' tools use; LZW, interlacing, transparency).
// TIFF: utif2 (Photopea's UTIF: LZW, Deflate, PackBits, CCITT fax G3/G4, JPEG; the compressions
// scanners and fax software write). BMP/DIB is read here: the registry's BMP decoders need
// Node's Buffer (bmp-js, bmp-ts) or lack RLE, bit fields and 16-bit pixels (decode-bmp), and
// metafiles carry DIBs without the file header anyway.

import { GifReader } from 'omggif';
import UTIF from 'utif2';
import { ConversionError } from '../errors.ts';
import { MAX_IMAGE_PIXELS } from '../image.ts';

export interface Pixels {
  width: number;
  height: number;
  /** width × height × 3 bytes, rows top to bottom. */
  rgb: Uint8Array;
  /** width × height bytes when some pixel is not opaque. */
  alpha?: Uint8Array;
}

/** Either encoded bytes PDF takes natively, or pixels. */
export type Decoded = { pixels: Pixels } | { png: Uint8Array } | { jpeg: Uint8Array };

export function checkPixels(width: number, height: number, what: string): void {
  if (!(width > 0) || !(height > 0) || !Number.isFinite(width * height)) throw new ConversionError('corrupt', `${what} has no pixels (${width}×${height})`);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ConversionError('too-large', `${what} is ${width}×${height} pixels, more than the ${MAX_IMAGE_PIXELS / 1_000_000} megapixel limit`);
  }
}

function fromRgba(rgba: Uint8Array, width: number, height: number): Pixels {
  const n = width * height;
  const rgb = new Uint8Array(n * 3);
  const alpha = new Uint8Array(n);
  let translucent = false;
  for (let i = 0; i < n; i++) {
    rgb[i * 3] = rgba[i * 4] as number;
    rgb[i * 3 + 1] = rgba[i * 4 + 1] as number;
    rgb[i * 3 + 2] = rgba[i * 4 + 2] as number;
    const a = rgba[i * 4 + 3] as number;
    alpha[i] = a;
    if (a !== 255) translucent = true;
  }
  return translucent ? { width, height, rgb, alpha } : { width, height, rgb };
}

export function decodeGif(bytes: Uint8Array): Pixels {
  let reader: GifReader;
  try {
    reader = new GifReader(bytes);
  } catch (e) {
    throw new ConversionError('corrupt', `a GIF picture cannot be read (${(e as Error).message})`);
  }
  checkPixels(reader.width, reader.height, 'a GIF picture');
  const rgba = new Uint8Array(reader.width * reader.height * 4);
  try {
    // The first frame, as Word and LibreOffice print an animated GIF.
    reader.decodeAndBlitFrameRGBA(0, rgba);
  } catch (e) {
    throw new ConversionError('corrupt', `a GIF picture cannot be decoded (${(e as Error).message})`);
  }
  return fromRgba(rgba, reader.width, reader.height);
}

export function decodeTiff(bytes: Uint8Array): Pixels {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let ifds: UTIF.IFD[];
  try {
    ifds = UTIF.decode(buf);
  } catch (e) {
    throw new ConversionError('corrupt', `a TIFF picture cannot be read (${(e as Error).message})`);
  }
  const ifd = ifds[0];
  if (!ifd) throw new ConversionError('corrupt', 'a TIFF picture has no image');
  const width = Number((ifd.t256 as number[] | undefined)?.[0]);
  const height = Number((ifd.t257 as number[] | undefined)?.[0]);
  checkPixels(width, height, 'a TIFF picture');
  try {
    UTIF.decodeImage(buf, ifd);
    return fromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
  } catch (e) {
    throw new ConversionError('corrupt', `a TIFF picture cannot be decoded (${(e as Error).message})`);
  }
}

// ------------------------------------------------------------------------------------ BMP / DIB

function i32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24));
}
function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

/** A .bmp file: the 14-byte file header, then a DIB. */
export function decodeBmp(bytes: Uint8Array): Decoded {
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) throw new ConversionError('corrupt', 'a BMP picture without its header');
  const offBits = i32(bytes, 10) >>> 0;
  const dib = bytes.subarray(14);
  const bits = offBits >= 14 + 12 && offBits < bytes.length ? bytes.subarray(offBits) : null;
  return decodeDib(dib, bits);
}

/** Mask → shift and bit count, for BI_BITFIELDS. */
function maskInfo(mask: number): { shift: number; max: number } {
  if (!mask) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0 && shift < 32) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1 && shift + bits < 32) bits++;
  return { shift, max: 2 ** bits - 1 };
}

/**
 * A device-independent bitmap: BITMAPCOREHEADER / BITMAPINFOHEADER / V4 / V5, 1/4/8/16/24/32 bits,
 * uncompressed, RLE8, RLE4 or bit fields; JPEG/PNG payloads are passed through. `bits` when the
 * pixel data is stored apart from the header (metafiles, .bmp files), else it follows the palette.
 */
export function decodeDib(dib: Uint8Array, bits: Uint8Array | null): Decoded {
  const what = 'a bitmap picture';
  if (dib.length < 12) throw new ConversionError('corrupt', `${what} has a truncated header`);
  const headerSize = i32(dib, 0) >>> 0;
  let width: number;
  let height: number;
  let bpp: number;
  let compression = 0;
  let colors = 0;
  let palEntry = 4;
  if (headerSize === 12) {
    width = u16(dib, 4);
    height = u16(dib, 6);
    bpp = u16(dib, 10);
    palEntry = 3;
  } else if (headerSize >= 40 && dib.length >= 40) {
    width = i32(dib, 4);
    height = i32(dib, 8);
    bpp = u16(dib, 14);
    compression = i32(dib, 16) >>> 0;
    colors = i32(dib, 32) >>> 0;
  } else {
    throw new ConversionError('corrupt', `${what} has an unknown header (${headerSize} bytes)`);
  }
  const topDown = height < 0;
  height = Math.abs(height);
  checkPixels(width, height, what);
  let at = headerSize;
  if (compression === 4 || compression === 5) {
    const payload = bits ?? dib.subarray(at);
    return compression === 4 ? { jpeg: payload } : { png: payload };
  }
  let masks: [number, number, number, number] | null = null;
  if (compression === 3 || compression === 6) {
    if (headerSize >= 52) masks = [i32(dib, 40) >>> 0, i32(dib, 44) >>> 0, i32(dib, 48) >>> 0, headerSize >= 56 ? i32(dib, 52) >>> 0 : 0];
    else {
      const n = compression === 6 ? 4 : 3;
      if (dib.length < at + n * 4) throw new ConversionError('corrupt', `${what} lacks its colour masks`);
      masks = [i32(dib, at) >>> 0, i32(dib, at + 4) >>> 0, i32(dib, at + 8) >>> 0, n === 4 ? i32(dib, at + 12) >>> 0 : 0];
      at += n * 4;
    }
  } else if (bpp === 16) masks = [0x7c00, 0x03e0, 0x001f, 0];
  if (bpp <= 8) {
    if (!colors || colors > 1 << bpp) colors = 1 << bpp;
  } else if (colors > 256) colors = 0;
  const palette = new Uint8Array(colors * 3);
  for (let i = 0; i < colors; i++) {
    const o = at + i * palEntry;
    palette[i * 3] = dib[o + 2] ?? 0;
    palette[i * 3 + 1] = dib[o + 1] ?? 0;
    palette[i * 3 + 2] = dib[o] ?? 0;
  }
  at += colors * palEntry;
  const data = bits ?? dib.subarray(Math.min(at, dib.length));

  const rgb = new Uint8Array(width * height * 3);
  const alpha = bpp === 32 ? new Uint8Array(width * height) : null;
  let anyAlpha = false;
  const put = (x: number, yFile: number, r: number, g: number, b: number): void => {
    if (x >= width || yFile >= height) return;
    const y = topDown ? yFile : height - 1 - yFile;
    const o = (y * width + x) * 3;
    rgb[o] = r;
    rgb[o + 1] = g;
    rgb[o + 2] = b;
  };
  const putIndex = (x: number, yFile: number, idx: number): void => {
    const i = idx < colors ? idx : 0;
    put(x, yFile, palette[i * 3] as number, palette[i * 3 + 1] as number, palette[i * 3 + 2] as number);
  };

  if (compression === 1 || compression === 2) {
    // Run-length encoded 8- or 4-bit rows, bottom-up.
    const four = compression === 2;
    let x = 0;
    let y = 0;
    let o = 0;
    while (o + 1 < data.length && y < height) {
      const count = data[o] as number;
      const value = data[o + 1] as number;
      o += 2;
      if (count > 0) {
        for (let k = 0; k < count; k++) putIndex(x++, y, four ? (k & 1 ? value & 15 : value >> 4) : value);
      } else if (value === 0) {
        x = 0;
        y++;
      } else if (value === 1) break;
      else if (value === 2) {
        x += data[o] ?? 0;
        y += data[o + 1] ?? 0;
        o += 2;
      } else {
        // Absolute run of `value` pixels, padded to a 16-bit boundary.
        const nBytes = four ? (value + 1) >> 1 : value;
        for (let k = 0; k < value; k++) {
          const byte = data[o + (four ? k >> 1 : k)] ?? 0;
          putIndex(x++, y, four ? (k & 1 ? byte & 15 : byte >> 4) : byte);
        }
        o += nBytes + (nBytes & 1);
      }
    }
    return { pixels: { width, height, rgb } };
  }

  const stride = Math.floor((width * bpp + 31) / 32) * 4;
  if (![1, 2, 4, 8, 16, 24, 32].includes(bpp)) throw new ConversionError('corrupt', `${what} has ${bpp} bits per pixel`);
  const mi = masks ? masks.map(maskInfo) : null;
  const channel = (v: number, k: number): number => {
    const m = mi?.[k];
    if (!m || !m.max) return 0;
    return Math.round((((v & (masks as number[])[k]!) >>> m.shift) * 255) / m.max);
  };
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    if (row >= data.length) break; // a truncated bitmap shows what it has
    for (let x = 0; x < width; x++) {
      if (bpp <= 8) {
        const bit = x * bpp;
        const byte = data[row + (bit >> 3)] ?? 0;
        putIndex(x, y, (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1));
      } else if (bpp === 24) {
        const o = row + x * 3;
        put(x, y, data[o + 2] ?? 0, data[o + 1] ?? 0, data[o] ?? 0);
      } else if (bpp === 16) {
        const v = u16(data, row + x * 2);
        put(x, y, channel(v, 0), channel(v, 1), channel(v, 2));
      } else {
        const o = row + x * 4;
        const v = i32(data, o) >>> 0;
        if (mi) put(x, y, channel(v, 0), channel(v, 1), channel(v, 2));
        else put(x, y, data[o + 2] ?? 0, data[o + 1] ?? 0, data[o] ?? 0);
        const a = mi && masks?.[3] ? channel(v, 3) : (data[o + 3] ?? 0);
        const yy = topDown ? y : height - 1 - y;
        (alpha as Uint8Array)[yy * width + x] = a;
        if (a) anyAlpha = true;
      }
    }
  }
  // 32-bit bitmaps without alpha leave the fourth byte 0: then they are opaque.
  if (alpha && anyAlpha && alpha.some((a) => a !== 255)) return { pixels: { width, height, rgb, alpha } };
  return { pixels: { width, height, rgb } };
}

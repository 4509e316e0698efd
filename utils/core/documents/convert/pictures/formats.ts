// What a picture inside a document is, from its first bytes (the part name or the RTF keyword
// only decides when the bytes don't: a WMF without its placeable header has no signature).

import { ConversionError } from '../errors.ts';
import { checkImage } from '../image.ts';
import type { ImageBlock, PictureFormat } from '../model.ts';

function u32le(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

/** A picture format from the bytes, else from `hint` (file extension or RTF keyword), else 'unknown'. */
export function pictureFormat(bytes: Uint8Array, hint = ''): PictureFormat {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'pdf';
  // EMF: record type 1 (header) and " EMF" at offset 40.
  if (b.length >= 88 && u32le(b, 0) === 1 && u32le(b, 40) === 0x464d4520) return 'emf';
  if (b.length >= 22 && u32le(b, 0) === 0x9ac6cdd7) return 'wmf'; // placeable header
  // A plain WMF header: type 1 or 2, header size 9 words, version 0x0100 or 0x0300.
  if (b.length >= 18 && (b[0] === 1 || b[0] === 2) && b[1] === 0 && b[2] === 9 && b[3] === 0 && (b[5] === 1 || b[5] === 3) && b[4] === 0) return 'wmf';
  const h = hint.toLowerCase().replace(/^.*\./, '');
  if (h === 'wmf' || h === 'wmetafile') return 'wmf';
  if (h === 'emf' || h === 'emfblip') return 'emf';
  if (h === 'dib' || h === 'dibitmap') return 'dib';
  if (b.length >= 40 && u32le(b, 0) === 40) return 'dib';
  return 'unknown';
}

/** How a format is named to the user. */
export function formatName(f: PictureFormat): string {
  return f === 'unknown' ? 'unknown' : f === 'linked' ? 'linked' : f === 'drawing' ? 'drawn' : f.toUpperCase();
}

/**
 * The model block for a picture a reader found: its format from the bytes (or the hint), PNG and
 * JPEG headers checked against the pixel limit here (others when they are decoded). A picture
 * that turns out damaged is drawn as a placeholder later, not refused.
 */
export function pictureBlock(bytes: Uint8Array, hint: string, name: string, width?: number, height?: number): ImageBlock {
  const format = pictureFormat(bytes, hint);
  if (format === 'png' || format === 'jpeg') {
    try {
      checkImage(bytes, `the image ${name}`);
    } catch (e) {
      if (!(e instanceof ConversionError) || e.kind === 'too-large') throw e;
    }
  }
  const img: ImageBlock = { kind: 'image', bytes, format, name };
  if (width !== undefined && Number.isFinite(width)) img.width = width;
  if (height !== undefined && Number.isFinite(height)) img.height = height;
  return img;
}

/** A picture the document only links to (a file or web address outside it). */
export function linkedPicture(target: string, width?: number, height?: number): ImageBlock {
  const img: ImageBlock = { kind: 'image', bytes: new Uint8Array(0), format: 'linked', name: target.slice(0, 120) };
  if (width !== undefined && Number.isFinite(width)) img.width = width;
  if (height !== undefined && Number.isFinite(height)) img.height = height;
  return img;
}

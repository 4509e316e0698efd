// Pictures of formats PDF doesn't take as they are: format detection, the DIB/BMP reader, the
// metafile interpreter, and what happens to a picture nothing can draw (a placeholder and a note,
// not a refusal). Real files are in tests/integration/documents/pictures.test.ts.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToPdf, type ConversionNote } from '../../../../../utils/core/documents/convert/index.ts';
import { ConversionError } from '../../../../../utils/core/documents/convert/errors.ts';
import { pictureFormat } from '../../../../../utils/core/documents/convert/pictures/formats.ts';
import { parseEmf, parseWmf } from '../../../../../utils/core/documents/convert/pictures/metafile.ts';
import { decodeBmp, decodeDib, decodeGif, decodeTiff } from '../../../../../utils/core/documents/convert/pictures/raster.ts';
import type { AnalysisLimits } from '../../../../../utils/core/documents/types.ts';
import { makeDocx } from '../../../../helpers/office-fixtures.ts';

const seed = process.env.CI ? { seed: 20261201 } : {};
const LIMITS: AnalysisLimits = { maxBytes: 25e6, maxDecompressedBytes: 20e6, maxCompressionRatio: 100, maxPages: 500, timeoutMs: 20_000 };

/** A 2×2 24-bit BMP: red, green / blue, white (rows stored bottom-up). */
function bmp2x2(): Uint8Array {
  const b = new Uint8Array(54 + 16);
  const v = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  v.setUint32(2, b.length, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, 2, true);
  v.setInt32(22, 2, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  // bottom row first: blue, white; then red, green (BGR, rows padded to 8 bytes)
  b.set([255, 0, 0, 255, 255, 255, 0, 0], 54);
  b.set([0, 0, 255, 0, 255, 0, 0, 0], 62);
  return b;
}

function onlyConversionErrors(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof ConversionError) return true;
    throw e;
  }
}

describe('picture formats', () => {
  it('are told by their bytes, whatever the part is called', () => {
    expect(pictureFormat(new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000'), 'x.png')).toBe('gif');
    expect(pictureFormat(bmp2x2(), 'x.jpeg')).toBe('bmp');
    expect(pictureFormat(new Uint8Array([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]))).toBe('tiff');
    expect(pictureFormat(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(pictureFormat(new Uint8Array([0xd7, 0xcd, 0xc6, 0x9a, ...Array.from({ length: 30 }, () => 0)]))).toBe('wmf');
    // An RTF WMF has no signature: the keyword decides.
    expect(pictureFormat(new Uint8Array([9, 9, 9, 9]), 'wmetafile')).toBe('wmf');
    expect(pictureFormat(new Uint8Array([9, 9, 9, 9]), 'x.wdp')).toBe('unknown');
  });
});

describe('BMP and DIB', () => {
  it('decodes rows bottom-up into top-down RGB', () => {
    const d = decodeBmp(bmp2x2());
    expect('pixels' in d).toBe(true);
    if (!('pixels' in d)) return;
    expect(d.pixels.width).toBe(2);
    expect(Array.from(d.pixels.rgb)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
  });

  it('refuses a header claiming more than the pixel limit before decoding', () => {
    const b = bmp2x2();
    new DataView(b.buffer).setInt32(18, 100_000, true);
    new DataView(b.buffer).setInt32(22, 100_000, true);
    expect(() => decodeBmp(b)).toThrow(/megapixel limit/);
  });

  it('whatever the bytes, decoders and metafile readers throw only ConversionError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (bytes) => {
        const emf = bytes.slice();
        if (emf.length >= 44) new DataView(emf.buffer).setUint32(40, 0x464d4520, true);
        return (
          onlyConversionErrors(() => decodeDib(bytes, null)) &&
          onlyConversionErrors(() => decodeBmp(bytes)) &&
          onlyConversionErrors(() => decodeGif(bytes)) &&
          onlyConversionErrors(() => decodeTiff(bytes)) &&
          onlyConversionErrors(() => parseEmf(emf)) &&
          onlyConversionErrors(() => parseWmf(bytes))
        );
      }),
      { numRuns: 300, ...seed },
    );
  });
});

/** A WMF (no placeable header) of the given records, each fn + 16-bit parameter words + an optional tail. */
function wmf(records: { fn: number; words: number[]; tail?: Uint8Array }[]): Uint8Array {
  const parts = records.map(({ fn, words, tail }) => {
    const body = new Uint8Array(6 + words.length * 2 + (tail?.length ?? 0) + ((tail?.length ?? 0) & 1));
    const v = new DataView(body.buffer);
    v.setUint32(0, body.length / 2, true);
    v.setUint16(4, fn, true);
    words.forEach((w, i) => v.setInt16(6 + i * 2, w, true));
    if (tail) body.set(tail, 6 + words.length * 2);
    return body;
  });
  const eof = Uint8Array.of(3, 0, 0, 0, 0, 0);
  const total = 18 + parts.reduce((n, b) => n + b.length, 0) + eof.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint16(0, 1, true);
  v.setUint16(2, 9, true);
  v.setUint16(4, 0x0300, true);
  v.setUint32(6, total / 2, true);
  let o = 18;
  for (const b of [...parts, eof]) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

describe('WMF bitmaps', () => {
  it('DIBBITBLT and DIBSTRETCHBLT draw their DIB at the destination they name', () => {
    const dib = bmp2x2().subarray(14);
    const SRCCOPY = [0x0020, 0x00cc];
    const file = wmf([
      // DIBBITBLT: rop, ySrc, xSrc, height, width, yDest, xDest, DIB
      { fn: 0x0940, words: [...SRCCOPY, 0, 0, 2, 2, 10, 20], tail: dib },
      // DIBSTRETCHBLT: rop, srcH, srcW, ySrc, xSrc, destH, destW, yDst, xDst, DIB
      { fn: 0x0b41, words: [...SRCCOPY, 2, 2, 0, 0, 40, 30, 50, 60], tail: dib },
    ]);
    const bitmaps = parseWmf(file).items.filter((i) => i.t === 'bitmap');
    expect(bitmaps.map(({ x, y, w, h }) => ({ x, y, w, h }))).toEqual([
      { x: 20, y: 10, w: 2, h: 2 },
      { x: 60, y: 50, w: 30, h: 40 },
    ]);
    for (const b of bitmaps) {
      const d = decodeDib(b.dib, b.bits);
      expect('pixels' in d && d.pixels.width).toBe(2);
    }
  });
});

describe('a picture nothing can draw', () => {
  it('becomes a placeholder with a note; the document is converted, not refused', async () => {
    const junk = new Uint8Array(64).fill(7);
    const notes: ConversionNote[] = [];
    const pdf = await convertToPdf(makeDocx([{ p: ['Voor de afbeelding.'] }, { image: true }, { p: ['Erna.'] }], { override: { 'word/media/image1.png': junk } }), 'docx', LIMITS, notes);
    expect(pdf.length).toBeGreaterThan(1000);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.detail).toMatch(/word\/media\/image1\.png.*placeholder/);
  });
});

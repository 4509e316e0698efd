import { describe, expect, it } from 'vitest';
import { ConversionError } from '../../../../../utils/core/documents/convert/errors.ts';
import { checkImage, readImage, sniffImage } from '../../../../../utils/core/documents/convert/image.ts';
import { hugeHeaderPng, makePng, tinyJpeg } from '../../../../helpers/office-fixtures.ts';

describe('image headers', () => {
  it('reads PNG and JPEG dimensions without decoding', () => {
    expect(sniffImage(makePng(240, 120))).toEqual({ format: 'png', width: 240, height: 120 });
    const jpeg = sniffImage(tinyJpeg());
    expect(jpeg?.format).toBe('jpeg');
    expect(jpeg && jpeg.width * jpeg.height).toBeGreaterThan(0);
    expect(sniffImage(new TextEncoder().encode('GIF89a......'))).toBeNull();
  });

  it('refuses an image whose header claims 30000×30000 pixels', () => {
    let err: unknown;
    try {
      checkImage(hugeHeaderPng(), 'the image');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConversionError);
    expect((err as ConversionError).kind).toBe('too-large');
    expect((err as ConversionError).message).toContain('30000×30000');
  });

  it('refuses a JPEG without a frame header and a type mismatch', () => {
    expect(() => sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0, 0]))).toThrow(ConversionError);
    expect(() => readImage(makePng(), 'jpeg')).toThrow(/is a PNG, not a JPEG/);
  });

  it('makes an image-only model for a picture file', () => {
    const m = readImage(tinyJpeg(), 'jpeg');
    expect(m.imageOnly).toBe(true);
    expect(m.blocks[0]?.kind).toBe('image');
  });
});

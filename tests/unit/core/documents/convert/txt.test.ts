import { describe, expect, it } from 'vitest';
import { decodeText, readTxt } from '../../../../../utils/core/documents/convert/txt.ts';

describe('readTxt', () => {
  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    const m = readTxt(new TextEncoder().encode('Eén\r\ntwee\r\n\r\n\r\nDrie ë\n'));
    expect(m.blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Eén\ntwee' }] },
      { kind: 'paragraph', runs: [{ text: 'Drie ë' }] },
    ]);
  });

  it('decodes UTF-8 with BOM, UTF-16 and falls back to cp1252', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xc3, 0xa9]))).toBe('café');
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x69, 0x00, 0x33, 0x01]))).toBe('iĳ');
    expect(decodeText(new Uint8Array([0x80, 0x20, 0x63, 0x61, 0x66, 0xe9]))).toBe('€ café');
  });

  it('decodes the whole Windows-1252 0x80–0x9F block, also in long input', () => {
    expect(decodeText(new Uint8Array([0x96, 0x20, 0x85, 0x20, 0x8a]))).toBe('– … Š');
    const text = decodeText(new Uint8Array(20_000).fill(0x80));
    expect(text.length).toBe(20_000);
    expect(new Set(text)).toEqual(new Set(['€']));
  });

  it('refuses binary data posing as text', () => {
    expect(() => readTxt(new Uint8Array([0x61, 0x00, 0x62]))).toThrow(/binary data/);
  });
});

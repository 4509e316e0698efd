import { describe, expect, it } from 'vitest';
import { cp1252CodePoint, decodeCp1252, isUndefinedInCp1252 } from '../../../../../utils/core/documents/text/cp1252.ts';

describe('cp1252', () => {
  it('maps the 0x80–0x9F block to its Windows characters and the rest like Latin-1', () => {
    expect(String.fromCharCode(cp1252CodePoint(0x80))).toBe('€');
    expect(String.fromCharCode(cp1252CodePoint(0x96))).toBe('–');
    expect(String.fromCharCode(cp1252CodePoint(0xe9))).toBe('é');
    expect(cp1252CodePoint(0x41)).toBe(0x41);
  });

  it('knows the five undefined bytes', () => {
    expect([0x81, 0x8d, 0x8f, 0x90, 0x9d].every(isUndefinedInCp1252)).toBe(true);
    expect(isUndefinedInCp1252(0x80)).toBe(false);
  });

  it('decodes long input (beyond one chunk)', () => {
    const bytes = new Uint8Array(20_000).fill(0x80);
    const text = decodeCp1252(bytes);
    expect(text.length).toBe(20_000);
    expect(new Set(text)).toEqual(new Set(['€']));
  });
});

import { describe, expect, it } from 'vitest';
import { formatNumber, letters, roman } from '../../../../../utils/core/documents/convert/numbering.ts';

describe('list numbering shared by the DOCX and ODT readers', () => {
  it('counts in letters as Word and LibreOffice do: a … z, aa … zz', () => {
    expect([1, 2, 26, 27, 28, 52, 53].map(letters)).toEqual(['a', 'b', 'z', 'aa', 'bb', 'zz', 'aaa']);
  });

  it('writes roman numerals', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1994, 3999].map(roman)).toEqual(['i', 'iv', 'ix', 'xiv', 'xl', 'xc', 'cd', 'mcmxciv', 'mmmcmxcix']);
  });

  it('clamps counts a hostile document sets out of range instead of throwing', () => {
    // A start value of 0 or below used to reach String.repeat with a negative count in the ODT reader.
    for (const n of [0, -1, -40, Number.NaN]) {
      expect(letters(n)).toBe('a');
      expect(roman(n)).toBe('i');
    }
    expect(roman(10_000)).toBe('mmmcmxcix');
  });

  it('formats each style', () => {
    expect(formatNumber(3, 'decimal')).toBe('3');
    expect(formatNumber(3, 'decimal-zero')).toBe('03');
    expect(formatNumber(12, 'decimal-zero')).toBe('12');
    expect(formatNumber(3, 'lower-letter')).toBe('c');
    expect(formatNumber(3, 'upper-letter')).toBe('C');
    expect(formatNumber(4, 'lower-roman')).toBe('iv');
    expect(formatNumber(4, 'upper-roman')).toBe('IV');
    expect(formatNumber(4, 'none')).toBe('');
  });
});

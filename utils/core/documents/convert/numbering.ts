// List and chapter numbers as text ("3", "c", "iv", "03"), shared by the DOCX and ODT readers.
// Each reader maps its own format names (w:numFmt, style:num-format) to a NumberStyle.

export type NumberStyle = 'decimal' | 'decimal-zero' | 'lower-letter' | 'upper-letter' | 'lower-roman' | 'upper-roman' | 'none';

const ROMAN: ReadonlyArray<readonly [number, string]> = [
  [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
  [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
];

/** Lower-case roman numeral; counts below 1 or above 3999 are clamped into that range. */
export function roman(n: number): string {
  let out = '';
  let v = Math.max(1, Math.min(Math.floor(n) || 1, 3999));
  for (const [k, s] of ROMAN) {
    while (v >= k) {
      out += s;
      v -= k;
    }
  }
  return out;
}

/** a … z, then aa … zz, and so on (as Word and LibreOffice count); counts below 1 count as 1. */
export function letters(n: number): string {
  const v = Math.max(1, Math.floor(n) || 1);
  return String.fromCharCode(97 + ((v - 1) % 26)).repeat(Math.floor((v - 1) / 26) + 1);
}

export function formatNumber(n: number, style: NumberStyle): string {
  switch (style) {
    case 'lower-letter': return letters(n);
    case 'upper-letter': return letters(n).toUpperCase();
    case 'lower-roman': return roman(n);
    case 'upper-roman': return roman(n).toUpperCase();
    case 'decimal-zero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n);
  }
}

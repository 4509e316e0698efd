// Windows-1252 decoding without relying on TextDecoder label support (not every runtime ships
// the legacy encodings). Bytes 0x80–0x9F differ from Latin-1; everything else maps 1:1.
// The five bytes Windows-1252 leaves undefined decode to U+FFFD.

const HIGH: readonly number[] = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/** Code point for one Windows-1252 byte. */
export function cp1252CodePoint(byte: number): number {
  return byte >= 0x80 && byte <= 0x9f ? (HIGH[byte - 0x80] ?? 0xfffd) : byte;
}

/** True for the bytes Windows-1252 does not define (a sign the data is not 1252 text). */
export function isUndefinedInCp1252(byte: number): boolean {
  return byte === 0x81 || byte === 0x8d || byte === 0x8f || byte === 0x90 || byte === 0x9d;
}

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  // Chunked String.fromCharCode keeps this linear without blowing the argument limit.
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes: number[] = [];
    for (let i = start; i < end; i++) codes.push(cp1252CodePoint(bytes[i]!));
    out += String.fromCharCode(...codes);
  }
  return out;
}

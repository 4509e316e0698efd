// Plain text files: the converter's decoding (UTF-8 with or without BOM, UTF-16 when a BOM says
// so, otherwise Windows-1252, which is what older Dutch Windows editors save), so the text that
// is checked is the text that is converted.
import { decodeText } from '../convert/txt.ts';

export function extractTxtText(bytes: Uint8Array): string {
  return decodeText(bytes);
}

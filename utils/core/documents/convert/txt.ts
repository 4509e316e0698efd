// Plain text: paragraphs are separated by blank lines; single line breaks inside a paragraph are
// kept as line breaks (reports typed as text often rely on them for addresses and lists).

import { ConversionError } from './errors.ts';
import type { DocModel, Paragraph } from './model.ts';

export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: older Windows editors write cp1252, which also covers Dutch diacritics and €.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export function readTxt(bytes: Uint8Array): DocModel {
  const text = decodeText(bytes).replace(/\r\n?/g, '\n');
  if (text.includes('\u0000')) throw new ConversionError('corrupt', 'the text file contains binary data');
  const blocks: Paragraph[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const body = chunk.replace(/^\n+|\s+$/g, '');
    if (!body) continue;
    blocks.push({ kind: 'paragraph', runs: [{ text: body }] });
  }
  return { blocks };
}

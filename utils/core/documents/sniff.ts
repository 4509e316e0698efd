// What a file really is, from its bytes: a name or MIME type is whatever the sender typed, so a
// "rapport.pdf" that is a DOCX must be treated as a DOCX. Only the start of the file and (for
// ZIPs) the table of contents are looked at; nothing is parsed deeply here.
import type { DocType } from './types.ts';
import { listZipEntries, peekSmallEntry } from './zip.ts';

/** The five bytes Windows-1252 leaves undefined: in non-UTF-8 data, a sign it is not 1252 text. */
const CP1252_UNDEFINED: ReadonlySet<number> = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** Viewers accept the %PDF header anywhere in the first 1024 bytes (PDF 32000, Annex H). */
const PDF_HEADER_WINDOW = 1024;
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** The main part of a WordprocessingML package. (The dot is escaped because the layer check
 *  reads a literal "document" followed by a dot as the DOM global.) */
export const DOCX_MAIN_PART = 'word/document\x2exml';

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (at + sig.length > bytes.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, sig: readonly number[], from: number, to: number): number {
  const last = Math.min(to, bytes.length - sig.length);
  outer: for (let at = from; at <= last; at++) {
    for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) continue outer;
    return at;
  }
  return -1;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function sniffZip(bytes: Uint8Array): DocType {
  let names: string[];
  try {
    names = listZipEntries(bytes).map((e) => e.name);
  } catch {
    // No readable table of contents (truncated download, damage). Recognise the office formats
    // from their first local headers so the problem is reported as a corrupt DOCX/ODT rather
    // than an unsupported zip; extraction will then fail and say why.
    const head = bytes.subarray(0, 4096);
    if (indexOf(head, ascii(`mimetype${ODT_MIMETYPE}`), 0, head.length) === 30) return 'odt';
    if (indexOf(bytes, ascii(DOCX_MAIN_PART), 0, bytes.length) >= 0) return 'docx';
    return 'zip';
  }
  if (names.includes(DOCX_MAIN_PART)) return 'docx';
  if (names.includes('mimetype')) {
    const mime = peekSmallEntry(bytes, 'mimetype', 256);
    if (mime && new TextDecoder().decode(mime).trim() === ODT_MIMETYPE) return 'odt';
  }
  return 'zip';
}

/** Control bytes that never occur in text documents (tab, LF, FF, CR and ESC-free). */
function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return bytes.length % 2 === 0;
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  for (let i = 0; i < body.length; i++) {
    // A trailing Ctrl-Z is the old DOS end-of-file marker some editors still write.
    if (isControl(body[i]!) && !(body[i] === 0x1a && i === body.length - 1)) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    // Not UTF-8: accept as Windows-1252 when every byte is one 1252 defines.
    for (const b of body) if (CP1252_UNDEFINED.has(b)) return false;
    return true;
  }
}

/** How much of the start of a text file is read to tell markup and scripts from prose. */
const MARKUP_WINDOW = 2048;

/**
 * Text that is not a document: an HTML or XML page (SVG, RSS, exported web pages, a mailer's
 * HTML body saved as "rapport.pdf") or a script. Typesetting it as plain text would send pages
 * of markup instead of what a reader meant, so it is refused as such. Recognised from how the
 * text starts (after a BOM and white space), never from its name.
 */
export function markupKind(bytes: Uint8Array): string | undefined {
  let head: string;
  if (startsWith(bytes, [0xff, 0xfe])) head = new TextDecoder('utf-16le').decode(bytes.subarray(2, 2 + MARKUP_WINDOW * 2));
  else if (startsWith(bytes, [0xfe, 0xff])) head = new TextDecoder('utf-16be').decode(bytes.subarray(2, 2 + MARKUP_WINDOW * 2));
  else head = new TextDecoder('utf-8').decode(bytes.subarray(startsWith(bytes, UTF8_BOM) ? 3 : 0, MARKUP_WINDOW));
  const start = head.trimStart();
  const lower = start.toLowerCase();
  if (/^<!doctype\s+html/.test(lower) || /^<(html|head|body|meta|title|div|p|table|style|script|a|br)[\s>/]/.test(lower) || /<html[\s>]/.test(lower)) return 'an HTML page';
  if (lower.startsWith('<?php')) return 'a PHP script';
  if (/^<\?xml[\s?]/.test(lower) || /^<!doctype\s/.test(lower) || /^<svg[\s>]/.test(lower)) return 'an XML file';
  // Other text opening with a tag or a comment is markup too (a fragment of a web page).
  if (/^<(!--|[a-z][\w:.-]*(\s[^<>]*)?\/?>)/i.test(start)) return 'an HTML or XML fragment';
  if (start.startsWith('#!')) return 'a script';
  if (/^@echo\s+off\b/i.test(start)) return 'a batch script';
  if (/^(['"])use strict\1/.test(start) || /^option\s+explicit\b/i.test(start)) return 'a script';
  return undefined;
}

/**
 * Type of a document from its bytes. Signatures at offset 0 win; then a PDF header within the
 * first 1024 bytes; then text (UTF-8, UTF-16 with BOM, or Windows-1252 without control bytes):
 * 'markup' when it is HTML, XML or a script (markupKind), else 'txt'. An empty file is
 * 'unknown': there is nothing to report.
 */
export function sniffType(bytes: Uint8Array): DocType {
  if (bytes.length === 0) return 'unknown';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, OLE2)) return isEncryptedOoxml(bytes) ? 'docx' : 'doc';
  if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY)) return sniffZip(bytes);
  const rtfAt = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  if (startsWith(bytes, RTF, rtfAt)) return 'rtf';
  if (indexOf(bytes, PDF, 0, PDF_HEADER_WINDOW) >= 0) return 'pdf';
  if (!looksLikeText(bytes)) return 'unknown';
  return markupKind(bytes) ? 'markup' : 'txt';
}

/**
 * A password-protected Word 2007+ file is not a zip: Office wraps the encrypted package in an
 * OLE2 container with streams named "EncryptionInfo" and "EncryptedPackage". Seeing those
 * names (UTF-16LE in the directory) means: a DOCX that can't be opened, not a legacy .doc.
 */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, OLE2)) return false;
  const name = Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]);
  return indexOf(bytes, name, 0, bytes.length) >= 0;
}

// Document fixtures built in memory for any test: real PDFs with extractable text (pdf-lib),
// a user-password PDF (@cantoo/pdf-lib), minimal but valid DOCX/ODT packages, RTF, tiny PNG
// and JPEG images, and hostile inputs (zip bomb, truncated PDF, legacy .doc header).
// Each builder takes plain strings so a test shows exactly what its input holds.
import { PDFDocument as CantooPDFDocument, StandardFonts as CantooFonts } from '@cantoo/pdf-lib';
import { Deflate, strToU8, zipSync, zlibSync, type Zippable } from 'fflate';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { crc32 as zlibCrc32 } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// PDF

function escapeForWinAnsi(text: string, font: PDFFont): string {
  // Helvetica's WinAnsi encoding lacks some characters; replace those so drawing never throws.
  return Array.from(text, (ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  }).join('');
}

/** A PDF with one page per string; each line of a string is one line of real text. */
export async function makePdf(pages: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    let y = 800;
    for (const line of text.split('\n')) {
      page.drawText(escapeForWinAnsi(line, font), { x: 50, y, size: 11, font });
      y -= 14;
      if (y < 40) break;
    }
  }
  return doc.save({ useObjectStreams: false });
}

export const PDF_USER_PASSWORD = 'geheim-2026';

/** A PDF that needs a user password to open (AES-256 via @cantoo/pdf-lib). */
export async function makeEncryptedPdf(text: string): Promise<Uint8Array> {
  const doc = await CantooPDFDocument.create();
  const font = await doc.embedFont(CantooFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text, { x: 50, y: 800, size: 11, font });
  doc.encrypt({ userPassword: PDF_USER_PASSWORD, ownerPassword: `${PDF_USER_PASSWORD}-owner` });
  return doc.save();
}

/** A real PDF cut off at 60%: no cross-reference table, no %%EOF. */
export async function makeCorruptPdf(): Promise<Uint8Array> {
  const whole = await makePdf(['Deze rapportage is halverwege afgebroken.']);
  return whole.slice(0, Math.floor(whole.length * 0.6));
}

// ---------------------------------------------------------------------------------------------
// Office documents

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A minimal valid DOCX: content types, package relationships and the main document. */
export function makeDocx(paragraphs: string[]): Uint8Array {
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`)
    .join('');
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(
      `${XML_HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}` +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>',
    ),
  };
  return zipSync(files);
}

export const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** A minimal valid ODT: stored `mimetype` first, manifest, and content.xml with paragraphs. */
export function makeOdt(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<text:p text:style-name="Standard">${xmlEscape(p)}</text:p>`).join('\n');
  const content =
    `${XML_HEAD}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">' +
    `<office:body><office:text>\n${body}\n</office:text></office:body></office:document-content>`;
  const manifest =
    `${XML_HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
    `<manifest:file-entry manifest:full-path="/" manifest:media-type="${ODT_MIMETYPE}"/>` +
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
    '</manifest:manifest>';
  return zipSync({
    mimetype: [strToU8(ODT_MIMETYPE), { level: 0 }],
    'content.xml': strToU8(content),
    'META-INF/manifest.xml': strToU8(manifest),
  });
}

function rtfEscape(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '{' || ch === '}') out += `\\${ch}`;
    else if (code < 0x80) out += ch;
    else if (code <= 0xff) out += `\\'${code.toString(16).padStart(2, '0')}`; // Latin-1 range = cp1252 here
    else if (code <= 0xffff) out += `\\u${code > 0x7fff ? code - 0x10000 : code}?`;
    else out += '?';
  }
  return out;
}

/** An RTF document with a font and colour table (which must not show up as text). */
export function makeRtf(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `${rtfEscape(p)}\\par\n`).join('');
  const rtf =
    '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}{\\f1\\froman Times New Roman;}}' +
    '{\\colortbl;\\red0\\green0\\blue0;\\red255\\green0\\blue0;}' +
    '{\\*\\generator ReportGuard fixtures;}\\viewkind4\\uc1\\pard\\f0\\fs22\n' +
    `${body}}`;
  return strToU8(rtf);
}

// ---------------------------------------------------------------------------------------------
// Images

// Node's own CRC-32 rather than a copy of utils/core/documents/zip.ts's table: the fixtures stay an
// independent check of the production CRC code instead of sharing any mistake it might have.
function crc32(...parts: Uint8Array[]): number {
  return parts.reduce((crc, part) => zlibCrc32(part, crc), 0);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function be32(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const t = strToU8(type);
  return concat([be32(data.length), t, data, be32(crc32(t, data))]);
}

/** A valid RGB PNG (a red/blue gradient), width × height pixels. */
export function makePng(width = 4, height = 4): Uint8Array {
  const ihdr = new Uint8Array([...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255) / Math.max(1, width - 1);
      raw[row + 3 + x * 3] = (y * 255) / Math.max(1, height - 1);
    }
  }
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlibSync(raw)), pngChunk('IEND', new Uint8Array())]);
}

function segment(marker: number, body: number[]): number[] {
  return [0xff, marker, ((body.length + 2) >> 8) & 255, (body.length + 2) & 255, ...body];
}

/** A Huffman table with a single 1-bit code, for symbol 0. */
function oneSymbolTable(tableClass: number): number[] {
  return [tableClass, 1, ...Array.from({ length: 15 }, () => 0), 0x00];
}

/**
 * A valid 8×8 grey baseline JPEG, written by hand: one quantisation table, one-symbol Huffman
 * tables (DC category 0, AC end-of-block), and a single block whose scan data is two 0-bits.
 */
export function makeJpeg(): Uint8Array {
  return new Uint8Array([
    0xff, 0xd8, // SOI
    ...segment(0xdb, [0x00, ...Array.from({ length: 64 }, () => 1)]), // DQT
    ...segment(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), // SOF0: 8-bit, 8×8, one component
    ...segment(0xc4, oneSymbolTable(0x00)), // DHT DC 0
    ...segment(0xc4, oneSymbolTable(0x10)), // DHT AC 0
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]), // SOS
    0x3f, // DC "0" + EOB "0", padded with 1-bits
    0xff, 0xd9, // EOI
  ]);
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs

export interface ZipBombOptions {
  /** Real size of the bomb entry once inflated. Default 300 MiB (over the 200 MB default limit). */
  inflatedBytes?: number;
  /** Size written in the headers; default the real size. Set it low to test that lies are caught. */
  declaredBytes?: number;
  /** 'docx' (default) wraps the bomb as word/document.xml, so it sniffs as a DOCX. */
  shape?: 'docx' | 'zip';
}

/** Deflate data for `bytes` zeros, built from one compressed MiB repeated: fast, ~1000:1. */
function deflatedZeros(bytes: number): Uint8Array {
  const MiB = 1024 * 1024;
  const segmentFor = (size: number): Uint8Array => {
    const out: Uint8Array[] = [];
    const d = new Deflate({ level: 9 }, (chunk) => out.push(chunk));
    d.push(new Uint8Array(size));
    d.flush(true); // sync flush: the segment ends on a byte boundary, in a non-final block
    return concat(out);
  };
  const whole = segmentFor(MiB);
  const parts: Uint8Array[] = Array.from({ length: Math.floor(bytes / MiB) }, () => whole);
  // The remainder goes in stored (uncompressed) blocks: byte-aligned header, LEN, NLEN, data.
  for (let left = bytes % MiB; left > 0; ) {
    const len = Math.min(left, 0xffff);
    parts.push(new Uint8Array([0x00, ...u16(len), ...u16(~len & 0xffff)]), new Uint8Array(len));
    left -= len;
  }
  // Repeated segments stay valid: back-references only reach zeros. A final, empty fixed
  // block (03 00) ends the stream.
  parts.push(new Uint8Array([0x03, 0x00]));
  return concat(parts);
}

function u16(n: number): number[] {
  return [n & 255, (n >>> 8) & 255];
}
function u32(n: number): number[] {
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
}

interface RawEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
}

/** A zip written field by field, so headers can state whatever a test needs. */
function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const common = [...u16(20), ...u16(0), ...u16(e.method), ...u16(0), ...u16(0x21), ...u32(e.crc), ...u32(e.data.length), ...u32(e.size),
      ...u16(name.length), ...u16(0)];
    const local = concat([new Uint8Array([...u32(0x04034b50), ...common]), name, e.data]);
    centrals.push(concat([new Uint8Array([...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset)]), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = concat(centrals);
  const end = new Uint8Array([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(entries.length), ...u16(entries.length),
    ...u32(directory.length), ...u32(offset), ...u16(0)]);
  return concat([...locals, directory, end]);
}

/**
 * A small file that inflates enormously (default: ~300 KB → 300 MiB of zeros), generated in
 * well under a second. Up to 64 MiB the entry is a fully valid zip (CRC included).
 */
export function makeZipBomb(opts: ZipBombOptions = {}): Uint8Array {
  const inflated = opts.inflatedBytes ?? 300 * 1024 * 1024;
  // The CRC of a big bomb isn't worth computing: any reader must refuse it before the end.
  const crc = inflated <= 64 * 1024 * 1024 ? crc32(new Uint8Array(inflated)) : 0;
  const bomb: RawEntry = { name: 'word/document.xml', data: deflatedZeros(inflated), method: 8, crc, size: opts.declaredBytes ?? inflated };
  if (opts.shape === 'zip') return rawZip([{ ...bomb, name: 'zeros.bin' }]);
  const types = strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`);
  return rawZip([{ name: '[Content_Types].xml', data: types, method: 0, crc: crc32(types), size: types.length }, bomb]);
}

/** The first bytes of a legacy Word file: an OLE2 compound-document header and padding. */
export function makeLegacyDoc(): Uint8Array {
  const bytes = new Uint8Array(1536);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  bytes.set(strToU8('Microsoft Word-document'), 512);
  return bytes;
}

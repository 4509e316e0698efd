// Memory and speed of protected saves. @cantoo/pdf-lib's writer encrypts every stream before it
// writes any: while it sizes the file it replaces each stream's contents with an encrypted copy
// (a second copy of the whole document) and only then allocates the output. Its AES is plain
// JavaScript that allocates a 16-byte array per block, so 25 MB of images leave about 1.6
// million small arrays behind and take seconds of CPU.
//
// Here the writer only reserves the room each encrypted stream will take (AES-CBC with a 16-byte
// IV and PKCS#7 padding: the length is known without encrypting) and records where; once the
// output is written, each stream is encrypted by Web Crypto (native, available in Node 24, the
// offscreen document and workers alike) into its place, 64 KiB at a time (see ENCRYPT_PIECE), and
// each spent cipher buffer is released at once. At any moment one piece is in flight instead of
// the whole document. The result is the same file the library would write
// (same objects, same /Length, same Encrypt dictionary; only the random IVs differ), and the
// independent verifier reads it back like any other protected output.
//
// Only for the V5 (AES-256, revision 6) handler applyProtection() sets up: one file key for every
// object. If the library's internals change shape, saving falls back to the library's own
// encryption (slower, more memory, same result).
import { PDFStream, PDFWriter } from '@cantoo/pdf-lib';
import type { PDFDocument, PDFObject, PDFRef } from '@cantoo/pdf-lib';
import type { Deadline } from './errors.ts';
import { releaseBuffer } from '../release.ts';

const IV_BYTES = 16;
const NEWLINE = 0x0a;
const STREAM = new TextEncoder().encode('stream\n');
const ENDSTREAM = new TextEncoder().encode('\nendstream');

/** AES-CBC output for `n` plain bytes: the IV, then whole blocks with PKCS#7 padding (1–16 bytes). */
export function encryptedLength(n: number): number {
  return IV_BYTES + (Math.floor(n / 16) + 1) * 16;
}

interface Reserved {
  /** Where the stream's data starts in the output. */
  at: number;
  plain: Uint8Array;
}

interface WriterLike {
  context: object;
  encrypt(ref: PDFRef, object: PDFObject, security: unknown): void;
}

/** Saves in progress, by their document context: each records the streams whose room it reserved. */
const saving = new WeakMap<object, Reserved[]>();
/** Streams given a reserved writer for the save; restored when it ends. */
const patchedStreams = new WeakMap<object, PDFStream[]>();
let original: WriterLike['encrypt'] | undefined;
let active = 0;

function reservingEncrypt(this: WriterLike, ref: PDFRef, object: PDFObject, security: unknown): void {
  const reserved = saving.get(this.context);
  if (!reserved || !(object instanceof PDFStream)) {
    original?.call(this, ref, object, security);
    return;
  }
  const plain = object.getContents();
  const length = encryptedLength(plain.length);
  const stream = object as PDFStream & { getContentsSize(): number; copyBytesInto(buffer: Uint8Array, offset: number): number };
  // Own properties shadow the class's methods for this save only (removed in the finally below).
  Object.defineProperty(stream, 'getContentsSize', { configurable: true, value: () => length });
  Object.defineProperty(stream, 'copyBytesInto', {
    configurable: true,
    value(buffer: Uint8Array, offset: number): number {
      // As PDFStream.copyBytesInto writes a stream, with the contents left to encryptInPlace.
      stream.updateDict();
      const start = offset;
      offset += stream.dict.copyBytesInto(buffer, offset);
      buffer[offset++] = NEWLINE;
      buffer.set(STREAM, offset);
      offset += STREAM.length;
      reserved.push({ at: offset, plain });
      offset += length;
      buffer.set(ENDSTREAM, offset);
      offset += ENDSTREAM.length;
      return offset - start;
    },
  });
  patchedStreams.get(this.context)?.push(stream);
}

function writerPrototype(): WriterLike | null {
  const proto = (PDFWriter as unknown as { prototype?: Partial<WriterLike> }).prototype;
  return proto && typeof proto.encrypt === 'function' ? (proto as WriterLike) : null;
}

/** The V5 file key, or null when the document's security handler is not one this module knows. */
function fileKey(doc: PDFDocument): Uint8Array | null {
  const security = (doc.context as unknown as { security?: { encryption?: { V?: unknown }; encryptionKey?: unknown } }).security;
  const key = security?.encryptionKey;
  if (security?.encryption?.V !== 5 || !(key instanceof Uint8Array) || key.length !== 32) return null;
  return key;
}

type SaveOptions = NonNullable<Parameters<PDFDocument['save']>[0]>;

/**
 * `doc.save(options)` for a document marked with applyProtection(): the same file, with each
 * stream encrypted into the output once it is written instead of all of them beforehand.
 */
export async function saveProtected(doc: PDFDocument, options: SaveOptions, deadline?: Deadline): Promise<Uint8Array> {
  const key = fileKey(doc);
  const proto = writerPrototype();
  const subtle = globalThis.crypto?.subtle;
  if (!key || !proto || !subtle) return doc.save(options);

  const cryptoKey = await subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'AES-CBC' }, false, ['encrypt']);
  const reserved: Reserved[] = [];
  const streams: PDFStream[] = [];
  saving.set(doc.context, reserved);
  patchedStreams.set(doc.context, streams);
  if (active++ === 0) {
    original = proto.encrypt;
    proto.encrypt = reservingEncrypt;
  }
  let out: Uint8Array;
  try {
    out = await doc.save(options);
  } finally {
    if (--active === 0 && original) {
      proto.encrypt = original;
      original = undefined;
    }
    saving.delete(doc.context);
    patchedStreams.delete(doc.context);
    for (const s of streams) {
      delete (s as { getContentsSize?: unknown }).getContentsSize;
      delete (s as { copyBytesInto?: unknown }).copyBytesInto;
    }
  }
  await encryptInPlace(out, reserved, cryptoKey, deadline);
  return out;
}

/**
 * Plain bytes Web Crypto encrypts per call. AES-CBC chains: the piece after a piece is encrypted
 * with the last cipher block before it as its IV, and the padding block Web Crypto appends to every
 * call is dropped for all but the last piece, so the result is byte for byte one CBC encryption of
 * the stream. What a call leaves behind (its copy of the input and its output) is then at most one
 * piece instead of the whole stream: encrypting 25 MB of scans in one call per stream left as
 * much garbage behind as the output itself until the next garbage collection.
 */
export const ENCRYPT_PIECE = 64 * 1024;

async function encryptInPlace(out: Uint8Array, reserved: Reserved[], key: CryptoKey, deadline: Deadline | undefined): Promise<void> {
  for (let i = 0; i < reserved.length; i++) {
    const { at, plain } = reserved[i]!;
    reserved[i] = undefined as never; // each stream's plain bytes may go once it is written
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
    out.set(iv, at);
    const written = await encryptCbcInto(out, at + IV_BYTES, plain, iv, key);
    if (written !== encryptedLength(plain.length) - IV_BYTES) {
      throw new Error(`encryption gave ${written} bytes for ${plain.length}, expected ${encryptedLength(plain.length) - IV_BYTES}`);
    }
    if (deadline && i % 256 === 255) deadline.check('encrypting');
  }
}

/**
 * AES-CBC with PKCS#7 padding of `plain` under `iv`, written into `out` from `offset` piece by
 * piece (ENCRYPT_PIECE). Returns the number of cipher bytes written (IV not included).
 */
export async function encryptCbcInto(out: Uint8Array, offset: number, plain: Uint8Array, iv: Uint8Array, key: CryptoKey, piece = ENCRYPT_PIECE): Promise<number> {
  const subtle = globalThis.crypto.subtle;
  if (piece <= 0 || piece % 16 !== 0) throw new Error(`piece size ${piece} is not a positive multiple of the AES block`);
  let chain = iv;
  let pos = 0;
  let written = 0;
  for (;;) {
    const last = plain.length - pos <= piece;
    const end = last ? plain.length : pos + piece;
    // Web Crypto wants ArrayBuffer-backed views; stream contents are views into the input, or
    // the library's own arrays. Copy only what lives elsewhere (a SharedArrayBuffer).
    const view = plain.subarray(pos, end);
    const data = view.buffer instanceof ArrayBuffer ? (view as Uint8Array<ArrayBuffer>) : new Uint8Array(view);
    const result = await subtle.encrypt({ name: 'AES-CBC', iv: chain as Uint8Array<ArrayBuffer> }, key, data);
    const cipher = new Uint8Array(result);
    // All but the last piece: the whole blocks of this piece, without the padding block after them.
    const keep = last ? cipher.length : end - pos;
    out.set(cipher.subarray(0, keep), offset + written);
    written += keep;
    if (last) {
      releaseBuffer(result);
      return written;
    }
    chain = cipher.slice(keep - 16, keep);
    releaseBuffer(result);
    pos = end;
  }
}

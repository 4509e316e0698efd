// Memory: pdf-lib's parser copies every stream out of the input (`ByteStream.slice` uses
// Uint8Array#slice), so a 25 MB scan-heavy PDF is held twice before any work starts. While our
// own load runs, stream contents are made views into the input instead (`subarray`). Safe
// because pdf-lib never writes into stream contents in place (decryption, encryption and
// re-encoding all allocate new arrays) and the input outlives the document. Scoped: the
// original method is restored when the load settles. If pdf-lib's internals change shape, the
// patch is skipped and loading simply copies as before.
import { PDFContext, PDFObjectParser } from '@cantoo/pdf-lib';

interface ByteStreamLike {
  bytes: Uint8Array;
  slice(start: number, end: number): Uint8Array;
}

let proto: ByteStreamLike | undefined | null;

function byteStreamPrototype(): ByteStreamLike | null {
  if (proto !== undefined) return proto;
  try {
    const probe = PDFObjectParser.forBytes(new Uint8Array(1), PDFContext.create()) as unknown as { bytes?: unknown };
    const stream = probe.bytes as ByteStreamLike | undefined;
    const p = stream ? (Object.getPrototypeOf(stream) as ByteStreamLike) : null;
    proto = p && typeof p.slice === 'function' && stream?.bytes instanceof Uint8Array ? p : null;
  } catch {
    proto = null;
  }
  return proto;
}

function viewSlice(this: ByteStreamLike, start: number, end: number): Uint8Array {
  return this.bytes.subarray(start, end);
}

let active = 0;
let original: ((start: number, end: number) => Uint8Array) | undefined;

/** Run `load` with stream contents as views into the input bytes. */
export async function withZeroCopyParsing<T>(load: () => Promise<T>): Promise<T> {
  const p = byteStreamPrototype();
  if (!p) return load();
  // Nested or concurrent loads share one patch; the last to finish restores the original.
  if (active++ === 0) {
    original = p.slice;
    p.slice = viewSlice;
  }
  try {
    return await load();
  } finally {
    if (--active === 0 && original) {
      p.slice = original;
      original = undefined;
    }
  }
}

// Giving a large buffer's memory back at once instead of at the next garbage collection, which
// for buffers (held outside the JavaScript heap) may come only after several more documents'
// worth has been allocated. A detached ArrayBuffer no longer holds its bytes: every view on it
// reads as empty from then on, so this is only for buffers nothing will read again.

/** Detach `buffer` (its memory goes now). No-op where ArrayBuffer#transfer does not exist. */
export function releaseBuffer(buffer: ArrayBufferLike): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.detached) return;
  (buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer }).transfer?.(0);
}

/**
 * Release the memory behind `bytes` when they are the whole of their buffer; a view on part of
 * a larger buffer is left alone (other data lives there). True when released.
 */
export function releaseBytes(bytes: Uint8Array): boolean {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.detached || bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return false;
  releaseBuffer(buffer);
  return buffer.detached;
}

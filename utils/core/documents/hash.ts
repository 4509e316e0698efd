// SHA-256 of an attachment's original bytes: the identity a client's approval refers to
// (contracts §3). Web Crypto exists in Node 24, browsers and extension contexts alike.

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // subtle.digest wants an ArrayBuffer-backed view; copy only when the bytes live elsewhere
  // (e.g. a SharedArrayBuffer), so the common case hashes without an extra allocation.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', view);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

// SHA-256 of an attachment's original bytes: the identity a client's approval refers to
// (contracts §3), and of the PDF that is sent. Web Crypto exists in Node 24, browsers and
// extension contexts alike, but its digest takes a copy of the whole input first (Node and
// Chromium both copy the buffer before hashing): for a 25 MB scan that is one more copy of the
// document at the moment the pipeline holds the most (issue 11: peak memory). Large inputs are
// therefore hashed in place, 1 MiB at a time, by @noble/hashes (audited, no dependencies): about
// 4× slower than the native digest (≈ 0.2 s for 23 MB), without the copy. Small ones, the
// common case, keep the native digest.
import { sha256 } from '@noble/hashes/sha2.js';

/** From this size on the bytes are hashed in place (no copy). */
export const IN_PLACE_HASH_BYTES = 4 * 1024 * 1024;
const CHUNK = 1024 * 1024;

function hex(digest: Uint8Array): string {
  let out = '';
  for (const b of digest) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  if (bytes.length >= IN_PLACE_HASH_BYTES) {
    const hash = sha256.create();
    for (let at = 0; at < bytes.length; at += CHUNK) hash.update(bytes.subarray(at, at + CHUNK));
    return hex(hash.digest());
  }
  // subtle.digest wants an ArrayBuffer-backed view; copy only when the bytes live elsewhere
  // (e.g. a SharedArrayBuffer).
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', view)));
}

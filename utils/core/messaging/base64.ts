// Bytes ↔ base64 for runtime messages (which are JSON-serialised and cannot carry a Uint8Array).
// Uses the native Uint8Array.fromBase64/toBase64 where the engine has them, else btoa/atob in
// chunks (a single String.fromCharCode(...bytes) overflows the call stack on large files).

const CHUNK = 0x8000;

interface Base64Native {
  fromBase64?: (s: string) => Uint8Array;
}

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Throws on input that is not base64 (callers turn that into a one-line error). */
export function base64ToBytes(b64: string): Uint8Array {
  const native = (Uint8Array as unknown as Base64Native).fromBase64;
  if (typeof native === 'function') return native(b64);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// The wire between the MAIN-world bridge (page side, untrusted) and the isolated content script.
// Both sides import this file; it holds only names, message shapes and the release MAC, so the
// bridge stays tiny and carries no policy logic.
//
// Transport: CustomEvents on `window` whose `detail` is a JSON string (strings cross the
// world boundary unchanged in every browser; objects do not).
//
// Trust: the page can read and forge every event here. Only one thing is authenticated: a
// release of exactly one send, which carries a fresh nonce and HMAC-SHA256(secret, nonce|composeId).
// The secret travels once, at document_start, before any page script exists (see handshake below).

/** Bridge → content script, once at start: "I am here, give me the key". */
export const EV_BRIDGE_READY = 'reportguard:bridge-ready';
/** Content script → bridge, once: the shared secret (hex). */
export const EV_BRIDGE_KEY = 'reportguard:bridge-key';
/** Bridge → content script: facts and results (BridgeToContent, JSON). */
export const EV_TO_CONTENT = 'reportguard:to-content';
/** Content script → bridge: commands (ContentToBridge, JSON). */
export const EV_TO_BRIDGE = 'reportguard:to-bridge';
/** DOM marker the bridge sets when it ran before the content script (the key is then sent at once). */
export const BRIDGE_MARKER_ATTR = 'data-reportguard-bridge';

export type BridgeToContent =
  /** rcmail was found and hooked (beforesend + submit_messageform + form.submit guard). */
  | { type: 'hooked'; composeId: string; action: string }
  /** A send was attempted and stopped; the content script should run the check. */
  | { type: 'send-attempt'; via: 'beforesend' | 'submit_messageform' | 'form.submit' }
  /** An attachment appeared or finished uploading (rcmail events). */
  | { type: 'file'; event: 'fileappended' | 'fileuploaded'; name: string; uploadId: string | null }
  | { type: 'upload-result'; reqId: string; ok: boolean; name?: string; error?: string }
  | { type: 'remove-result'; reqId: string; ok: boolean; error?: string }
  /** Answer to a release: whether the one released send reached form.submit(). */
  | { type: 'released'; nonce: string; ok: boolean; error?: string }
  | { type: 'facts'; reqId: string; composeId: string | null; htmlMode: boolean; bodyText: string | null };

export type ContentToBridge =
  | { type: 'release'; composeId: string; nonce: string; mac: string }
  | { type: 'upload'; reqId: string; name: string; mime: string; bytesB64: string }
  | { type: 'remove'; reqId: string; name: string }
  | { type: 'facts'; reqId: string };

/** `released.error` when rcmail ran the send command but its own input check stopped it. */
export const WEBMAIL_DECLINED = 'webmail-check';

/** The exact bytes the release MAC covers. */
export function releaseMacInput(nonce: string, composeId: string): Uint8Array {
  return new TextEncoder().encode(`${nonce}|${composeId}`);
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function randomHex(byteCount: number): string {
  const b = new Uint8Array(byteCount);
  crypto.getRandomValues(b);
  return toHex(b);
}

/** HMAC key from the hex secret (content-script side; the bridge keeps its own captured copy of subtle). */
export async function importReleaseKey(secretHex: string, subtle: SubtleCrypto = crypto.subtle): Promise<CryptoKey> {
  const raw = fromHex(secretHex);
  if (!raw || raw.length < 16) throw new Error('release secret malformed');
  return subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

export async function signRelease(key: CryptoKey, nonce: string, composeId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, releaseMacInput(nonce, composeId) as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(mac));
}

/** Parse a JSON event detail defensively: the page can send anything. */
export function parseDetail<T extends { type: string }>(detail: unknown): T | null {
  if (typeof detail !== 'string' || detail.length > 60_000_000) return null;
  try {
    const v: unknown = JSON.parse(detail);
    return v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string' ? (v as T) : null;
  } catch {
    return null;
  }
}

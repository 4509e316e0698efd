// OpenPGP-signed policy bundles (contracts §1 `policy sign` / `policy verify`).
// Format: an OpenPGP cleartext-signed message (RFC 9580 §7) whose text is the policy JSON, or the
// policy JSON as it is plus a detached armored signature (`policy sign --detached` → P.asc).
// Keys may be v4 or v6 (RFC 9580); openpgp.js 6 handles both.
// Why cleartext: the policy stays readable in the file, `gpg --verify policy.json.signed` works
// without ReportGuard, and the extension can verify the same file with openpgp.js.
// openpgp is large: it is imported only when a signature is made or checked.
import { oneLine } from '../errors.ts';

export type VerifyResult =
  | { ok: true; text: string; keyId: string; fingerprint: string }
  | { ok: false; reason: string };

export class KeyError extends Error {}

async function openpgp() {
  return await import('openpgp');
}

/** The unencrypted private key to sign with; KeyError for anything else. */
async function signingKey(armoredPrivateKey: string) {
  const pgp = await openpgp();
  let key;
  try {
    key = await pgp.readPrivateKey({ armoredKey: armoredPrivateKey });
  } catch (e) {
    throw new KeyError(`not an armored OpenPGP private key (${oneLine(e)})`);
  }
  if (!key.isDecrypted()) throw new KeyError('the private key is protected with a passphrase; export it unencrypted for signing');
  return { pgp, key };
}

/** Sign the policy text with an unencrypted armored private key. Throws KeyError for an unusable key. */
export async function signPolicyText(text: string, armoredPrivateKey: string): Promise<string> {
  const { pgp, key } = await signingKey(armoredPrivateKey);
  const message = await pgp.createCleartextMessage({ text });
  return await pgp.sign({ message, signingKeys: key, format: 'armored' });
}

/** A detached armored signature over the exact bytes of `text` (UTF-8). */
export async function signPolicyDetached(text: string, armoredPrivateKey: string): Promise<string> {
  const { pgp, key } = await signingKey(armoredPrivateKey);
  const message = await pgp.createMessage({ binary: new TextEncoder().encode(text) });
  return await pgp.sign({ message, signingKeys: key, detached: true, format: 'armored' });
}

/**
 * An armored key as an admin may have had to write it into one registry or plist string: line
 * breaks as `\n` or as spaces. Rebuilt into armor openpgp.js reads (header lines such as
 * `Comment:` can't be told from the key data without their line breaks: leave them out).
 */
export function normaliseArmoredKey(text: string): string {
  const s = text.replace(/\\r\\n|\\n/g, '\n').trim();
  if (s.includes('\n')) return s;
  const m = /^(-----BEGIN PGP (?:PUBLIC|PRIVATE) KEY BLOCK-----)(.*?)(-----END PGP (?:PUBLIC|PRIVATE) KEY BLOCK-----)$/.exec(s);
  if (!m) return s;
  const body = m[2]!.trim().split(/\s+/).filter(Boolean);
  return `${m[1]}\n\n${body.join('\n')}\n${m[3]}\n`;
}

/** Read a public key (a private key is accepted too: its public part is used). */
export async function readVerificationKey(armored: string) {
  const pgp = await openpgp();
  try {
    return await pgp.readKey({ armoredKey: normaliseArmoredKey(armored) });
  } catch (e) {
    throw new KeyError(`not an armored OpenPGP key (${oneLine(e)})`);
  }
}

/** Check a signed bundle against the given key. Any doubt (tampering, other key, garbage) → ok: false. */
export async function verifySignedPolicy(signed: string, armoredPublicKey: string): Promise<VerifyResult> {
  const key = await readVerificationKey(armoredPublicKey);
  const pgp = await openpgp();
  let message;
  try {
    message = await pgp.readCleartextMessage({ cleartextMessage: signed });
  } catch (e) {
    return { ok: false, reason: `not an OpenPGP cleartext-signed policy (${oneLine(e)})` };
  }
  try {
    const result = await pgp.verify({ message, verificationKeys: key.toPublic(), expectSigned: true });
    const sig = result.signatures[0];
    if (!sig) return { ok: false, reason: 'no signature found' };
    await sig.verified; // throws when the signature does not match
    return {
      ok: true,
      text: message.getText(),
      keyId: sig.keyID.toHex(),
      fingerprint: key.getFingerprint(),
    };
  } catch (e) {
    return { ok: false, reason: oneLine(e) };
  }
}

/** Check a detached signature over `text` (its UTF-8 bytes). Any doubt → ok: false. */
export async function verifyDetachedPolicy(text: string, armoredSignature: string, armoredPublicKey: string): Promise<VerifyResult> {
  const key = await readVerificationKey(armoredPublicKey);
  const pgp = await openpgp();
  let signature;
  try {
    signature = await pgp.readSignature({ armoredSignature });
  } catch (e) {
    return { ok: false, reason: `not an armored OpenPGP signature (${oneLine(e)})` };
  }
  try {
    const message = await pgp.createMessage({ binary: new TextEncoder().encode(text) });
    const result = await pgp.verify({ message, signature, verificationKeys: key.toPublic(), expectSigned: true });
    const sig = result.signatures[0];
    if (!sig) return { ok: false, reason: 'no signature found' };
    await sig.verified;
    return { ok: true, text, keyId: sig.keyID.toHex(), fingerprint: key.getFingerprint() };
  } catch (e) {
    return { ok: false, reason: oneLine(e) };
  }
}

/** Whether a fetched text is a cleartext-signed bundle (else it is policy JSON with a detached signature). */
export function isCleartextSigned(text: string): boolean {
  return text.trimStart().startsWith('-----BEGIN PGP SIGNED MESSAGE-----');
}

// Optional organisation signature over the final PDF bytes: an OpenPGP (v6 API) detached,
// ASCII-armored signature, sent alongside the PDF so a recipient can check it came unaltered
// from the organisation. Lazy-loaded: only callers that sign pay for openpgp.
import { PdfError } from './errors.ts';

type OpenPgp = typeof import('openpgp');
let openpgpLoad: Promise<OpenPgp> | undefined;
const loadOpenPgp = (): Promise<OpenPgp> => (openpgpLoad ??= import('openpgp'));

/** Detached armored signature of `bytes`. The key must be unencrypted (decrypt it beforehand). */
export async function signPdf(bytes: Uint8Array, armoredPrivateKey: string): Promise<string> {
  const openpgp = await loadOpenPgp();
  let key;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: armoredPrivateKey });
  } catch (e) {
    throw new PdfError('unsupported', `signing key cannot be read: ${(e as Error).message}`);
  }
  if (!key.isDecrypted()) throw new PdfError('unsupported', 'signing key is passphrase-protected; decrypt it first');
  const message = await openpgp.createMessage({ binary: bytes });
  return (await openpgp.sign({ message, signingKeys: key, detached: true, format: 'armored' })) as string;
}

/** True only when `signature` is a valid signature of exactly `bytes` by the given public key. */
export async function verifyPdfSignature(bytes: Uint8Array, signature: string, armoredPublicKey: string): Promise<boolean> {
  const openpgp = await loadOpenPgp();
  try {
    const [key, sig, message] = await Promise.all([
      openpgp.readKey({ armoredKey: armoredPublicKey }),
      openpgp.readSignature({ armoredSignature: signature }),
      openpgp.createMessage({ binary: bytes }),
    ]);
    const result = await openpgp.verify({ message, signature: sig, verificationKeys: key, format: 'binary' });
    const first = result.signatures[0];
    if (!first) return false;
    await first.verified; // rejects on a bad signature
    return true;
  } catch {
    return false;
  }
}

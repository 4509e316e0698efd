import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPdf, verifyPdfSignature } from '../../../../../utils/core/documents/pdf/sign.ts';
import { makeTextPdf } from '../../../../helpers/pdf-fixtures.ts';

const gen = (name: string) =>
  openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name, email: `${name}@example.org` }], format: 'armored' });

describe('OpenPGP detached signature of the final PDF', () => {
  let org: { privateKey: string; publicKey: string };
  let other: { privateKey: string; publicKey: string };
  let pdf: Uint8Array;

  beforeAll(async () => {
    [org, other] = await Promise.all([gen('org'), gen('other')]);
    pdf = await makeTextPdf(['Getekend rapport']);
  });

  it('signs armored and verifies with the organisation key', async () => {
    const sig = await signPdf(pdf, org.privateKey);
    expect(sig).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
    expect(await verifyPdfSignature(pdf, sig, org.publicKey)).toBe(true);
  });

  it('rejects a changed PDF, another key, or a garbled signature', async () => {
    const sig = await signPdf(pdf, org.privateKey);
    const changed = pdf.slice();
    changed[changed.length - 20] = (changed[changed.length - 20] ?? 0) ^ 1;
    expect(await verifyPdfSignature(changed, sig, org.publicKey)).toBe(false);
    expect(await verifyPdfSignature(pdf, sig, other.publicKey)).toBe(false);
    expect(await verifyPdfSignature(pdf, 'not a signature', org.publicKey)).toBe(false);
  });

  it('refuses a passphrase-protected key with a clear reason', async () => {
    const locked = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'x' }], passphrase: 'geheim', format: 'armored' });
    await expect(signPdf(pdf, locked.privateKey)).rejects.toMatchObject({ kind: 'unsupported' });
  });
});

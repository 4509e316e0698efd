import { describe, expect, it, beforeAll } from 'vitest';
import { generateKey } from 'openpgp';
import { KeyError, signPolicyText, verifySignedPolicy } from '../../../../utils/core/policy/signature.ts';

const POLICY = JSON.stringify({ version: 1, organisation: 'Focus Nederland', regiokantoren: [] }, null, 2) + '\n';
let key: { privateKey: string; publicKey: string };
let other: { privateKey: string; publicKey: string };

beforeAll(async () => {
  key = await generateKey({ userIDs: [{ name: 'Beheer', email: 'beheer@focus-nederland.nl' }], format: 'armored' });
  other = await generateKey({ userIDs: [{ name: 'Ander', email: 'ander@example.org' }], format: 'armored' });
});

describe('signed policy bundles', () => {
  it('round-trip: the verified text is the policy', async () => {
    const signed = await signPolicyText(POLICY, key.privateKey);
    expect(signed).toContain('-----BEGIN PGP SIGNED MESSAGE-----');
    const r = await verifySignedPolicy(signed, key.publicKey);
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.parse(r.text)).toEqual(JSON.parse(POLICY));
  });

  it('rejects a tampered policy', async () => {
    const signed = await signPolicyText(POLICY, key.privateKey);
    const r = await verifySignedPolicy(signed.replace('Focus Nederland', 'Focus Nederlant'), key.publicKey);
    expect(r.ok).toBe(false);
  });

  it('rejects the signature of another key', async () => {
    const signed = await signPolicyText(POLICY, other.privateKey);
    expect((await verifySignedPolicy(signed, key.publicKey)).ok).toBe(false);
  });

  it('rejects text that is not a signed message', async () => {
    expect((await verifySignedPolicy(POLICY, key.publicKey)).ok).toBe(false);
  });

  it('refuses unusable keys with a KeyError', async () => {
    await expect(signPolicyText(POLICY, 'not a key')).rejects.toBeInstanceOf(KeyError);
    const locked = await generateKey({ userIDs: [{ name: 'X' }], passphrase: 'geheim', format: 'armored' });
    await expect(signPolicyText(POLICY, locked.privateKey)).rejects.toThrow(/passphrase/);
    await expect(verifySignedPolicy('x', 'not a key')).rejects.toBeInstanceOf(KeyError);
  });
});

describe('a pinned key written on one line (registry, plist)', () => {
  it('reads with line breaks as \\n or as spaces', async () => {
    const { normaliseArmoredKey, verifySignedPolicy: verify } = await import('../../../../utils/core/policy/signature.ts');
    const signed = await signPolicyText(POLICY, key.privateKey);
    const escaped = key.publicKey.trim().replace(/\r?\n/g, '\\n');
    const spaced = key.publicKey.trim().replace(/\r?\n/g, ' ');
    expect(escaped).not.toContain('\n');
    expect((await verify(signed, escaped)).ok).toBe(true);
    expect((await verify(signed, spaced)).ok).toBe(true);
    expect(normaliseArmoredKey(key.publicKey)).toBe(key.publicKey.trim());
  });
});

// `reportguard policy validate | sign | verify` (contracts §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey } from 'openpgp';
import { runCli } from '../../helpers/cli.ts';
import { POLICY_RAW } from '../../helpers/engine.ts';

let dir: string;
const p = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rg-policy-'));
  await writeFile(p('policy.json'), JSON.stringify(POLICY_RAW, null, 2) + '\n');
  const key = await generateKey({ userIDs: [{ name: 'Beheer', email: 'beheer@focus-nederland.nl' }], format: 'armored' });
  const other = await generateKey({ userIDs: [{ name: 'Ander' }], format: 'armored' });
  await writeFile(p('private.asc'), key.privateKey);
  await writeFile(p('public.asc'), key.publicKey);
  await writeFile(p('other.asc'), other.publicKey);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reportguard policy validate', () => {
  it('prints a summary and exits 0 for a valid policy', async () => {
    const r = await runCli(['policy', 'validate', p('policy.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Focus Nederland: 2 regiokantoren, 3 staff, 6 allowed-recipient entries');
    expect(r.stdout).toContain('utrecht (Regiokantoor Utrecht)');
  });

  it('exits 2 with one line for an invalid policy', async () => {
    await writeFile(p('bad.json'), JSON.stringify({ ...POLICY_RAW, maxAttachmentMB: -5 }));
    const r = await runCli(['policy', 'validate', p('bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad.json: maxAttachmentMB: expected a number above 0, got -5');
  });

  it('exits 2 for usage errors', async () => {
    expect((await runCli(['policy', 'validate'])).code).toBe(2);
    expect((await runCli(['policy', 'frob'])).code).toBe(2);
    expect((await runCli(['policy'])).code).toBe(2);
  });
});

describe('reportguard policy sign / verify', () => {
  it('signs to P.signed and verifies with the public key', async () => {
    const s = await runCli(['policy', 'sign', p('policy.json'), '--key', p('private.asc')]);
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const signed = await readFile(p('policy.json.signed'), 'utf8');
    expect(signed).toContain('-----BEGIN PGP SIGNATURE-----');
    const v = await runCli(['policy', 'verify', p('policy.json.signed'), '--key', p('public.asc'), '--out', p('extracted.json')]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('signature ok');
    expect(JSON.parse(await readFile(p('extracted.json'), 'utf8'))).toEqual(POLICY_RAW);
  });

  it('exits 5 for a tampered bundle or the wrong key', async () => {
    await runCli(['policy', 'sign', p('policy.json'), '--key', p('private.asc'), '--out', p('t.signed')]);
    const signed = await readFile(p('t.signed'), 'utf8');
    await writeFile(p('tampered.signed'), signed.replace('"maxAttachmentMB": 25', '"maxAttachmentMB": 250'));
    const t = await runCli(['policy', 'verify', p('tampered.signed'), '--key', p('public.asc')]);
    expect(t.code).toBe(5);
    expect(t.stderr).toMatch(/bad signature/);
    expect(t.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect((await runCli(['policy', 'verify', p('t.signed'), '--key', p('other.asc')])).code).toBe(5);
    expect((await runCli(['policy', 'verify', p('policy.json'), '--key', p('public.asc')])).code).toBe(5);
  });

  it('exits 2 for usage errors and unusable keys', async () => {
    expect((await runCli(['policy', 'sign', p('policy.json')])).code).toBe(2);
    expect((await runCli(['policy', 'sign', p('policy.json'), '--key', p('missing.asc')])).code).toBe(2);
    expect((await runCli(['policy', 'sign', p('policy.json'), '--key', p('policy.json')])).code).toBe(2);
    expect((await runCli(['policy', 'verify', p('policy.json.signed')])).code).toBe(2);
    await writeFile(p('bad.json'), '{"version": 1');
    expect((await runCli(['policy', 'sign', p('bad.json'), '--key', p('private.asc')])).code).toBe(2);
  });
});

/** The file with one byte changed at `offset` (a digit becomes another digit, anything else an 'x'). */
async function flipByte(from: string, to: string, offset: number) {
  const bytes = await readFile(p(from));
  bytes[offset] = bytes[offset] === 0x33 ? 0x34 : bytes[offset]! >= 0x30 && bytes[offset]! <= 0x39 ? 0x33 : 0x78;
  await writeFile(p(to), bytes);
}

describe('reportguard policy sign / verify: v6 keys, detached signatures, tampering, rollback', () => {
  beforeAll(async () => {
    const v6 = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Beheer' }], format: 'armored', config: { v6Keys: true } });
    await writeFile(p('v6-private.asc'), v6.privateKey);
    await writeFile(p('v6-public.asc'), v6.publicKey);
    await writeFile(p('v3.json'), JSON.stringify({ ...POLICY_RAW, version: 3 }, null, 2) + '\n');
  });

  it('cleartext round trip with a v6 key, and one changed byte anywhere in the policy text fails', async () => {
    expect((await runCli(['policy', 'sign', p('v3.json'), '--key', p('v6-private.asc'), '--out', p('v3.signed')])).code).toBe(0);
    const ok = await runCli(['policy', 'verify', p('v3.signed'), '--key', p('v6-public.asc')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('version: 3');
    const text = await readFile(p('v3.signed'), 'utf8');
    const at = text.indexOf('"version": 3') + '"version": '.length;
    await flipByte('v3.signed', 'v3-flipped.signed', at);
    const flipped = await runCli(['policy', 'verify', p('v3-flipped.signed'), '--key', p('v6-public.asc')]);
    expect(flipped.code).toBe(5);
    expect(flipped.stderr.trimEnd().split('\n')).toHaveLength(1);
    // A changed byte in the signature block itself.
    const sigAt = text.indexOf('-----BEGIN PGP SIGNATURE-----') + '-----BEGIN PGP SIGNATURE-----\n\n'.length + 10;
    await flipByte('v3.signed', 'v3-badsig.signed', sigAt);
    expect((await runCli(['policy', 'verify', p('v3-badsig.signed'), '--key', p('v6-public.asc')])).code).toBe(5);
  });

  it('detached: sign --detached writes P.asc; verify --signature checks the exact bytes', async () => {
    const s = await runCli(['policy', 'sign', p('v3.json'), '--key', p('v6-private.asc'), '--detached']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('v3.json.asc');
    expect(await readFile(p('v3.json.asc'), 'utf8')).toContain('-----BEGIN PGP SIGNATURE-----');
    expect((await runCli(['policy', 'verify', p('v3.json'), '--signature', p('v3.json.asc'), '--key', p('v6-public.asc')])).code).toBe(0);
    const json = await readFile(p('v3.json'), 'utf8');
    await flipByte('v3.json', 'v3-flipped.json', json.indexOf('25'));
    const t = await runCli(['policy', 'verify', p('v3-flipped.json'), '--signature', p('v3.json.asc'), '--key', p('v6-public.asc')]);
    expect(t.code).toBe(5);
    expect(t.stderr).toMatch(/bad signature/);
    expect((await runCli(['policy', 'verify', p('v3.json'), '--signature', p('v3.json.asc'), '--key', p('public.asc')])).code).toBe(5);
  });

  it('another key’s signature fails in both forms', async () => {
    await runCli(['policy', 'sign', p('v3.json'), '--key', p('private.asc'), '--out', p('v3-v4key.signed')]);
    expect((await runCli(['policy', 'verify', p('v3-v4key.signed'), '--key', p('v6-public.asc')])).code).toBe(5);
  });

  it('--min-version refuses an older policy even with a good signature (the extension’s rollback rule)', async () => {
    expect((await runCli(['policy', 'verify', p('v3.signed'), '--key', p('v6-public.asc'), '--min-version', '3'])).code).toBe(0);
    const old = await runCli(['policy', 'verify', p('v3.signed'), '--key', p('v6-public.asc'), '--min-version', '4']);
    expect(old.code).toBe(5);
    expect(old.stderr).toBe(`reportguard: ${p('v3.signed')}: version 3 is older than 4 (rollback refused)\n`);
    expect((await runCli(['policy', 'verify', p('v3.signed'), '--key', p('v6-public.asc'), '--min-version', 'x'])).code).toBe(2);
    expect((await runCli(['policy', 'sign', p('v3.json'), '--key', p('v6-private.asc'), '--detached=yes'])).code).toBe(2);
  });
});

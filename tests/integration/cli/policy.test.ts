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

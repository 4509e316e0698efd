import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPolicy, readPolicyState } from '../../../../utils/browser/storage/effective-policy.ts';
import { loadPolicyFile } from '../../../../utils/browser/storage/load.ts';
import { policyEditsItem, policyItem } from '../../../../utils/browser/storage/items.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const ADD_GMAIL = { op: 'add', regio: 'utrecht', list: 'allowedRecipients', value: 'gmail.com' } as const;
const managedPolicy = (patch: Record<string, unknown> = {}) => ({ ...structuredClone(POLICY_RAW), organisation: 'Focus (beheerd)', version: 5, ...patch });

async function whitelist() {
  const p = await readPolicy();
  if (p.state !== 'loaded') throw new Error(JSON.stringify(p));
  return p.value.regiokantoren[0]!.allowedRecipients;
}

describe('the effective policy in the browser', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without management: the local file and the admin’s edits', async () => {
    expect((await readPolicy()).state).toBe('none');
    expect((await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json')).ok).toBe(true);
    await policyEditsItem.setValue({ changes: [ADD_GMAIL], updatedAt: '2026-11-30T10:00:00Z' });
    expect(await whitelist()).toContain('gmail.com');
    const p = await readPolicy();
    expect(p.state === 'loaded' && p.summary).toMatchObject({ source: 'local-file', version: 1, localEdits: 1, fileName: 'policy.json' });
    expect((await readPolicyState()).mode).toBe('admin');
  });

  it('loading a new file replaces the edits made on the old one', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    await policyEditsItem.setValue({ changes: [ADD_GMAIL], updatedAt: '2026-11-30T10:00:00Z' });
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy-2.json');
    expect(await policyEditsItem.getValue()).toBeNull();
    expect(await whitelist()).not.toContain('gmail.com');
  });

  it('a managed inline policy wins over the local file, which can no longer be loaded', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    await fakeBrowser.storage.managed.set({ policy: managedPolicy() });
    const p = await readPolicy();
    expect(p.state === 'loaded' && p.summary).toMatchObject({ organisation: 'Focus (beheerd)', source: 'managed', version: 5 });
    const refused = await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    expect(refused).toEqual({ ok: false, error: 'policy.json: not loaded: the policy is managed by your organisation' });
    expect((await readPolicyState()).mode).toBe('staff');
  });

  it('staff mode: local edits and a local file are not read, even written straight into storage', async () => {
    await fakeBrowser.storage.managed.set({ policy: managedPolicy({ allowLocalEdits: ['allowedRecipients'] }) });
    await policyEditsItem.setValue({ changes: [ADD_GMAIL], updatedAt: '2026-11-30T10:00:00Z' });
    await policyItem.setValue({ data: { ...POLICY_RAW, organisation: 'Staff' }, fileName: 'x.json', sha256: '0'.repeat(64), loadedAt: '2026-11-30T10:00:00Z' });
    expect(await whitelist()).not.toContain('gmail.com');
    expect((await readPolicy()).state === 'loaded' && ((await readPolicy()) as any).summary.organisation).toBe('Focus (beheerd)');
  });

  it('admin mode on a managed policy: edits where allowLocalEdits says so', async () => {
    await fakeBrowser.storage.managed.set({ adminMode: true, policy: managedPolicy({ allowLocalEdits: ['allowedRecipients'] }) });
    await policyEditsItem.setValue({ changes: [ADD_GMAIL, { op: 'remove-regio', regio: 'zwolle' }], updatedAt: '2026-11-30T10:00:00Z' });
    expect(await whitelist()).toContain('gmail.com');
    const state = await readPolicyState();
    expect(state.effective.state === 'loaded' && state.effective.policy.regiokantoren).toHaveLength(2);
    expect(state.effective.state === 'loaded' && state.effective.skipped).toEqual([{ change: { op: 'remove-regio', regio: 'zwolle' }, why: 'not-allowed' }]);
  });

  it('staff mode without a managed policy has no policy at all (fail closed), not the local file', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    await fakeBrowser.storage.managed.set({ adminMode: false });
    expect((await readPolicyState()).effective).toEqual({ state: 'none', reason: 'staff mode and no managed policy' });
    expect(await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json')).toEqual({ ok: false, error: 'policy.json: not loaded: this browser is in staff mode' });
  });

  it('an invalid managed policy blocks (fail closed) rather than falling back to the local file', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    await fakeBrowser.storage.managed.set({ policy: { version: 1, organisation: 'X', regiokantoren: [] } });
    expect(await readPolicy()).toEqual({ state: 'invalid', error: 'managed storage: policy: regiokantoren: expected at least one entry, got a list of 0' });
  });

  it('a policy URL not yet fetched: no policy, with the reason', async () => {
    await loadPolicyFile(JSON.stringify(POLICY_RAW), 'policy.json');
    await fakeBrowser.storage.managed.set({ policyUrl: 'https://beleid.example.nl/p.signed', policySignerKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\nx\n-----END PGP PUBLIC KEY BLOCK-----' });
    expect((await readPolicyState()).effective).toEqual({ state: 'none', reason: 'no signed policy accepted yet from https://beleid.example.nl/p.signed' });
  });
});

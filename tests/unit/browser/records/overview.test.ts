// The popup's state at a glance (utils/browser/records/overview.ts): the effective policy with
// where it comes from, and a refused signed policy told to the admin while the last good one stays.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { readOverview } from '../../../../utils/browser/records/overview.ts';
import { createRecordsStore } from '../../../../utils/browser/storage/records-store.ts';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { policyFetchItem, signedPolicyItem } from '../../../../utils/browser/storage/items.ts';
import { POLICY_RAW } from '../../../helpers/engine.ts';

const POLICY_URL = 'https://beleid.example.nl/p.signed';
const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\nx\n-----END PGP PUBLIC KEY BLOCK-----';
const NOW = new Date('2026-11-30T12:00:00Z');

function stores() {
  const target = { factory: new IDBFactory(), name: 'test' };
  return { store: createRecordsStore(target), audit: createAuditStore(target) };
}

describe('overview', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows the signed policy in force and, after a refused fetch, the refusal', async () => {
    await fakeBrowser.storage.managed.set({ policyUrl: POLICY_URL, policySignerKey: KEY });
    await signedPolicyItem.setValue({ url: POLICY_URL, data: { ...structuredClone(POLICY_RAW), version: 7 }, version: 7, sha256: 'ab'.repeat(32), fingerprint: 'f', acceptedAt: '2026-11-30T10:00:00Z' });
    const { store, audit } = stores();
    let o = await readOverview(store, audit, NOW);
    expect(o.policy).toMatchObject({ version: 7, source: POLICY_URL });
    expect(o.policyRefused).toBeNull();

    await policyFetchItem.setValue({ url: POLICY_URL, at: '2026-11-30T11:00:00Z', ok: false, error: 'policy version 6 is older than the accepted version 7', offeredVersion: 6 });
    o = await readOverview(store, audit, NOW);
    expect(o.policy).toMatchObject({ version: 7 });
    expect(o.policyRefused).toBe('policy version 6 is older than the accepted version 7');
  });

  it('a refusal for another URL than the managed one is not shown', async () => {
    await fakeBrowser.storage.managed.set({ policyUrl: POLICY_URL, policySignerKey: KEY });
    await policyFetchItem.setValue({ url: 'https://old.example.nl/p.signed', at: '2026-11-30T11:00:00Z', ok: false, error: 'bad signature' });
    const { store, audit } = stores();
    const o = await readOverview(store, audit, NOW);
    expect(o.policy).toBeNull();
    expect(o.policyRefused).toBeNull();
  });
});

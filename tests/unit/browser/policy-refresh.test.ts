import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateKey } from 'openpgp';
import { refreshSignedPolicy, type RefreshDeps } from '../../../utils/browser/policy-refresh.ts';
import { parseManaged } from '../../../utils/core/managed/schema.ts';
import { policyFetchItem, signedPolicyItem } from '../../../utils/browser/storage/items.ts';
import { readPolicyState } from '../../../utils/browser/storage/effective-policy.ts';
import { signPolicyDetached, signPolicyText } from '../../../utils/core/policy/signature.ts';
import { POLICY_RAW } from '../../helpers/engine.ts';

const POLICY_URL = 'https://beleid.example.nl/policy.json.signed';
const policyText = (version: number, patch: Record<string, unknown> = {}) => `${JSON.stringify({ ...POLICY_RAW, version, ...patch }, null, 2)}\n`;

let key: { privateKey: string; publicKey: string };
let other: { privateKey: string; publicKey: string };
beforeAll(async () => {
  // RFC 9580 v6 keys, as a firm generating a key today would get them.
  key = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Beheer', email: 'beheer@focus-nederland.nl' }], format: 'armored', config: { v6Keys: true } });
  other = await generateKey({ type: 'curve25519', userIDs: [{ name: 'Ander' }], format: 'armored', config: { v6Keys: true } });
});

/** A policy server: path → body (or an HTTP status). */
function server(files: Map<string, string | number>) {
  const requests: string[] = [];
  const fetch: RefreshDeps['fetch'] = async (url) => {
    requests.push(url);
    const body = files.get(url);
    if (body === undefined) return new Response('not found', { status: 404 });
    if (typeof body === 'number') return new Response('error', { status: body });
    return new Response(body, { status: 200 });
  };
  return { fetch, requests };
}

function deps(files: Map<string, string | number>, managed: Record<string, unknown> = { policyUrl: POLICY_URL, policySignerKey: key.publicKey }) {
  const audit: { type: string; data: Record<string, unknown> }[] = [];
  const srv = server(files);
  const d: RefreshDeps = {
    readManaged: async () => parseManaged(managed),
    fetch: srv.fetch,
    audit: async (type, data) => audit.push({ type, data: data as Record<string, unknown> }),
    now: () => new Date('2026-11-30T10:00:00Z'),
  };
  return { d, audit, requests: srv.requests };
}

async function acceptedVersion() {
  return (await signedPolicyItem.getValue())?.version ?? null;
}

describe('signed policy from the managed URL', () => {
  beforeEach(() => fakeBrowser.reset());

  it('does nothing without a policy URL', async () => {
    const { d, requests } = deps(new Map(), {});
    expect(await refreshSignedPolicy(d)).toEqual({ kind: 'not-configured' });
    expect(requests).toEqual([]);
  });

  it('accepts a good cleartext-signed policy, audits it, and it becomes the effective policy', async () => {
    const files = new Map([[POLICY_URL, await signPolicyText(policyText(2), key.privateKey)]]);
    const { d, audit } = deps(files);
    expect(await refreshSignedPolicy(d)).toEqual({ kind: 'accepted', version: 2 });
    expect(audit).toEqual([{ type: 'policy-accepted', data: expect.objectContaining({ url: POLICY_URL, version: 2, previousVersion: null }) }]);
    await fakeBrowser.storage.managed.set({ policyUrl: POLICY_URL, policySignerKey: key.publicKey });
    const state = await readPolicyState();
    expect(state.mode).toBe('staff');
    expect(state.effective).toMatchObject({ state: 'loaded', source: 'signed-url', origin: POLICY_URL, policy: { version: 2 } });
    // The same bytes again: nothing new to accept or audit.
    expect(await refreshSignedPolicy(d)).toEqual({ kind: 'unchanged', version: 2 });
    expect(audit).toHaveLength(1);
  });

  it('accepts the policy JSON with a detached signature at <url>.asc', async () => {
    const text = policyText(3);
    const files = new Map([[POLICY_URL, text], [`${POLICY_URL}.asc`, await signPolicyDetached(text, key.privateKey)]]);
    expect(await refreshSignedPolicy(deps(files).d)).toEqual({ kind: 'accepted', version: 3 });
  });

  it.each([
    ['one byte changed', async () => (await signPolicyText(policyText(4), key.privateKey)).replace('"maxAttachmentMB": 25', '"maxAttachmentMB": 95'), /^bad signature/],
    ['signed by another key', async () => signPolicyText(policyText(4), other.privateKey), /^bad signature/],
    ['no signature at all', async () => policyText(4), /^no detached signature: .*HTTP 404/],
    ['an older version, signed well', async () => signPolicyText(policyText(1), key.privateKey), /^version 1 is older than the accepted version 2 \(rollback refused\)$/],
    ['a signed text that is no valid policy', async () => signPolicyText(policyText(5, { regiokantoren: [] }), key.privateKey), /regiokantoren: expected at least one entry/],
  ])('keeps the last good policy when the server offers %s, and tells the admin once', async (_what, make, reason) => {
    await refreshSignedPolicy(deps(new Map([[POLICY_URL, await signPolicyText(policyText(2), key.privateKey)]])).d);
    const { d, audit } = deps(new Map([[POLICY_URL, await make()]]));
    const r = await refreshSignedPolicy(d);
    expect(r).toMatchObject({ kind: 'rejected', kept: 2 });
    expect(r.kind === 'rejected' && r.error).toMatch(reason);
    expect(await acceptedVersion()).toBe(2);
    expect(await policyFetchItem.getValue()).toMatchObject({ ok: false, url: POLICY_URL, error: expect.stringMatching(reason) });
    expect(audit).toEqual([{ type: 'policy-rejected', data: expect.objectContaining({ url: POLICY_URL, keptVersion: 2, reason: expect.stringMatching(reason) }) }]);
    // The next scheduled fetch finds the same: the admin was told already.
    await refreshSignedPolicy(d);
    expect(audit).toHaveLength(1);
  });

  it('an unreachable or failing server keeps the last good policy', async () => {
    await refreshSignedPolicy(deps(new Map([[POLICY_URL, await signPolicyText(policyText(2), key.privateKey)]])).d);
    const r = await refreshSignedPolicy(deps(new Map([[POLICY_URL, 500]])).d);
    expect(r).toEqual({ kind: 'rejected', error: `${POLICY_URL}: the server answered HTTP 500`, kept: 2 });
    const down = deps(new Map());
    down.d.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await refreshSignedPolicy(down.d)).toMatchObject({ kind: 'rejected', error: `${POLICY_URL}: not reachable (Failed to fetch)` });
    expect(await acceptedVersion()).toBe(2);
  });

  it('without a pinned key nothing is accepted (and the policy stays missing: fail closed)', async () => {
    const files = new Map([[POLICY_URL, await signPolicyText(policyText(2), key.privateKey)]]);
    const { d } = deps(files, { policyUrl: POLICY_URL });
    expect(await refreshSignedPolicy(d)).toMatchObject({ kind: 'rejected', error: 'no policySignerKey is configured, so no signed policy can be accepted' });
    await fakeBrowser.storage.managed.set({ policyUrl: POLICY_URL });
    expect((await readPolicyState()).effective).toEqual({ state: 'none', reason: 'managed storage: policyUrl is set but policySignerKey is not: no signed policy can be accepted' });
  });

  it('a newer good version replaces the old one', async () => {
    await refreshSignedPolicy(deps(new Map([[POLICY_URL, await signPolicyText(policyText(2), key.privateKey)]])).d);
    const { d, audit } = deps(new Map([[POLICY_URL, await signPolicyText(policyText(7), key.privateKey)]]));
    expect(await refreshSignedPolicy(d)).toEqual({ kind: 'accepted', version: 7 });
    expect(audit[0]!.data).toMatchObject({ version: 7, previousVersion: 2 });
  });
});

// The policy the send check uses: managed configuration, the accepted signed policy, the local
// file and the local edits, put in layers by utils/core/policy/layers.ts, validated on every read.
// The service worker keeps what it read until storage changes (entrypoints/background/input-cache.ts).
import { layerPolicy, pickBase, type BasePolicy, type Effective, type Mode } from '../../core/policy/layers.ts';
import type { Policy } from '../../core/policy/schema.ts';
import { readManaged, modeOf, policyIsManaged, type ManagedRead } from './managed.ts';
import { policyEditsItem, policyItem, signedPolicyItem, policyFetchItem, type PolicyFetchStatus, type AcceptedSignedPolicy, type StoredFile } from './items.ts';
import type { Loaded, PolicySummary } from './load.ts';

export interface PolicyState {
  effective: Effective;
  /** The policy underneath the local edits (layer 2), when there is one. */
  base: BasePolicy | null;
  mode: Mode;
  managed: ManagedRead;
  /** The local file as stored (shown on the options page even when a managed policy overrides it). */
  file: StoredFile | null;
  signed: AcceptedSignedPolicy | null;
  fetch: PolicyFetchStatus | null;
  /** Local edits stored, applied or not. */
  edits: number;
}

function managedBase(read: ManagedRead, signed: AcceptedSignedPolicy | null): { base: BasePolicy | null; missing?: string } {
  const c = read.config;
  const inline: BasePolicy | null = c.policy !== undefined ? { source: 'managed', data: c.policy, origin: 'managed storage: policy' } : null;
  let fromUrl: BasePolicy | null = null;
  let missing: string | undefined;
  if (c.policyUrl !== undefined) {
    if (c.policySignerKey === undefined) missing = 'managed storage: policyUrl is set but policySignerKey is not: no signed policy can be accepted';
    else if (signed && signed.url === c.policyUrl) fromUrl = { source: 'signed-url', data: signed.data, origin: c.policyUrl };
    else missing = `no signed policy accepted yet from ${c.policyUrl}`;
  }
  const base = pickBase(inline, fromUrl);
  if (base) return { base };
  const problem = read.errors.find((e) => /^managed storage: (policy|policyUrl|policySignerKey)\b/.test(e));
  return { base: null, missing: problem ?? missing };
}

export async function readPolicyState(): Promise<PolicyState> {
  const [managed, file, signed, edits, fetch] = await Promise.all([
    readManaged(),
    policyItem.getValue(),
    signedPolicyItem.getValue(),
    policyEditsItem.getValue(),
    policyFetchItem.getValue(),
  ]);
  const mode = modeOf(managed.config);
  let base: BasePolicy | null;
  let missing: string | undefined;
  if (policyIsManaged(managed)) ({ base, missing } = managedBase(managed, signed));
  else if (mode === 'staff') {
    // Staff mode reads nothing stored locally: without a managed policy there is none.
    base = null;
    missing = 'staff mode and no managed policy';
  } else base = file ? { source: 'local-file', data: file.data, origin: file.fileName } : null;
  const effective = layerPolicy({ base, missingReason: missing, edits: edits?.changes ?? [], mode });
  return { effective, base, mode, managed, file, signed, fetch, edits: edits?.changes.length ?? 0 };
}

/** The effective policy in the shape the background's handlers take (utils/browser/storage/load.ts). */
export async function readPolicy(): Promise<Loaded<Policy, PolicySummary>> {
  const state = await readPolicyState();
  const e = state.effective;
  if (e.state === 'none') return { state: 'none' };
  if (e.state === 'invalid') return { state: 'invalid', error: e.error };
  return { state: 'loaded', value: e.policy, summary: summarise(state) };
}

export function summarise(state: PolicyState): PolicySummary {
  const e = state.effective;
  if (e.state !== 'loaded') throw new Error('no policy');
  const when = e.source === 'local-file' ? state.file?.loadedAt : e.source === 'signed-url' ? state.signed?.acceptedAt : undefined;
  return {
    organisation: e.policy.organisation,
    regiokantoren: e.policy.regiokantoren.length,
    fileName: e.origin,
    sha256: e.source === 'local-file' ? (state.file?.sha256 ?? '') : e.source === 'signed-url' ? (state.signed?.sha256 ?? '') : '',
    loadedAt: when ?? '',
    source: e.source,
    version: e.policy.version,
    localEdits: e.applied.length,
  };
}

/** The policy's keepConsentEvidence (keep the signed consent file, not only its hash); false without a policy. */
export async function keepsConsentEvidence(): Promise<boolean> {
  const p = await readPolicy();
  return p.state === 'loaded' && p.value.keepConsentEvidence === true;
}

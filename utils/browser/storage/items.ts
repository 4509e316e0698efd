// Where the admin's policy and client records live: storage.local (kept across restarts, shared
// by the service worker and the options page). Stored as the JSON the admin gave, so unknown
// fields survive, plus where it came from. Every read validates again: what is in storage is
// not trusted blindly (an older format or a hand edit must not slip past the schema).

import { storage } from 'wxt/utils/storage';
import type { PolicyChange } from '../../core/policy/changes.ts';

export interface StoredFile {
  /** The file's JSON as parsed (not the schema's output: defaults are applied on every read). */
  data: unknown;
  fileName: string;
  /** Lowercase hex SHA-256 of the file's bytes as chosen, for the audit log. */
  sha256: string;
  /** ISO time it was loaded. */
  loadedAt: string;
}

// version 1: { data, fileName, sha256, loadedAt }. Bump with a migration when this shape changes.
export const policyItem = storage.defineItem<StoredFile | null>('local:policy', { fallback: null, version: 1 });
export const recordsItem = storage.defineItem<StoredFile | null>('local:records', { fallback: null, version: 1 });

// ---------------------------------------------------------------- rollout (managed and signed policy, local edits)


/** Local admin edits on top of the policy (utils/core/policy/changes.ts), applied where allowed. */
export interface StoredEdits {
  changes: PolicyChange[];
  updatedAt: string;
}
export const policyEditsItem = storage.defineItem<StoredEdits | null>('local:policyEdits', { fallback: null, version: 1 });

/** The last signed policy accepted from the managed policy URL (kept until a newer good one arrives). */
export interface AcceptedSignedPolicy {
  url: string;
  /** The policy JSON as signed. */
  data: unknown;
  version: number;
  /** SHA-256 of the fetched bytes (the signed bundle), for the audit log. */
  sha256: string;
  fingerprint: string;
  acceptedAt: string;
}
export const signedPolicyItem = storage.defineItem<AcceptedSignedPolicy | null>('local:signedPolicy', { fallback: null, version: 1 });

/** The outcome of the last fetch of the policy URL, for the options page (and the popup). */
export interface PolicyFetchStatus {
  url: string;
  at: string;
  ok: boolean;
  /** One line: why the fetched policy was not taken (the last good one stays). */
  error?: string;
  /** The version the server offered, when it could be read. */
  offeredVersion?: number;
  /** SHA-256 of what was refused: the same refusal again is not audited again. */
  sha256?: string;
}
export const policyFetchItem = storage.defineItem<PolicyFetchStatus | null>('local:policyFetch', { fallback: null, version: 1 });

/** Webmail origins a local admin added on the options page (managed ones come from storage.managed). */
export const webmailOriginsItem = storage.defineItem<string[]>('local:webmailOrigins', { fallback: [], version: 1 });

/**
 * Which webmail runs on which origin, as the content scripts detected it ({ "https://mail.firm.nl":
 * "sogo" }). An origin not listed is guarded with the default webmail's rules.
 */
export const detectedWebmailsItem = storage.defineItem<Record<string, string>>('local:detectedWebmails', { fallback: {}, version: 1 });

/**
 * The network guard's state as the background last installed it: whether its rules are in and,
 * if not, the browser's reason (one line). The options page shows it: an inactive guard holds
 * every send, and the admin must see why.
 */
export interface GuardState {
  active: boolean;
  problem: string | null;
  /** ISO time of the install this describes. */
  at: string;
}
export const guardStateItem = storage.defineItem<GuardState | null>('local:guardState', { fallback: null, version: 1 });

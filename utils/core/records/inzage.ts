// An inzage request (art. 13): everything ReportGuard holds about one client, in one JSON
// document — the client's record as the send check sees it (base with local additions), what was
// recorded in this browser, the follow-ups, the signed consent files kept as evidence and every
// audit entry that names the client.
import type { AuditEntry } from '../audit/types.ts';
import { filterEntries } from '../audit/query.ts';
import type { FollowUp } from './follow-ups.ts';
import type { LocalAddition } from './local.ts';
import { canonicalId, clientById } from './lookup.ts';
import type { ClientRecord, Records } from './schema.ts';

export interface InzageExport {
  kind: 'reportguard-inzage';
  version: 1;
  client: string;
  generatedAt: string;
  /** Null when the records hold no such client (the other parts may still name it). */
  record: ClientRecord | null;
  /** Where the base came from: `imported` file or `remote` client system. */
  recordSource: string | null;
  localAdditions: LocalAddition[];
  followUps: FollowUp[];
  /** The signed consent files kept as evidence (policy keepConsentEvidence), bytes in base64. */
  consentEvidence: InzageEvidence[];
  audit: AuditEntry[];
}

/** A kept consent file, what is known about it (the records store adds the bytes). */
export interface EvidenceMeta {
  /** The `health-consent` addition it proves. */
  additionId: string;
  clientId: string;
  sha256: string;
  name: string;
  type: string;
  size: number;
  storedAt: string;
}

/** A kept consent file in the export: its facts and its bytes in base64. */
export interface InzageEvidence extends EvidenceMeta {
  base64: string;
}

export function buildInzage(input: {
  clientId: string;
  now: Date;
  records: Records | null;
  recordSource: string | null;
  additions: readonly LocalAddition[];
  followUps: readonly FollowUp[];
  evidence?: readonly InzageEvidence[];
  audit: readonly AuditEntry[];
}): InzageExport {
  const key = canonicalId(input.clientId);
  return {
    kind: 'reportguard-inzage',
    version: 1,
    client: key,
    generatedAt: input.now.toISOString(),
    record: input.records ? (clientById(input.records, key) ?? null) : null,
    recordSource: input.recordSource,
    localAdditions: input.additions.filter((a) => canonicalId(a.clientId) === key),
    followUps: input.followUps.filter((f) => canonicalId(f.clientId) === key),
    consentEvidence: (input.evidence ?? []).filter((e) => canonicalId(e.clientId) === key),
    audit: filterEntries(input.audit, { client: key }),
  };
}

// The records' schedule in the service worker (issue 12 items 2 and 8): the client system's
// records fetched on an alarm (and at start), and retention run at start and once a day. Alarms,
// not timers: the worker may be stopped between two runs.
import type { Policy } from '../../utils/core/policy/schema.ts';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { DocumentCache } from '../../utils/browser/storage/document-cache.ts';
import type { RecordsStore } from '../../utils/browser/storage/records-store.ts';
import { refreshRemoteRecords, type RefreshOutcome } from '../../utils/browser/records/remote.ts';
import { DEFAULT_RETENTION_MONTHS, retentionCutoff } from '../../utils/core/records/retention.ts';

export const RECORDS_ALARM = 'records-refresh';
export const RETENTION_ALARM = 'retention';

export interface ScheduleDeps {
  /** The policy in force, or null when none is loaded (or it is invalid). */
  policy(): Promise<Policy | null>;
  records: RecordsStore;
  audit: AuditStore;
  cache: DocumentCache;
  fetch: typeof globalThis.fetch;
  now(): Date;
  /** Central audit: the first seq the collector has not taken (entries from there are kept). */
  holdFromSeq?: () => Promise<number>;
}

export function refreshRecords(deps: ScheduleDeps): Promise<RefreshOutcome> {
  return deps.policy().then((policy) => refreshRemoteRecords(policy, { store: deps.records, audit: deps.audit, fetch: deps.fetch, now: deps.now }));
}

export interface RetentionResult {
  cutoff: string;
  additions: number;
  followUps: number;
  approvals: number;
  consents: number;
  /** Kept consent files deleted with their consents (present when any were). */
  evidenceFiles?: number;
  documents: number;
  audit: number;
}

/**
 * Deletes what is older than the policy's retentionMonths (default 24): records (local additions,
 * follow-ups, the imported file's old approvals and withdrawn consents), cached documents, then
 * audit entries. Audited with counts only; the audit purge anchors the chain at the first entry
 * it keeps. Without a policy nothing is deleted (the term is the policy's).
 */
export async function runRetention(deps: ScheduleDeps): Promise<RetentionResult | null> {
  const policy = await deps.policy();
  if (!policy) return null;
  const now = deps.now();
  const months = policy.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const cutoff = retentionCutoff(now, months);
  const records = await deps.records.purge(cutoff);
  // The cache keeps documents for hours, far under any retention term: pruning it is enough.
  const documents = await deps.cache.prune().then(() => 0);
  const counts = { ...records, documents };
  if (Object.values(counts).some((n) => n > 0)) {
    await deps.audit.append('retention-purged', { cutoff: cutoff.toISOString(), retentionMonths: months, ...counts }, now);
  }
  const hold = deps.holdFromSeq ? await deps.holdFromSeq() : Number.POSITIVE_INFINITY;
  const auditPurge = await deps.audit.purgeBefore(cutoff, now, { retentionMonths: months }, { holdFromSeq: hold });
  return { cutoff: cutoff.toISOString(), ...counts, audit: auditPurge.purged };
}

/** Minutes between fetches: the policy's, or an hour. */
export function refreshMinutes(policy: Policy | null): number | null {
  return policy?.recordsSource ? policy.recordsSource.refreshMinutes : null;
}

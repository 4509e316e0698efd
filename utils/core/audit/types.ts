// The tamper-evident audit log's entry (see chain.ts). Pure data.

import type { JsonValue } from './canonical.ts';

/** What happened. Open-ended so new events need no change here; these are the ones in use. */
export type AuditEventType =
  | 'verdict' // a send check ran (checkId, verdict, codes, addresses, attachment hashes)
  | 'decision' // what followed a verdict (sent, cancelled, warning confirmed, swap)
  | 'analysis' // an attachment was analysed (hash, type, problem kind)
  | 'policy-loaded' // an admin loaded a policy file (its hash, organisation)
  | 'records-loaded' // an admin loaded a records file (its hash, client count)
  | 'records-changed' // staff recorded or removed an approval, consent or follow-up (ids and hashes)
  | 'records-fetched' // the client system's records were fetched (hash, count) or refused (reason)
  | 'audit-purged' // retention: counts, the cutoff and the anchor of the first kept entry
  | 'retention-purged' // retention of records and cached documents: counts only
  | 'client-deleted' // a client's data deleted on request (art. 13): counts only, no id
  | (string & {});

/**
 * Ids, hashes, codes, addresses, counts and times only. Never a body, a subject or attachment
 * content: the log must be safe to hand to an auditor.
 */
export type AuditData = { [key: string]: JsonValue };

export interface AuditEntry {
  /** 1 for the first entry, then +1 each: a gap or repeat shows a deleted or inserted entry. */
  seq: number;
  /** ISO 8601 time of the event. */
  at: string;
  type: AuditEventType;
  data: AuditData;
  /** `hash` of the previous entry; GENESIS_HASH for the first. */
  prevHash: string;
  /** Lowercase hex SHA-256 of canonicalJson(entry without `hash`). */
  hash: string;
}

export type ChainCheck =
  | { ok: true; length: number; headHash: string; /** The first entry's seq: 1, or the purge anchor's. */ firstSeq: number }
  | { ok: false; brokenAt: number; reason: string; break: ChainBreak };

/**
 * Why a chain check failed, as data: `reason` is the English line (CLI, logs); pages show
 * `break` in the reader's language (utils/core/i18n/records.ts chainBreakText).
 */
export type ChainBreak =
  | { kind: 'start-no-purge'; firstSeq: number }
  | { kind: 'start-after-purge'; firstSeq: number; keptFromSeq: number }
  | { kind: 'not-entry' }
  | { kind: 'sequence'; seq: number; expected: number }
  | { kind: 'link' }
  | { kind: 'purge-link' }
  | { kind: 'unhashable'; error: string }
  | { kind: 'changed' };

// Hash chain over audit entries: each entry's hash covers its own fields and the previous
// entry's hash, so changing, deleting, inserting or reordering any entry breaks every link after
// it. (Cutting entries off the end leaves a valid shorter chain; the store keeps the head
// separately to catch that.) Pure: crypto.subtle only, no browser extension APIs.

import { canonicalJson } from './canonical.ts';
import type { AuditData, AuditEntry, AuditEventType, ChainBreak, ChainCheck } from './types.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** Longest string an audit value may hold: enough for an address or a reason, too short for content. */
export const MAX_AUDIT_STRING = 2000;

export async function entryHash(entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  const { seq, at, type, data, prevHash } = entry;
  const text = canonicalJson({ seq, at, type, data, prevHash });
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The entry that follows `prev` (null: the first entry of a new log). */
export async function appendEntry(
  prev: AuditEntry | null,
  type: AuditEventType,
  data: AuditData,
  at: string,
): Promise<AuditEntry> {
  if (!type) throw new TypeError('audit entry needs a type');
  if (Number.isNaN(Date.parse(at))) throw new TypeError(`audit entry time is not ISO 8601: ${at}`);
  checkSize(data);
  const body = { seq: prev ? prev.seq + 1 : 1, at, type, data, prevHash: prev ? prev.hash : GENESIS_HASH };
  return { ...body, hash: await entryHash(body) };
}

/** The event a retention purge appends (see below). */
export const PURGE_EVENT = 'audit-purged';

/**
 * Where a log that was purged from its start begins: the first entry kept and the hash it links
 * to. A purge (retention, art. 14) appends an `audit-purged` entry with these two facts *before*
 * it deletes anything, so the log stays verifiable: from the genesis while nothing is deleted
 * yet, from this anchor after. Entries cut from the start without such an entry break the chain.
 */
export interface PurgeAnchor {
  keptFromSeq: number;
  keptFromPrevHash: string;
}

/** The anchor named by the newest purge entry in the log, if any. */
export function anchorOf(entries: readonly AuditEntry[]): PurgeAnchor | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (e && e.type === PURGE_EVENT) {
      const { keptFromSeq, keptFromPrevHash } = e.data as { keptFromSeq?: unknown; keptFromPrevHash?: unknown };
      if (typeof keptFromSeq === 'number' && typeof keptFromPrevHash === 'string') return { keptFromSeq, keptFromPrevHash };
    }
  }
  return null;
}

/**
 * Checks a whole log from its first entry (the genesis, or the anchor of the newest purge).
 * Reports the first index (0-based; in a JSON Lines export, line brokenAt + 1) that is wrong.
 */
export async function verifyChain(entries: readonly AuditEntry[]): Promise<ChainCheck> {
  let prev: AuditEntry | null = null;
  const first = entries[0];
  let start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH };
  if (first && typeof first === 'object' && first.seq !== 1) {
    const anchor = anchorOf(entries);
    if (!anchor || first.seq !== anchor.keptFromSeq) {
      return broken(0, anchor ? { kind: 'start-after-purge', firstSeq: first.seq, keptFromSeq: anchor.keptFromSeq } : { kind: 'start-no-purge', firstSeq: first.seq });
    }
    start = { seq: anchor.keptFromSeq, prevHash: anchor.keptFromPrevHash };
  }
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry || typeof entry !== 'object') return broken(i, { kind: 'not-entry' });
    const expectedSeq = prev ? prev.seq + 1 : start.seq;
    if (entry.seq !== expectedSeq) return broken(i, { kind: 'sequence', seq: entry.seq, expected: expectedSeq });
    const expectedPrev = prev ? prev.hash : start.prevHash;
    if (entry.prevHash !== expectedPrev) return broken(i, { kind: prev ? 'link' : 'purge-link' });
    let actual: string;
    try {
      actual = await entryHash(entry);
    } catch (e) {
      return broken(i, { kind: 'unhashable', error: (e as Error).message });
    }
    if (actual !== entry.hash) return broken(i, { kind: 'changed' });
    prev = entry;
  }
  return { ok: true, length: entries.length, headHash: prev ? prev.hash : GENESIS_HASH, firstSeq: first ? start.seq : 1 };
}

function broken(brokenAt: number, why: ChainBreak): Extract<ChainCheck, { ok: false }> {
  return { ok: false, brokenAt, reason: breakReason(why), break: why };
}

/** The English line for a break (the CLI's words; pages use the catalogs). */
export function breakReason(why: ChainBreak): string {
  switch (why.kind) {
    case 'start-no-purge':
      return `starts at sequence number ${why.firstSeq} with no purge recorded (entries removed from the start)`;
    case 'start-after-purge':
      return `starts at sequence number ${why.firstSeq}, but the last purge kept entries from ${why.keptFromSeq} (entries removed outside a purge)`;
    case 'not-entry':
      return 'not an entry';
    case 'sequence':
      return `sequence number ${why.seq}, expected ${why.expected} (entry missing, added or moved)`;
    case 'link':
      return 'link to the previous entry does not match (entry missing, added or moved)';
    case 'purge-link':
      return 'link to the last purged entry does not match the purge record';
    case 'unhashable':
      return `entry cannot be hashed: ${why.error}`;
    case 'changed':
      return 'entry content does not match its hash (changed)';
  }
}

/** One line for a failed check, naming the export line and the entry. */
export function describeBreak(check: Extract<ChainCheck, { ok: false }>, entries: readonly AuditEntry[]): string {
  const seq = entries[check.brokenAt]?.seq;
  return `line ${check.brokenAt + 1}${typeof seq === 'number' ? ` (entry ${seq})` : ''}: ${check.reason}`;
}

function checkSize(value: unknown, depth = 0): void {
  if (depth > 8) throw new TypeError('audit data nested too deeply');
  if (typeof value === 'string' && value.length > MAX_AUDIT_STRING) {
    throw new TypeError(`audit data string longer than ${MAX_AUDIT_STRING} characters (content does not belong in the log)`);
  }
  if (value && typeof value === 'object') for (const v of Object.values(value)) checkSize(v, depth + 1);
}

// Hash chain over audit entries: each entry's hash covers its own fields and the previous
// entry's hash, so changing, deleting, inserting or reordering any entry breaks every link after
// it. (Cutting entries off the end leaves a valid shorter chain; the store keeps the head
// separately to catch that.) Pure: crypto.subtle only, no browser extension APIs.

import { canonicalJson } from './canonical.ts';
import type { AuditData, AuditEntry, AuditEventType, ChainCheck } from './types.ts';

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

/** Checks a whole log from its first entry. Reports the first index (0-based) that is wrong. */
export async function verifyChain(entries: readonly AuditEntry[]): Promise<ChainCheck> {
  let prev: AuditEntry | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry || typeof entry !== 'object') return { ok: false, brokenAt: i, reason: 'not an entry' };
    const expectedSeq = prev ? prev.seq + 1 : 1;
    if (entry.seq !== expectedSeq) {
      return { ok: false, brokenAt: i, reason: `sequence number ${entry.seq}, expected ${expectedSeq} (entry missing, added or moved)` };
    }
    const expectedPrev = prev ? prev.hash : GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      return { ok: false, brokenAt: i, reason: 'link to the previous entry does not match (entry missing, added or moved)' };
    }
    let actual: string;
    try {
      actual = await entryHash(entry);
    } catch (e) {
      return { ok: false, brokenAt: i, reason: `entry cannot be hashed: ${(e as Error).message}` };
    }
    if (actual !== entry.hash) return { ok: false, brokenAt: i, reason: 'entry content does not match its hash (changed)' };
    prev = entry;
  }
  return { ok: true, length: entries.length, headHash: prev ? prev.hash : GENESIS_HASH };
}

function checkSize(value: unknown, depth = 0): void {
  if (depth > 8) throw new TypeError('audit data nested too deeply');
  if (typeof value === 'string' && value.length > MAX_AUDIT_STRING) {
    throw new TypeError(`audit data string longer than ${MAX_AUDIT_STRING} characters (content does not belong in the log)`);
  }
  if (value && typeof value === 'object') for (const v of Object.values(value)) checkSize(v, depth + 1);
}

// Verifies the central copy of the audit logs: what a collector holds after forwarding
// (forward.ts), from any number of browsers, with repeats (delivery is at least once) and in any
// order. Per source: repeats must be byte-identical and are dropped, the rest sorted by seq, and
// the chain checked link by link from the genesis — or, where the browser had purged its oldest
// entries before forwarding began, from the anchor its `audit-purged` entry recorded. A gap, a
// changed entry or two different entries under one id are named. Pure.
import { GENESIS_HASH, entryHash } from './chain.ts';
import { recordId } from './forward.ts';
import type { AuditEntry } from './types.ts';

/** The audit event a retention purge appends, naming where the kept log starts. */
const PURGE_EVENT = 'audit-purged';

export interface SourceCheck {
  source: string;
  /** Distinct entries (repeats dropped). */
  entries: number;
  /** Deliveries dropped as exact repeats. */
  repeats: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string | null;
  /** How the first entry is tied down: the genesis, a purge anchor, or nothing (not verified). */
  start: 'genesis' | 'purge-anchor' | null;
  ok: boolean;
  /** One line when not ok. */
  problem?: string;
}

export interface CentralCheck {
  ok: boolean;
  sources: SourceCheck[];
  /** Lines that are not forwarded records at all (1-based line numbers and why). */
  unreadable: { line: number; reason: string }[];
}

interface Parsed {
  line: number;
  id: string;
  source: string;
  seq: number;
  entryText: string;
  entry: AuditEntry;
}

/**
 * Finds the forwarded record in one exported line. Collectors hand back what they were sent in
 * their own envelope; the ones documented in docs/audit-forwarding.md are unwrapped here:
 * the record itself (ndjson, ClickHouse JSONEachRow), Elasticsearch `_source`, Splunk `event`
 * or a search export's `result._raw`, a Loki line.
 */
export function unwrapRecord(value: unknown): unknown {
  for (let depth = 0; depth < 4; depth++) {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return null;
      }
      continue;
    }
    if (!value || typeof value !== 'object') return null;
    const o = value as Record<string, unknown>;
    if (typeof o['entry'] === 'string' && typeof o['id'] === 'string') return o;
    const inner = o['_source'] ?? o['event'] ?? (o['result'] as Record<string, unknown> | undefined)?.['_raw'] ?? o['line'];
    if (inner === undefined) return null;
    value = inner;
  }
  return null;
}

function parseLine(text: string, line: number): Parsed | { line: number; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { line, reason: 'not JSON' };
  }
  const rec = unwrapRecord(raw) as Record<string, unknown> | null;
  if (!rec) return { line, reason: 'not a forwarded audit record (no id and entry)' };
  const { id, source, entry } = rec;
  // Some stores hand 64-bit integers back as strings (ClickHouse's JSON output does).
  const seq = typeof rec['seq'] === 'string' && /^[0-9]{1,15}$/.test(rec['seq']) ? Number(rec['seq']) : rec['seq'];
  if (typeof id !== 'string' || typeof source !== 'string' || typeof seq !== 'number' || typeof entry !== 'string') {
    return { line, reason: 'record lacks id, source, seq or entry' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry);
  } catch {
    return { line, reason: 'record entry is not JSON' };
  }
  const e = parsed as AuditEntry;
  if (!e || typeof e !== 'object' || e.seq !== seq) return { line, reason: `record ${id}: entry seq does not match the record` };
  if (id !== recordId(source, seq)) return { line, reason: `record ${id}: id is not ${recordId(source, seq)}` };
  return { line, id, source, seq, entryText: entry, entry: e };
}

/** Checks an export holding one forwarded record per line (blank lines ignored). */
export async function verifyCentral(text: string): Promise<CentralCheck> {
  const unreadable: { line: number; reason: string }[] = [];
  const bySource = new Map<string, Parsed[]>();
  text.split('\n').forEach((l, i) => {
    const t = l.trim();
    if (!t) return;
    const p = parseLine(t, i + 1);
    if ('reason' in p) unreadable.push(p);
    else {
      const list = bySource.get(p.source) ?? [];
      list.push(p);
      bySource.set(p.source, list);
    }
  });
  const sources: SourceCheck[] = [];
  for (const [source, list] of [...bySource].toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) sources.push(await checkSource(source, list));
  return { ok: unreadable.length === 0 && sources.every((s) => s.ok), sources, unreadable };
}

async function checkSource(source: string, list: Parsed[]): Promise<SourceCheck> {
  const result: SourceCheck = { source, entries: 0, repeats: 0, firstSeq: null, lastSeq: null, headHash: null, start: null, ok: false };
  const byId = new Map<string, Parsed>();
  for (const p of list) {
    const seen = byId.get(p.id);
    if (!seen) byId.set(p.id, p);
    else if (seen.entryText === p.entryText) result.repeats++;
    else return { ...result, problem: `${p.id}: two different entries under one id (lines ${seen.line} and ${p.line})` };
  }
  const entries = [...byId.values()].toSorted((a, b) => a.seq - b.seq).map((p) => p.entry);
  result.entries = entries.length;
  const first = entries[0];
  if (!first) return { ...result, ok: true };
  result.firstSeq = first.seq;
  let start: { prevHash: string; how: 'genesis' | 'purge-anchor' };
  if (first.seq === 1) start = { prevHash: GENESIS_HASH, how: 'genesis' };
  else {
    const anchor = entries.find((e) => {
      if (e.type !== PURGE_EVENT) return false;
      const d = e.data as { keptFromSeq?: unknown; keptFromPrevHash?: unknown };
      return d.keptFromSeq === first.seq && typeof d.keptFromPrevHash === 'string';
    });
    if (!anchor) {
      return { ...result, problem: `starts at entry ${first.seq} and no purge entry records that start (entries 1–${first.seq - 1} missing)` };
    }
    start = { prevHash: (anchor.data as { keptFromPrevHash: string }).keptFromPrevHash, how: 'purge-anchor' };
  }
  let prev: AuditEntry | null = null;
  for (const e of entries) {
    const expectedSeq = prev ? prev.seq + 1 : first.seq;
    if (e.seq !== expectedSeq) return { ...result, problem: `entry ${expectedSeq}${e.seq > expectedSeq + 1 ? `–${e.seq - 1}` : ''} missing` };
    if (e.prevHash !== (prev ? prev.hash : start.prevHash)) return { ...result, problem: `entry ${e.seq}: link to the entry before does not match` };
    let actual: string;
    try {
      actual = await entryHash(e);
    } catch {
      return { ...result, problem: `entry ${e.seq}: cannot be hashed` };
    }
    if (actual !== e.hash) return { ...result, problem: `entry ${e.seq}: content does not match its hash (changed)` };
    prev = e;
  }
  return { ...result, ok: true, start: start.how, lastSeq: prev!.seq, headHash: prev!.hash };
}

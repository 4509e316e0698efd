// Central audit: what one audit entry looks like on its way to the firm's collector, how a batch
// of them is written for each kind of collector, how a collector's answer is judged, and how long
// to wait after a failure. Pure (no browser API, no fetch): the queue lives in
// utils/browser/storage/audit-forward.ts, the loop that sends in entrypoints/background/.
//
// Delivery is at least once: a batch whose answer was lost is sent again, with the same ids.
// Each record carries the entry itself as its canonical JSON (`entry`), byte for byte the line of
// a local export, so the central copy verifies with the same hash chain whatever the collector
// does to the JSON around it (see central.ts and docs/audit-forwarding.md).
import { canonicalJson } from './canonical.ts';
import type { AuditData, AuditEntry } from './types.ts';

/** The payload dialects a collector can be sent (managed `auditCollectorFormat`). */
export const COLLECTOR_FORMATS = ['ndjson', 'splunk-hec', 'elastic-bulk', 'loki'] as const;
export type CollectorFormat = (typeof COLLECTOR_FORMATS)[number];

export interface CollectorConfig {
  url: string;
  format: CollectorFormat;
  /** The whole `Authorization` header value (`Splunk <token>`, `ApiKey <key>`, `Basic <b64>`), if any. */
  authorization?: string;
}

/** One audit entry as forwarded. Top-level fields are for searching; `entry` is what verifies. */
export interface ForwardRecord {
  /** `<source>:<seq>`: the same for every delivery of the entry; a collector drops repeats by it. */
  id: string;
  /** This browser's audit log (a random id made once, kept with the log). */
  source: string;
  seq: number;
  at: string;
  type: string;
  hash: string;
  prevHash: string;
  data: AuditData;
  /** canonicalJson(entry): the exact text the hash chain was computed over (plus `hash`). */
  entry: string;
}

export function recordId(source: string, seq: number): string {
  return `${source}:${seq}`;
}

export function toForwardRecord(source: string, entry: AuditEntry): ForwardRecord {
  return {
    id: recordId(source, entry.seq),
    source,
    seq: entry.seq,
    at: entry.at,
    type: entry.type,
    hash: entry.hash,
    prevHash: entry.prevHash,
    data: entry.data,
    entry: canonicalJson(entry),
  };
}

export interface EncodedBatch {
  body: string;
  contentType: string;
}

/** Elasticsearch/OpenSearch index the entries go to when the URL names none (`…/_bulk`). */
export const DEFAULT_ELASTIC_INDEX = 'reportguard-audit';

/** The request body for one batch, in the collector's own dialect. Records are in seq order. */
export function encodeBatch(format: CollectorFormat, records: readonly ForwardRecord[]): EncodedBatch {
  switch (format) {
    case 'ndjson':
      return { body: records.map((r) => JSON.stringify(r) + '\n').join(''), contentType: 'application/x-ndjson' };
    case 'splunk-hec':
      // HEC takes several event objects one after the other in one body.
      return {
        body: records
          .map((r) =>
            JSON.stringify({ time: Date.parse(r.at) / 1000, host: r.source, source: 'reportguard', sourcetype: 'reportguard:audit', event: r }),
          )
          .join('\n'),
        contentType: 'application/json',
      };
    case 'elastic-bulk':
      // `create` with our id: a repeat is refused per item (409) instead of indexed twice.
      return {
        body: records.map((r) => JSON.stringify({ create: { _id: r.id } }) + '\n' + JSON.stringify(r) + '\n').join(''),
        contentType: 'application/x-ndjson',
      };
    case 'loki': {
      // One stream per source; Loki drops an entry whose stream, timestamp and line are all
      // equal to one it has, which is exactly a repeat. Nanoseconds: the entry's millisecond
      // plus its seq modulo a million, so two entries of the same millisecond stay in order.
      const values = records.map((r) => [lokiTimestamp(r), JSON.stringify(r)]);
      const source = records[0]?.source ?? '';
      return { body: JSON.stringify({ streams: [{ stream: { job: 'reportguard', source }, values }] }), contentType: 'application/json' };
    }
  }
}

function lokiTimestamp(r: ForwardRecord): string {
  const ms = BigInt(Date.parse(r.at));
  return (ms * 1_000_000n + BigInt(r.seq % 1_000_000)).toString();
}

export type CollectorAnswer = { ok: true } | { ok: false; reason: string };

/**
 * Whether the collector took the whole batch. Anything but a clear yes is a no: the batch is
 * sent again later (never skipped), so a collector that keeps refusing holds the queue and says
 * why, rather than losing entries.
 */
export function judgeAnswer(format: CollectorFormat, status: number, body: string): CollectorAnswer {
  if (status < 200 || status > 299) return { ok: false, reason: `collector answered HTTP ${status}${snippet(body)}` };
  if (format !== 'elastic-bulk') return { ok: true };
  // _bulk answers 200 even when items failed: each item must be created (201) or be a repeat (409).
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'collector _bulk answer is not JSON' };
  }
  const items = (parsed as { items?: unknown }).items;
  if (!Array.isArray(items)) return { ok: false, reason: 'collector _bulk answer has no items' };
  for (const item of items) {
    const result = (item as { create?: { status?: unknown; error?: { type?: unknown } } } | null)?.create;
    const itemStatus = typeof result?.status === 'number' ? result.status : 0;
    if (itemStatus === 409 || (itemStatus >= 200 && itemStatus <= 299)) continue;
    const type = typeof result?.error?.type === 'string' ? `: ${result.error.type}` : '';
    return { ok: false, reason: `collector refused an entry (status ${itemStatus}${type})` };
  }
  return { ok: true };
}

function snippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim().slice(0, 160);
  return line ? `: ${line}` : '';
}

export interface BatchLimits {
  maxEntries: number;
  /** Upper bound of the encoded body in bytes (a single larger entry still goes, alone). */
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxEntries: 200, maxBytes: 512 * 1024 };

/** The longest prefix of `records` (in order) that fits the limits; at least one record. */
export function takeBatch(records: readonly ForwardRecord[], limits: BatchLimits = DEFAULT_BATCH_LIMITS): ForwardRecord[] {
  const out: ForwardRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    if (out.length >= limits.maxEntries) break;
    // The ndjson line length bounds every dialect's per-record size within a small constant.
    const size = new TextEncoder().encode(JSON.stringify(r)).length + 64;
    if (out.length > 0 && bytes + size > limits.maxBytes) break;
    out.push(r);
    bytes += size;
  }
  return out;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Wait before attempt `failures + 1`: doubling from baseMs up to maxMs, with up to a quarter
 * taken off at random so 200 browsers that lost the collector together don't return together.
 */
export function backoffMs(failures: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  return Math.round(exp * (1 - 0.25 * Math.min(1, Math.max(0, random()))));
}

/**
 * The collector settings as configured (managed storage or the local admin setting), checked:
 * an http(s) URL, a known format (default `ndjson`). null when no URL is set; a one-line error
 * for a value that is set but unusable (forwarding then waits: entries stay queued, none lost).
 */
export function parseCollectorConfig(raw: { url?: unknown; format?: unknown; authorization?: unknown }): CollectorConfig | null | { error: string } {
  if (raw.url === undefined || raw.url === null || raw.url === '') return null;
  if (typeof raw.url !== 'string') return { error: 'audit collector URL is not text' };
  let url: URL;
  try {
    url = new URL(raw.url.trim());
  } catch {
    return { error: `audit collector URL is not a URL: ${raw.url.slice(0, 200)}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `audit collector URL must be http(s): ${url.protocol}` };
  const format = raw.format === undefined || raw.format === null || raw.format === '' ? 'ndjson' : raw.format;
  if (typeof format !== 'string' || !(COLLECTOR_FORMATS as readonly string[]).includes(format)) {
    return { error: `audit collector format must be one of ${COLLECTOR_FORMATS.join(', ')}` };
  }
  if (raw.authorization !== undefined && raw.authorization !== null && typeof raw.authorization !== 'string') {
    return { error: 'audit collector authorization is not text' };
  }
  const authorization = typeof raw.authorization === 'string' && raw.authorization.trim() ? raw.authorization.trim() : undefined;
  return { url: url.href, format: format as CollectorFormat, ...(authorization ? { authorization } : {}) };
}

import { describe, expect, it } from 'vitest';
import { appendEntry } from '../../../../utils/core/audit/chain.ts';
import { canonicalJson } from '../../../../utils/core/audit/canonical.ts';
import {
  backoffMs,
  encodeBatch,
  judgeAnswer,
  parseCollectorConfig,
  takeBatch,
  toForwardRecord,
  type ForwardRecord,
} from '../../../../utils/core/audit/forward.ts';
import type { AuditEntry } from '../../../../utils/core/audit/types.ts';

async function chain(n: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(await appendEntry(out.at(-1) ?? null, 'verdict', { checkId: `c${i}` }, new Date(Date.UTC(2026, 10, 25, 12, 0, 0, i % 2)).toISOString()));
  return out;
}

describe('forward records', () => {
  it('carry a stable id, the chain hash and the exact canonical entry', async () => {
    const [e] = await chain(1);
    const r = toForwardRecord('src-1', e!);
    expect(r).toMatchObject({ id: 'src-1:1', source: 'src-1', seq: 1, hash: e!.hash, prevHash: e!.prevHash, type: 'verdict' });
    expect(r.entry).toBe(canonicalJson(e));
    expect(toForwardRecord('src-1', e!)).toEqual(r);
  });
});

describe('encodeBatch', () => {
  let records: ForwardRecord[];
  it('ndjson: one record per line, in order', async () => {
    records = (await chain(3)).map((e) => toForwardRecord('s', e));
    const { body, contentType } = encodeBatch('ndjson', records);
    expect(contentType).toBe('application/x-ndjson');
    expect(body.trimEnd().split('\n').map((l) => JSON.parse(l).id)).toEqual(['s:1', 's:2', 's:3']);
  });

  it('elastic-bulk: create actions under our id, so a repeat is refused rather than indexed twice', async () => {
    records = (await chain(2)).map((e) => toForwardRecord('s', e));
    const lines = encodeBatch('elastic-bulk', records).body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ create: { _id: 's:1' } });
    expect(lines[1].entry).toBe(records[0]!.entry);
    expect(lines[2]).toEqual({ create: { _id: 's:2' } });
  });

  it('splunk-hec: one event object per record with the time in seconds', async () => {
    records = (await chain(2)).map((e) => toForwardRecord('s', e));
    const events = encodeBatch('splunk-hec', records).body.split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.event.id)).toEqual(['s:1', 's:2']);
    expect(events[0].time).toBe(Date.parse(records[0]!.at) / 1000);
    expect(events[0]).toMatchObject({ host: 's', sourcetype: 'reportguard:audit' });
  });

  it('loki: one stream, nanosecond timestamps that keep entries of one millisecond in order', async () => {
    records = (await chain(3)).map((e) => toForwardRecord('s', e));
    const push = JSON.parse(encodeBatch('loki', records).body);
    expect(push.streams).toHaveLength(1);
    expect(push.streams[0].stream).toEqual({ job: 'reportguard', source: 's' });
    const ts = push.streams[0].values.map((v: [string, string]) => BigInt(v[0]));
    expect(ts[0] < ts[1] || ts[0] === ts[1]).toBe(true);
    expect(new Set(ts.map(String)).size).toBe(3);
    expect(JSON.parse(push.streams[0].values[2][1]).id).toBe('s:3');
  });
});

describe('judgeAnswer', () => {
  it('takes 2xx, refuses anything else with the status', () => {
    expect(judgeAnswer('ndjson', 200, '')).toEqual({ ok: true });
    expect(judgeAnswer('loki', 204, '')).toEqual({ ok: true });
    expect(judgeAnswer('splunk-hec', 403, '{"text":"Invalid token","code":4}')).toEqual({ ok: false, reason: 'collector answered HTTP 403: {"text":"Invalid token","code":4}' });
    expect(judgeAnswer('ndjson', 503, '')).toMatchObject({ ok: false });
  });

  it('reads _bulk item by item: created and conflicts (repeats) pass, any other item failure refuses the batch', () => {
    const ok = JSON.stringify({ errors: true, items: [{ create: { status: 201 } }, { create: { status: 409, error: { type: 'version_conflict_engine_exception' } } }] });
    expect(judgeAnswer('elastic-bulk', 200, ok)).toEqual({ ok: true });
    const bad = JSON.stringify({ errors: true, items: [{ create: { status: 201 } }, { create: { status: 429, error: { type: 'es_rejected_execution_exception' } } }] });
    expect(judgeAnswer('elastic-bulk', 200, bad)).toEqual({ ok: false, reason: 'collector refused an entry (status 429: es_rejected_execution_exception)' });
    expect(judgeAnswer('elastic-bulk', 200, 'not json')).toMatchObject({ ok: false });
    expect(judgeAnswer('elastic-bulk', 200, '{}')).toMatchObject({ ok: false });
  });
});

describe('takeBatch', () => {
  it('takes an in-order prefix bounded by count and bytes, and always at least one', async () => {
    const records = (await chain(10)).map((e) => toForwardRecord('s', e));
    expect(takeBatch(records, { maxEntries: 4, maxBytes: 1e9 }).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const one = JSON.stringify(records[0]).length + 64;
    expect(takeBatch(records, { maxEntries: 100, maxBytes: one * 3 + 10 }).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(takeBatch(records, { maxEntries: 100, maxBytes: 1 }).map((r) => r.seq)).toEqual([1]);
  });
});

describe('backoffMs', () => {
  it('doubles from the base up to the cap, less up to a quarter of jitter', () => {
    const o = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5, 9].map((f) => backoffMs(f, () => 0, o))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffMs(2, () => 1, o)).toBe(1500);
    expect(backoffMs(1000, () => 0.5)).toBeLessThanOrEqual(5 * 60_000);
  });
});

describe('parseCollectorConfig', () => {
  it('reads url, format and authorization, defaulting to ndjson', () => {
    expect(parseCollectorConfig({})).toBeNull();
    expect(parseCollectorConfig({ url: 'https://logs.example.nl/ingest' })).toEqual({ url: 'https://logs.example.nl/ingest', format: 'ndjson' });
    expect(parseCollectorConfig({ url: 'https://splunk:8088/services/collector/event', format: 'splunk-hec', authorization: ' Splunk abc ' })).toEqual({
      url: 'https://splunk:8088/services/collector/event',
      format: 'splunk-hec',
      authorization: 'Splunk abc',
    });
  });

  it('names what is wrong in one line', () => {
    expect(parseCollectorConfig({ url: 'ftp://x' })).toEqual({ error: 'audit collector URL must be http(s): ftp:' });
    expect(parseCollectorConfig({ url: 'no url' })).toMatchObject({ error: expect.stringContaining('not a URL') });
    expect(parseCollectorConfig({ url: 'https://x', format: 'syslog' })).toEqual({ error: 'audit collector format must be one of ndjson, splunk-hec, elastic-bulk, loki' });
  });
});

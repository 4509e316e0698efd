import { describe, expect, it } from 'vitest';
import { appendEntry } from '../../../../utils/core/audit/chain.ts';
import { encodeBatch, toForwardRecord } from '../../../../utils/core/audit/forward.ts';
import { unwrapRecord, verifyCentral } from '../../../../utils/core/audit/central.ts';
import type { AuditEntry } from '../../../../utils/core/audit/types.ts';

async function log(n: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await appendEntry(out.at(-1) ?? null, 'verdict', { checkId: `c${i}` }, new Date(Date.UTC(2026, 10, 25, 12, 0, i)).toISOString()));
  }
  return out;
}
const lines = (source: string, entries: AuditEntry[]) => entries.map((e) => JSON.stringify(toForwardRecord(source, e)));

describe('verifyCentral', () => {
  it('verifies several sources from the genesis, repeats dropped, any order', async () => {
    const a = await log(5);
    const b = await log(3);
    const text = [...lines('a', a), ...lines('b', b), ...lines('a', a.slice(1, 3))].toReversed().join('\n');
    const check = await verifyCentral(text);
    expect(check.ok).toBe(true);
    expect(check.sources).toEqual([
      expect.objectContaining({ source: 'a', entries: 5, repeats: 2, firstSeq: 1, lastSeq: 5, headHash: a[4]!.hash, start: 'genesis', ok: true }),
      expect.objectContaining({ source: 'b', entries: 3, repeats: 0, ok: true }),
    ]);
  });

  it('names a missing entry, a changed entry and two entries under one id', async () => {
    const a = await log(5);
    const gap = await verifyCentral(lines('a', [...a.slice(0, 2), ...a.slice(3)]).join('\n'));
    expect(gap.sources[0]).toMatchObject({ ok: false, problem: 'entry 3 missing' });

    const changed = JSON.parse(JSON.stringify(a)) as AuditEntry[];
    changed[1]!.data = { checkId: 'forged' };
    const c = await verifyCentral(lines('a', changed).join('\n'));
    expect(c.sources[0]).toMatchObject({ ok: false, problem: 'entry 2: content does not match its hash (changed)' });

    const twice = await verifyCentral([...lines('a', a), lines('a', changed)[1]].join('\n'));
    expect(twice.sources[0]!.problem).toMatch(/^a:2: two different entries under one id/);
  });

  it('starts from a purge anchor when the oldest entries were purged before forwarding began, and only then', async () => {
    // A log of 5 whose entries 1–2 were purged: the purge entry (6) records the start kept.
    const base = await log(5);
    const purge = await appendEntry(base[4]!, 'audit-purged', { purged: 2, keptFromSeq: 3, keptFromPrevHash: base[1]!.hash }, base[4]!.at);
    const kept = [...base.slice(2), purge];
    const ok = await verifyCentral(lines('p', kept).join('\n'));
    expect(ok.sources[0]).toMatchObject({ ok: true, start: 'purge-anchor', firstSeq: 3, lastSeq: 6 });
    const cut = await verifyCentral(lines('p', kept.slice(1)).join('\n'));
    expect(cut.sources[0]).toMatchObject({ ok: false, problem: 'starts at entry 4 and no purge entry records that start (entries 1–3 missing)' });
  });

  it('reads the records back out of each collector dialect, and names lines that are none', async () => {
    const a = await log(2);
    const records = a.map((e) => toForwardRecord('a', e));
    const es = records.map((r) => JSON.stringify({ _index: 'reportguard-audit', _id: r.id, _source: r }));
    const splunk = encodeBatch('splunk-hec', records).body.split('\n');
    const splunkExport = records.map((r) => JSON.stringify({ result: { _raw: JSON.stringify(r) } }));
    const loki = (JSON.parse(encodeBatch('loki', records).body).streams[0].values as [string, string][]).map((v) => JSON.stringify({ line: v[1] }));
    for (const text of [es, splunk, splunkExport, loki].map((l) => l.join('\n'))) {
      expect((await verifyCentral(text)).sources[0]).toMatchObject({ ok: true, entries: 2 });
    }
    expect(unwrapRecord(42)).toBeNull();
    const bad = await verifyCentral(['{}', 'not json', ...lines('a', a)].join('\n'));
    expect(bad.ok).toBe(false);
    expect(bad.unreadable).toEqual([
      { line: 1, reason: 'not a forwarded audit record (no id and entry)' },
      { line: 2, reason: 'not JSON' },
    ]);
    expect(bad.sources[0]!.ok).toBe(true);
  });
});

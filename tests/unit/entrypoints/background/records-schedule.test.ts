// Retention with a fake clock, and the follow-ups a sent verdict leaves (evaluate → decision).
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { runRetention } from '../../../../entrypoints/background/records-schedule.ts';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { createRecordsStore } from '../../../../utils/browser/storage/records-store.ts';
import { createDocumentCache } from '../../../../utils/browser/storage/document-cache.ts';
import { LocalAdditionSchema } from '../../../../utils/core/records/local.ts';
import { makePolicy, hashOf, RECORDS_RAW } from '../../../helpers/engine.ts';

function world(retentionMonths?: number) {
  const target = { factory: new IDBFactory(), name: 'test' };
  let now = new Date('2024-01-10T12:00:00Z');
  const clock = { set: (iso: string) => (now = new Date(iso)) };
  const deps = {
    policy: async () => makePolicy(retentionMonths ? { retentionMonths } : {}),
    records: createRecordsStore(target),
    audit: createAuditStore(target),
    cache: createDocumentCache(target, undefined, () => now.getTime()),
    fetch: globalThis.fetch,
    now: () => now,
  };
  return { deps, clock };
}

describe('retention (fake clock)', () => {
  it('keeps everything within the term, then purges records and audit entries past 24 months, audited with counts only, chain verifiable', async () => {
    const { deps, clock } = world();
    await deps.records.setBase('imported', { data: RECORDS_RAW, fileName: 'records.json', sha256: 'ab'.repeat(32), loadedAt: '2024-01-10T12:00:00Z' });
    await deps.records.addAddition(LocalAdditionSchema.parse({ id: 'a1', clientId: 'C-1042', recordedAt: '2024-01-10T12:00:00Z', type: 'approval', documentSha256: hashOf('v'), approvedAt: '2024-01-10T11:00:00Z', method: 'email' }));
    await deps.audit.append('verdict', { checkId: 'old', client: 'C-1042' }, new Date('2024-01-10T12:00:00Z'));
    await deps.audit.append('verdict', { checkId: 'newer', client: 'C-1042' }, new Date('2025-06-01T12:00:00Z'));

    clock.set('2025-12-31T12:00:00Z'); // 23 months later: nothing is due
    expect(await runRetention(deps)).toMatchObject({ additions: 0, audit: 0 });
    expect(await deps.audit.count()).toBe(2);

    clock.set('2026-01-10T12:00:01Z'); // just past 24 months
    const r = await runRetention(deps);
    expect(r).toMatchObject({ cutoff: '2024-01-10T12:00:01.000Z', additions: 1, audit: 1 });
    const entries = await deps.audit.all();
    expect(entries.map((e) => e.type)).toEqual(['verdict', 'retention-purged', 'audit-purged']);
    expect(entries[1]!.data).toMatchObject({ additions: 1, retentionMonths: 24 });
    expect(JSON.stringify(entries.slice(1).map((e) => e.data))).not.toMatch(/C-1042|jdevries/);
    expect(await deps.audit.verify()).toMatchObject({ ok: true, firstSeq: 2 });
    expect(await deps.records.additions()).toEqual([]);
  });

  it('follows the policy\'s retentionMonths', async () => {
    const { deps, clock } = world(6);
    await deps.audit.append('verdict', { checkId: 'x' }, new Date('2024-01-10T12:00:00Z'));
    clock.set('2024-07-11T00:00:00Z');
    expect(await runRetention(deps)).toMatchObject({ audit: 1 });
  });

  it('deletes nothing without a policy', async () => {
    const { deps } = world();
    expect(await runRetention({ ...deps, policy: async () => null })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { parseJsonLines } from '../../../../utils/core/audit/jsonl.ts';
import { verifyChain } from '../../../../utils/core/audit/chain.ts';
import { STORES, openDb, transactionDone } from '../../../../utils/browser/storage/idb.ts';

const fresh = () => ({ factory: new IDBFactory(), name: 'test' });

describe('audit store', () => {
  it('appends a verifiable chain and lists the newest first', async () => {
    const store = createAuditStore(fresh());
    for (let i = 0; i < 4; i++) await store.append('verdict', { checkId: `c${i}` }, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    expect(await store.count()).toBe(4);
    const latest = await store.latest(2);
    expect(latest.map((e) => e.data['checkId'])).toEqual(['c3', 'c2']);
    expect(await store.verify()).toMatchObject({ ok: true, length: 4 });
  });

  it('keeps one chain when appends are fired without waiting, and across two contexts', async () => {
    const target = fresh();
    const a = createAuditStore(target);
    const b = createAuditStore(target); // e.g. the options page next to the service worker
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).append('decision', { i })));
    const entries = await a.all();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await a.verify()).ok).toBe(true);
  });

  it('exports JSON lines that verify on their own', async () => {
    const store = createAuditStore(fresh());
    await store.append('policy-loaded', { sha256: 'ab'.repeat(32), organisation: 'Focus Nederland' });
    await store.append('verdict', { checkId: 'x', codes: ['APPROVAL_MISSING'] });
    const text = await store.exportJsonLines();
    expect(text.trim().split('\n')).toHaveLength(2);
    expect((await verifyChain(parseJsonLines(text))).ok).toBe(true);
  });

  it('shows an entry changed behind its back', async () => {
    const target = fresh();
    const store = createAuditStore(target);
    await store.append('verdict', { verdict: 'block' });
    await store.append('decision', { action: 'cancelled' });
    const all = await store.all();
    const db = await openDb(target);
    const tx = db.transaction(STORES.audit, 'readwrite');
    const done = transactionDone(tx);
    tx.objectStore(STORES.audit).put({ ...all[0]!, data: { verdict: 'allow' } });
    await done;
    expect(await store.verify()).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('rejects data that looks like content, and stays usable after', async () => {
    const store = createAuditStore(fresh());
    await expect(store.append('verdict', { body: 'x'.repeat(10_000) })).rejects.toThrow();
    await store.append('verdict', { ok: true });
    expect(await store.count()).toBe(1);
  });
});

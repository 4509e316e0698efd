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

const day = (d: number) => new Date(Date.UTC(2024, 0, d, 12));

describe('audit store: retention purge', () => {
  it('purges entries before the cutoff after anchoring, and stays verifiable; nothing older: nothing happens', async () => {
    const target = fresh();
    const store = createAuditStore(target);
    for (let d = 1; d <= 6; d++) await store.append('verdict', { checkId: `c${d}`, client: 'C-1042' }, day(d));
    expect(await store.purgeBefore(day(1), day(30))).toEqual({ purged: 0 });
    expect(await store.count()).toBe(6);

    expect(await store.purgeBefore(day(4), day(30))).toEqual({ purged: 3 });
    const entries = await store.all();
    expect(entries.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(entries[3]).toMatchObject({ type: 'audit-purged', data: { purged: 3, keptFromSeq: 4 } });
    // counts only: the purge entry names no client
    expect(JSON.stringify(entries[3]!.data)).not.toContain('C-1042');
    expect(await store.verify()).toMatchObject({ ok: true, length: 4, firstSeq: 4 });
    // appending goes on from the head
    await store.append('verdict', { checkId: 'after' }, day(31));
    expect(await store.verify()).toMatchObject({ ok: true, length: 5 });
    // and a JSONL export verifies on its own
    expect((await verifyChain(parseJsonLines(await store.exportJsonLines()))).ok).toBe(true);
  });

  it('a second purge anchors again, also when it removes the first purge entry', async () => {
    const store = createAuditStore(fresh());
    for (let d = 1; d <= 4; d++) await store.append('verdict', { d }, day(d));
    await store.purgeBefore(day(3), day(10)); // seq 5 = purge
    await store.append('verdict', { d: 20 }, day(20));
    expect(await store.purgeBefore(day(15), day(25))).toEqual({ purged: 3 }); // 3, 4, 5 (the first purge entry)
    expect((await store.all()).map((e) => e.seq)).toEqual([6, 7]);
    expect(await store.verify()).toMatchObject({ ok: true, firstSeq: 6 });
  });

  it('when everything is older, the purge entry is the log and anchors it', async () => {
    const store = createAuditStore(fresh());
    for (let d = 1; d <= 3; d++) await store.append('verdict', { d }, day(d));
    expect(await store.purgeBefore(day(20), day(21))).toEqual({ purged: 3 });
    const entries = await store.all();
    expect(entries.map((e) => [e.seq, e.type])).toEqual([[4, 'audit-purged']]);
    expect(await store.verify()).toMatchObject({ ok: true, firstSeq: 4 });
  });

  it('tamper: an entry deleted at the purge boundary behind its back is named', async () => {
    const target = fresh();
    const store = createAuditStore(target);
    for (let d = 1; d <= 5; d++) await store.append('verdict', { d }, day(d));
    await store.purgeBefore(day(3), day(10));
    const db = await openDb(target);
    const tx = db.transaction(STORES.audit, 'readwrite');
    const done = transactionDone(tx);
    tx.objectStore(STORES.audit).delete(3);
    await done;
    const check = await store.verify();
    expect(check).toMatchObject({ ok: false, brokenAt: 0 });
  });
});

describe('audit store: retention purge and the central audit hold', () => {
  it('keeps entries the collector has not taken yet, however old', async () => {
    const store = createAuditStore(fresh());
    for (let d = 1; d <= 5; d++) await store.append('verdict', { d }, new Date(Date.UTC(2024, 0, d)));
    expect(await store.purgeBefore(new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2026, 0, 1)), {}, { holdFromSeq: 3 })).toEqual({ purged: 2 });
    expect((await store.all()).map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect((await store.verify()).ok).toBe(true);
  });
});

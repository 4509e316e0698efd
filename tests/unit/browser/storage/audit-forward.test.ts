import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { createForwardStore } from '../../../../utils/browser/storage/audit-forward.ts';

const fresh = () => ({ factory: new IDBFactory(), name: 'test' });
const NOW = new Date('2026-11-25T12:00:00Z');
const cfg = { url: 'https://logs.example.nl/in', format: 'ndjson' as const };

describe('forward store', () => {
  it('makes one source id, kept across store instances (a restarted worker) and racing contexts', async () => {
    const target = fresh();
    let n = 0;
    const ids = await Promise.all([0, 1, 2].map(() => createForwardStore(() => `id-${n++}`, target).sourceId()));
    expect(new Set(ids).size).toBe(1);
    expect(await createForwardStore(() => 'other', target).sourceId()).toBe(ids[0]);
  });

  it('the queue is the log after the cursor, oldest first, and only ever moves forward', async () => {
    const target = fresh();
    const audit = createAuditStore(target);
    const store = createForwardStore(() => 'src', target);
    for (let i = 0; i < 5; i++) await audit.append('verdict', { i });
    const c = await store.configure(cfg, NOW);
    expect(c).toMatchObject({ ackedSeq: 0, failures: 0, url: cfg.url });
    expect((await store.pending(0, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    await store.ack(cfg.url, 3, NOW);
    expect(await store.pendingCount()).toBe(2);
    expect((await store.pending(3, 10)).map((e) => e.seq)).toEqual([4, 5]);
    await store.ack(cfg.url, 2, NOW); // a late answer of an older batch
    expect((await store.cursor())!.ackedSeq).toBe(3);
    await store.ack('https://old.example/', 5, NOW); // a collector no longer configured
    expect((await store.cursor())!.ackedSeq).toBe(3);
  });

  it('keeps backoff state in IndexedDB, clears it on success', async () => {
    const target = fresh();
    const store = createForwardStore(() => 'src', target);
    await store.configure(cfg, NOW);
    await store.failed(cfg.url, 'collector answered HTTP 503', NOW.getTime() + 4000);
    await store.failed(cfg.url, 'collector not reachable: fetch failed', NOW.getTime() + 8000);
    const again = createForwardStore(() => 'src', target);
    expect(await again.cursor()).toMatchObject({ failures: 2, nextAttemptAt: NOW.getTime() + 8000, lastError: 'collector not reachable: fetch failed' });
    await again.ack(cfg.url, 1, NOW);
    expect(await again.cursor()).toMatchObject({ failures: 0, nextAttemptAt: 0, lastError: null, lastSuccessAt: NOW.toISOString() });
  });

  it('a new collector URL starts from the oldest entry kept; a new format alone keeps the cursor', async () => {
    const store = createForwardStore(() => 'src', fresh());
    await store.configure(cfg, NOW);
    await store.ack(cfg.url, 7, NOW);
    expect((await store.configure({ ...cfg, format: 'loki' }, NOW)).ackedSeq).toBe(7);
    expect((await store.configure({ url: 'https://new.example/in', format: 'ndjson' }, NOW)).ackedSeq).toBe(0);
  });

  it('holds the purge at the first entry not forwarded while a collector is configured', async () => {
    const store = createForwardStore(() => 'src', fresh());
    expect(await store.holdFromSeq()).toBe(Number.POSITIVE_INFINITY);
    await store.configure(cfg, NOW);
    expect(await store.holdFromSeq()).toBe(1);
    await store.ack(cfg.url, 4, NOW);
    expect(await store.holdFromSeq()).toBe(5);
    await store.disable();
    expect(await store.holdFromSeq()).toBe(Number.POSITIVE_INFINITY);
    expect(await store.pendingCount()).toBe(0);
  });
});

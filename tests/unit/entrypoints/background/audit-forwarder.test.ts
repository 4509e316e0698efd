import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import { createForwardStore } from '../../../../utils/browser/storage/audit-forward.ts';
import { createAuditForwarder, type ForwarderDeps } from '../../../../entrypoints/background/audit-forwarder.ts';
import { verifyCentral } from '../../../../utils/core/audit/central.ts';
import type { CollectorConfig } from '../../../../utils/core/audit/forward.ts';

/** A collector that keeps every line it was sent (repeats included) and answers as told. */
function collector() {
  const received: string[] = [];
  const requests: { url: string; headers: Record<string, string>; lines: number }[] = [];
  let answer: (n: number) => number | 'down' | 'lost' = () => 200;
  return {
    received,
    requests,
    answerWith(f: typeof answer) {
      answer = f;
    },
    fetch: (async (url, init) => {
      const lines = init.body.trimEnd().split('\n');
      requests.push({ url, headers: init.headers, lines: lines.length });
      const a = answer(requests.length);
      if (a === 'down') throw new TypeError('fetch failed');
      if (a === 'lost' || a < 300) received.push(...lines);
      if (a === 'lost') throw new TypeError('network connection was lost'); // taken, answer lost
      return { status: a, text: async () => '' };
    }) satisfies ForwarderDeps['fetch'],
  };
}

function setup(opts: { config?: CollectorConfig | null; maxEntries?: number } = {}) {
  const target = { factory: new IDBFactory(), name: 'test' };
  const audit = createAuditStore(target);
  const col = collector();
  let clock = Date.parse('2026-11-25T12:00:00Z');
  const timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  let config: CollectorConfig | null = opts.config === undefined ? { url: 'https://c.example/in', format: 'ndjson' } : opts.config;
  const make = () =>
    createAuditForwarder({
      store: createForwardStore(() => 'src', target),
      config: async () => config,
      fetch: col.fetch,
      now: () => new Date(clock),
      random: () => 0,
      setTimer: (run, ms) => {
        const t = { at: clock + ms, run, id: nextId++ };
        timers.push(t);
        return t.id;
      },
      clearTimer: (id) => {
        const i = timers.findIndex((t) => t.id === id);
        if (i >= 0) timers.splice(i, 1);
      },
      limits: { maxEntries: opts.maxEntries ?? 200, maxBytes: 1e9 },
      backoff: { baseMs: 1000, maxMs: 60_000 },
      debounceMs: 500,
    });
  return {
    audit,
    col,
    target,
    make,
    timers,
    setConfig: (c: CollectorConfig | null) => (config = c),
    advance(ms: number) {
      clock += ms;
      for (const t of timers.filter((due) => due.at <= clock)) {
        timers.splice(timers.indexOf(t), 1);
        t.run();
      }
    },
    ids: () => col.received.map((l) => JSON.parse(l).id as string),
  };
}

describe('audit forwarder', () => {
  it('sends everything in order, batched, and the collector copy verifies', async () => {
    const s = setup({ maxEntries: 4 });
    for (let i = 0; i < 10; i++) await s.audit.append('verdict', { i });
    const f = s.make();
    expect(await f.flush()).toEqual({ state: 'idle', sent: 10 });
    expect(s.col.requests.map((r) => r.lines)).toEqual([4, 4, 2]);
    expect(s.ids()).toEqual(Array.from({ length: 10 }, (_, i) => `src:${i + 1}`));
    expect((await verifyCentral(s.col.received.join('\n'))).ok).toBe(true);
    expect(await f.flush()).toEqual({ state: 'idle', sent: 0 });
  });

  it('batches a burst of appends into one request after the debounce', async () => {
    const s = setup();
    const f = s.make();
    for (let i = 0; i < 5; i++) {
      await s.audit.append('analysis', { i });
      f.poke();
    }
    expect(s.col.requests).toHaveLength(0);
    s.advance(500);
    await f.flush(); // joins the run the timer started
    expect(s.col.requests.map((r) => r.lines)).toEqual([5]);
  });

  it('retries the same batch with growing backoff while the collector is down; nothing skipped, nothing reordered', async () => {
    const s = setup({ maxEntries: 3 });
    for (let i = 0; i < 5; i++) await s.audit.append('verdict', { i });
    s.col.answerWith((n) => (n === 1 ? 200 : n <= 4 ? (n === 3 ? 503 : 'down') : 200));
    const f = s.make();
    expect(await f.flush()).toMatchObject({ state: 'failed', sent: 3, retryInMs: 1000, reason: 'collector not reachable: fetch failed' });
    expect(await f.flush()).toMatchObject({ state: 'waiting' }); // backoff not over: no request
    expect(s.col.requests).toHaveLength(2);
    s.advance(1000);
    expect(await f.flush()).toMatchObject({ state: 'failed', retryInMs: 2000, reason: 'collector answered HTTP 503' });
    s.advance(2000);
    expect(await f.flush()).toMatchObject({ state: 'failed', retryInMs: 4000 });
    s.advance(4000);
    expect(await f.flush()).toMatchObject({ state: 'idle', sent: 2 });
    expect(s.ids()).toEqual(['src:1', 'src:2', 'src:3', 'src:4', 'src:5']);
  });

  it('a batch taken but whose answer was lost is sent again under the same ids, and the copy still verifies', async () => {
    const s = setup({ maxEntries: 2 });
    for (let i = 0; i < 4; i++) await s.audit.append('verdict', { i });
    s.col.answerWith((n) => (n === 2 ? 'lost' : 200));
    const f = s.make();
    await f.flush();
    s.advance(1000);
    await f.flush();
    expect(s.ids()).toEqual(['src:1', 'src:2', 'src:3', 'src:4', 'src:3', 'src:4']);
    const check = await verifyCentral(s.col.received.join('\n'));
    expect(check.sources[0]).toMatchObject({ ok: true, entries: 4, repeats: 2 });
  });

  it('survives a restart: a new worker continues from the stored cursor and backoff', async () => {
    const s = setup({ maxEntries: 2 });
    for (let i = 0; i < 4; i++) await s.audit.append('verdict', { i });
    s.col.answerWith((n) => (n === 1 ? 200 : 'down'));
    await s.make().flush();
    // The worker stops (its timers gone); a new one starts before the backoff is over.
    s.timers.length = 0;
    s.col.answerWith(() => 200);
    const again = s.make();
    expect(await again.flush()).toMatchObject({ state: 'waiting' });
    s.advance(1000);
    expect(await again.flush()).toMatchObject({ state: 'idle', sent: 2 });
    expect(s.ids()).toEqual(['src:1', 'src:2', 'src:3', 'src:4']);
  });

  it('an entry appended while a batch is in flight goes in the next one', async () => {
    const s = setup();
    await s.audit.append('verdict', { i: 0 });
    const f = s.make();
    let appended: Promise<unknown> | null = null;
    s.col.answerWith((n) => {
      if (n === 1) appended = s.audit.append('decision', { i: 1 }).then(() => f.flush());
      return 200;
    });
    await f.flush();
    await appended;
    await f.flush();
    expect(s.ids()).toEqual(['src:1', 'src:2']);
  });

  it('sends the authorization header; no collector means no request and no hold; a bad setting sends nothing and keeps the queue', async () => {
    const s = setup({ config: { url: 'https://splunk.example:8088/services/collector/event', format: 'splunk-hec', authorization: 'Splunk t0k' } });
    await s.audit.append('verdict', {});
    await s.make().flush();
    expect(s.col.requests[0]!.headers).toEqual({ 'content-type': 'application/json', authorization: 'Splunk t0k' });

    const off = setup({ config: null });
    await off.audit.append('verdict', {});
    expect(await off.make().flush()).toEqual({ state: 'off' });
    expect(off.col.requests).toHaveLength(0);
    expect(await createForwardStore(() => 'src', off.target).holdFromSeq()).toBe(Number.POSITIVE_INFINITY);

    const bad = setup();
    await bad.audit.append('verdict', {});
    await bad.make().flush();
    await bad.audit.append('verdict', {});
    const f = createAuditForwarder({ ...({} as ForwarderDeps), store: createForwardStore(() => 'src', bad.target), config: async () => ({ error: 'audit collector URL must be http(s): ftp:' }), fetch: bad.col.fetch, now: () => new Date(), random: () => 0, setTimer: () => 0, clearTimer: () => undefined });
    expect(await f.flush()).toMatchObject({ state: 'failed', reason: 'audit collector URL must be http(s): ftp:' });
    expect(await createForwardStore(() => 'src', bad.target).holdFromSeq()).toBe(2);
  });
});

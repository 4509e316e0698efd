import { describe, expect, it } from 'vitest';
import { createInputCache } from '../../../../entrypoints/background/input-cache.ts';
import type { Loaded, PolicySummary, RecordsSummary } from '../../../../utils/browser/storage/load.ts';
import type { Policy } from '../../../../utils/core/policy/schema.ts';
import type { Records } from '../../../../utils/core/records/schema.ts';

type P = Loaded<Policy, PolicySummary>;
type R = Loaded<Records, RecordsSummary>;
const policyV = (v: number): P => ({ state: 'loaded', value: { version: v, regiokantoren: [] } as unknown as Policy, summary: { sha256: `p${v}` } as PolicySummary });
const recordsV = (v: number): R => ({ state: 'loaded', value: { clients: [{ id: `C-${v}` }] } as unknown as Records, summary: { sha256: `r${v}` } as RecordsSummary });

function setup() {
  const stored = { policy: 1, records: 1, revision: 'rev-1' as string | null };
  const reads = { policy: 0, records: 0 };
  let failNext = false;
  let gate: Promise<void> | null = null;
  const cache = createInputCache({
    readPolicy: async () => {
      reads.policy++;
      const v = stored.policy;
      if (gate) await gate;
      if (failNext) {
        failNext = false;
        throw new Error('storage unavailable');
      }
      return policyV(v);
    },
    readRecords: async () => {
      reads.records++;
      return recordsV(stored.records);
    },
    recordsRevision: async () => stored.revision,
  });
  return { cache, stored, reads, failOnce: () => (failNext = true), hold: (g: Promise<void> | null) => (gate = g) };
}

const versionOf = (p: P) => (p.state === 'loaded' ? p.value.version : null);
const clientOf = (r: R) => (r.state === 'loaded' ? r.value.clients[0]!.id : null);

describe('the worker keeps the policy until storage says it changed', () => {
  it('reads storage once for many checks, and fresh after a change', async () => {
    const { cache, stored, reads } = setup();
    expect(versionOf(await cache.readPolicy())).toBe(1);
    expect(versionOf(await cache.readPolicy())).toBe(1);
    expect(reads.policy).toBe(1);
    stored.policy = 2;
    // Until storage.onChanged says so, the kept copy stands …
    expect(versionOf(await cache.readPolicy())).toBe(1);
    cache.dropPolicy();
    // … after it, the stored one.
    expect(versionOf(await cache.readPolicy())).toBe(2);
    expect(reads.policy).toBe(2);
  });

  it('keeps no failed read: the next check reads storage again', async () => {
    const { cache, reads, failOnce } = setup();
    failOnce();
    await expect(cache.readPolicy()).rejects.toThrow('storage unavailable');
    expect(versionOf(await cache.readPolicy())).toBe(1);
    expect(reads.policy).toBe(2);
  });

  it('a change during a read keeps that read out of the cache', async () => {
    const { cache, stored, hold } = setup();
    let open!: () => void;
    hold(new Promise<void>((r) => (open = r)));
    const early = cache.readPolicy(); // reads version 1, then waits
    stored.policy = 2;
    cache.dropPolicy();
    hold(null);
    open();
    expect(versionOf(await early)).toBe(1);
    expect(versionOf(await cache.readPolicy())).toBe(2);
  });

  it('what it keeps is frozen: a consumer cannot change what the next check sees', async () => {
    const { cache } = setup();
    const p = await cache.readPolicy();
    expect(() => {
      'use strict';
      (p as { state: string }).state = 'none';
    }).toThrow(TypeError);
    if (p.state !== 'loaded') throw new Error('expected a policy');
    expect(() => (p.value.regiokantoren as unknown[]).push('x')).toThrow(TypeError);
  });
});

describe('the worker keeps the records under the store revision', () => {
  it('uses its copy while the revision is the same, and reads again once it changed', async () => {
    const { cache, stored, reads } = setup();
    expect(clientOf(await cache.readRecords())).toBe('C-1');
    expect(clientOf(await cache.readRecords())).toBe('C-1');
    expect(reads.records).toBe(1);
    stored.records = 2;
    stored.revision = 'rev-2'; // the options page imported a new file
    expect(clientOf(await cache.readRecords())).toBe('C-2');
    expect(reads.records).toBe(2);
  });

  it('a store that never had a revision still reads fresh after the first change', async () => {
    const { cache, stored } = setup();
    stored.revision = null;
    expect(clientOf(await cache.readRecords())).toBe('C-1');
    stored.records = 3;
    stored.revision = 'rev-3';
    expect(clientOf(await cache.readRecords())).toBe('C-3');
  });
});

import { describe, expect, it } from 'vitest';
import { appendEntry, verifyChain, GENESIS_HASH, entryHash, describeBreak } from '../../../../utils/core/audit/chain.ts';
import type { AuditEntry } from '../../../../utils/core/audit/types.ts';

async function makeLog(n: number): Promise<AuditEntry[]> {
  const log: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  for (let i = 0; i < n; i++) {
    prev = await appendEntry(
      prev,
      i % 2 ? 'decision' : 'verdict',
      { checkId: `chk-${i}`, codes: ['APPROVAL_MISSING'], recipients: [`hr${i}@werkgever-a.nl`], n: i },
      new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString(),
    );
    log.push(prev);
  }
  return log;
}

const clone = (log: AuditEntry[]): AuditEntry[] => JSON.parse(JSON.stringify(log));

describe('appendEntry', () => {
  it('starts at seq 1 on the genesis hash and links each entry to the one before', async () => {
    const log = await makeLog(3);
    expect(log.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(log[0]!.prevHash).toBe(GENESIS_HASH);
    expect(log[1]!.prevHash).toBe(log[0]!.hash);
    expect(log[2]!.prevHash).toBe(log[1]!.hash);
    expect(log[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the entry without its hash field, independent of key order', async () => {
    const [e] = await makeLog(1);
    const { hash, ...rest } = e!;
    const reordered = { prevHash: rest.prevHash, data: rest.data, type: rest.type, at: rest.at, seq: rest.seq };
    expect(await entryHash(reordered)).toBe(hash);
  });

  it('refuses content-sized strings and a time that is not ISO', async () => {
    await expect(appendEntry(null, 'verdict', { body: 'x'.repeat(5000) }, '2026-11-25T10:00:00Z')).rejects.toThrow(/content/);
    await expect(appendEntry(null, 'verdict', {}, 'yesterday')).rejects.toThrow(/ISO/);
  });
});

describe('verifyChain', () => {
  it('accepts an untouched log, and an empty one', async () => {
    const log = await makeLog(5);
    expect(await verifyChain(log)).toEqual({ ok: true, length: 5, headHash: log[4]!.hash, firstSeq: 1 });
    expect(await verifyChain([])).toEqual({ ok: true, length: 0, headHash: GENESIS_HASH, firstSeq: 1 });
  });

  it('survives a JSON round trip (export and re-import)', async () => {
    const log = await makeLog(4);
    expect((await verifyChain(clone(log))).ok).toBe(true);
  });

  const tamperings: [string, (e: AuditEntry) => void][] = [
    ['seq', (e) => (e.seq += 10)],
    ['at', (e) => (e.at = '2020-01-01T00:00:00.000Z')],
    ['type', (e) => (e.type = 'cancelled')],
    ['data value', (e) => ((e.data as { checkId: string }).checkId = 'chk-forged')],
    ['data array', (e) => ((e.data as { codes: string[] }).codes = [])],
    ['data added key', (e) => (e.data['extra'] = 1)],
    ['data removed key', (e) => delete e.data['recipients']],
    ['prevHash', (e) => (e.prevHash = 'f'.repeat(64))],
    ['hash', (e) => (e.hash = 'a'.repeat(64))],
  ];
  for (const [field, tamper] of tamperings) {
    for (const index of [0, 2, 4]) {
      it(`detects a change to ${field} of entry ${index}`, async () => {
        const log = clone(await makeLog(5));
        tamper(log[index]!);
        const result = await verifyChain(log);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.brokenAt).toBe(index);
      });
    }
  }

  it('detects a deleted entry in the middle and at the start', async () => {
    const log = await makeLog(5);
    const middle = [...log.slice(0, 2), ...log.slice(3)];
    expect(await verifyChain(middle)).toMatchObject({ ok: false, brokenAt: 2 });
    expect(await verifyChain(log.slice(1))).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('detects two entries swapped', async () => {
    const log = await makeLog(5);
    const swapped = [log[0]!, log[2]!, log[1]!, log[3]!, log[4]!];
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects a forged entry inserted with a consistent seq but a recomputed hash', async () => {
    const log = await makeLog(3);
    const forged = await appendEntry(log[0]!, 'decision', { checkId: 'forged' }, '2026-11-25T10:00:00.500Z');
    const withForged = [log[0]!, forged, log[1]!, log[2]!];
    expect(await verifyChain(withForged)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a re-hashed entry (attacker recomputes one hash) at the next link', async () => {
    const log = clone(await makeLog(4));
    log[1]!.data['checkId'] = 'changed';
    log[1]!.hash = await entryHash(log[1]!);
    expect(await verifyChain(log)).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('reports junk in place of an entry instead of throwing', async () => {
    const log = await makeLog(2);
    expect(await verifyChain([log[0]!, null as unknown as AuditEntry])).toMatchObject({ ok: false, brokenAt: 1 });
  });
});

// A log of 6, then a purge entry (7) that keeps entries from seq 4, then entries 1-3 deleted.
async function purged() {
  const log = await makeLog(6);
  const purge = await appendEntry(log[5]!, 'audit-purged', { purged: 3, cutoff: '2026-11-25T10:00:03.000Z', keptFromSeq: 4, keptFromPrevHash: log[2]!.hash }, '2026-11-25T11:00:00.000Z');
  return { full: [...log, purge], kept: [...log.slice(3), purge] };
}

describe('verifyChain across a retention purge (anchored at the first kept entry)', () => {
  it('accepts the log before the deletion (from the genesis) and after it (from the anchor)', async () => {
    const { full, kept } = await purged();
    expect(await verifyChain(full)).toMatchObject({ ok: true, firstSeq: 1 });
    expect(await verifyChain(kept)).toMatchObject({ ok: true, length: 4, firstSeq: 4 });
  });

  it('refuses one more entry cut off at the purge boundary', async () => {
    const { kept } = await purged();
    const r = await verifyChain(kept.slice(1));
    expect(r).toMatchObject({ ok: false, brokenAt: 0 });
    expect(!r.ok && r.reason).toMatch(/last purge kept entries from 4/);
  });

  it('refuses entries cut from the start with no purge recorded', async () => {
    const log = await makeLog(5);
    const r = await verifyChain(log.slice(2));
    expect(r).toMatchObject({ ok: false, brokenAt: 0 });
    expect(!r.ok && r.reason).toMatch(/no purge recorded/);
  });

  it('refuses a first kept entry whose link does not match the purge record (edited anchor entry)', async () => {
    const { kept } = await purged();
    const edited = clone(kept);
    edited[0]!.prevHash = 'f'.repeat(64);
    expect(await verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 0 });
  });

  it('names the broken line and entry in one sentence', async () => {
    const { kept } = await purged();
    const edited = clone(kept);
    (edited[2]!.data as Record<string, unknown>).n = 99;
    const r = await verifyChain(edited);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeBreak(r, edited)).toBe('line 3 (entry 6): entry content does not match its hash (changed)');
  });
});

import { describe, expect, it } from 'vitest';
import { appendEntry, verifyChain } from '../../../../utils/core/audit/chain.ts';
import type { AuditEntry, ChainBreak } from '../../../../utils/core/audit/types.ts';
import { chainBreakText } from '../../../../utils/core/i18n/records.ts';

async function makeLog(n: number): Promise<AuditEntry[]> {
  const log: AuditEntry[] = [];
  let prev: AuditEntry | null = null;
  for (let i = 0; i < n; i++) {
    prev = await appendEntry(prev, 'verdict', { checkId: `chk-${i}`, client: 'C-1042' }, new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString());
    log.push(prev);
  }
  return log;
}

async function breakOf(entries: AuditEntry[]): Promise<ChainBreak> {
  const r = await verifyChain(entries);
  if (r.ok) throw new Error('chain unexpectedly intact');
  return r.break;
}

describe('chainBreakText: why the audit chain is broken, in Dutch and in English', () => {
  it('an edited entry', async () => {
    const log = JSON.parse(JSON.stringify(await makeLog(3))) as AuditEntry[];
    log[1]!.data = { ...log[1]!.data, client: 'C-2001' };
    const why = await breakOf(log);
    expect(why).toEqual({ kind: 'changed' });
    expect(chainBreakText('nl', why)).toBe('de inhoud van de regel past niet bij de vingerafdruk (gewijzigd)');
    expect(chainBreakText('en', why)).toBe('entry content does not match its hash (changed)');
  });

  it('a deleted entry in the middle names the sequence numbers', async () => {
    const log = await makeLog(4);
    const why = await breakOf([log[0]!, log[1]!, log[3]!]);
    expect(why).toEqual({ kind: 'sequence', seq: 4, expected: 3 });
    expect(chainBreakText('nl', why)).toBe('volgnummer 4, verwacht 3 (regel ontbreekt, toegevoegd of verplaatst)');
    expect(chainBreakText('en', why)).toBe('sequence number 4, expected 3 (entry missing, added or moved)');
  });

  it('entries cut from the start without a purge', async () => {
    const log = await makeLog(3);
    const why = await breakOf(log.slice(1));
    expect(chainBreakText('nl', why)).toBe('begint bij volgnummer 2 zonder vastgelegde opschoning (regels aan het begin verwijderd)');
    expect(chainBreakText('en', why)).toMatch(/^starts at sequence number 2 with no purge recorded/);
  });

  it('every kind has a sentence in both languages, and the English one is the check\'s own reason', async () => {
    const kinds: ChainBreak[] = [
      { kind: 'start-no-purge', firstSeq: 5 },
      { kind: 'start-after-purge', firstSeq: 5, keptFromSeq: 4 },
      { kind: 'not-entry' },
      { kind: 'sequence', seq: 3, expected: 2 },
      { kind: 'link' },
      { kind: 'purge-link' },
      { kind: 'unhashable', error: 'cyclic' },
      { kind: 'changed' },
    ];
    const { breakReason } = await import('../../../../utils/core/audit/chain.ts');
    for (const why of kinds) {
      const nl = chainBreakText('nl', why);
      expect(nl).not.toMatch(/[{}]/);
      expect(nl).not.toBe(chainBreakText('en', why));
      expect(chainBreakText('en', why)).toBe(breakReason(why));
    }
  });
});

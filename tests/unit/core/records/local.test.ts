import { describe, expect, it } from 'vitest';
import { mergeRecords, approvalsFor, LocalAdditionSchema, type LocalAddition } from '../../../../utils/core/records/local.ts';
import { clientById } from '../../../../utils/core/records/lookup.ts';
import { APPROVED, OLD_VERSION, hashOf, makeRecords } from '../../../helpers/engine.ts';

const at = (d: string) => `2026-${d}Z`;
let n = 0;
function add(patch: Partial<LocalAddition> & Pick<LocalAddition, 'type'>): LocalAddition {
  const base = { id: `a-${++n}`, clientId: 'C-1042', recordedAt: at('11-20T10:00:00'), recordedBy: 'a.jansen@focus-nederland.nl' };
  const defaults: Record<LocalAddition['type'], object> = {
    approval: { documentSha256: hashOf('rapport-v3'), approvedAt: at('11-20T09:30:00'), method: 'email' },
    'health-consent': { givenAt: at('11-20T09:00:00'), evidenceSha256: hashOf('toestemming.pdf'), scope: 'medische gegevens bedrijfsarts' },
    'health-consent-withdrawn': { withdrawnAt: at('11-21T09:00:00') },
    'profile-consent': { givenAt: at('11-20T09:00:00'), explicit: true, anonymisedOnly: false },
  };
  return LocalAdditionSchema.parse({ ...base, ...defaults[patch.type], ...patch });
}

const client = (records: ReturnType<typeof mergeRecords>['records'], id = 'C-1042') => clientById(records, id)!;

describe('mergeRecords: local additions over the base', () => {
  it('adds a recorded approval next to those of the base, never replacing them', () => {
    const base = makeRecords();
    const merged = mergeRecords(base, [add({ type: 'approval' })]);
    const c = client(merged.records);
    expect(c.approvals.map((a) => a.documentSha256)).toEqual([APPROVED, hashOf('rapport-v3')]);
    expect(c.approvals[1]).toMatchObject({ method: 'email', recordedBy: 'a.jansen@focus-nederland.nl' });
    // inputs untouched
    expect(clientById(base, 'C-1042')!.approvals).toHaveLength(1);
  });

  it('takes the same approval once (base and local, or twice local)', () => {
    const dup = add({ type: 'approval', documentSha256: APPROVED, approvedAt: '2026-11-02T10:00:00Z' });
    const merged = mergeRecords(makeRecords(), [dup, { ...dup, id: 'other' }]);
    expect(client(merged.records).approvals).toHaveLength(1);
  });

  it('matches the client id in any of its written forms', () => {
    const merged = mergeRecords(makeRecords(), [add({ type: 'approval', clientId: 'c1042' })]);
    expect(client(merged.records).approvals).toHaveLength(2);
  });

  it('keeps additions for a client the base does not know as unmatched, creating no client', () => {
    const merged = mergeRecords(makeRecords(), [add({ type: 'approval', clientId: 'C-9999' })]);
    expect(merged.unmatched.map((a) => a.clientId)).toEqual(['C-9999']);
    expect(merged.records.clients).toHaveLength(2);
  });

  // Consent: the latest fact wins, base and local alike; a withdrawal wins a tie.
  const consentCases: { name: string; base?: object | null; local: Partial<LocalAddition>[]; valid: boolean; withdrawnAt?: string | null }[] = [
    { name: 'a local written consent for a client without one', base: null, local: [{ type: 'health-consent' }], valid: true },
    { name: 'a local withdrawal after the base consent', local: [{ type: 'health-consent-withdrawn', withdrawnAt: at('11-21T09:00:00') }], valid: false, withdrawnAt: at('11-21T09:00:00') },
    {
      name: 'a new local consent after the client system withdrew',
      base: { written: true, givenAt: at('10-01T09:00:00'), withdrawnAt: at('11-01T09:00:00') },
      local: [{ type: 'health-consent', givenAt: at('11-15T09:00:00') }],
      valid: true,
    },
    {
      name: 'a withdrawal from the client system later than the local consent',
      base: { written: true, givenAt: at('10-01T09:00:00'), withdrawnAt: at('11-22T09:00:00') },
      local: [{ type: 'health-consent', givenAt: at('11-15T09:00:00') }],
      valid: false,
      withdrawnAt: at('11-22T09:00:00'),
    },
    {
      name: 'a consent and a withdrawal at the same moment (the withdrawal wins)',
      base: null,
      local: [{ type: 'health-consent', givenAt: at('11-15T09:00:00') }, { type: 'health-consent-withdrawn', withdrawnAt: at('11-15T09:00:00') }],
      valid: false,
    },
    { name: 'a withdrawal with no consent at all', base: null, local: [{ type: 'health-consent-withdrawn' }], valid: false },
  ];
  for (const c of consentCases) {
    it(`health consent: ${c.name}`, () => {
      const base = makeRecords((r) => {
        if (c.base !== undefined) (r.clients[0] as Record<string, unknown>).healthConsent = c.base;
      });
      const merged = client(mergeRecords(base, c.local.map((l) => add(l as LocalAddition))).records);
      const hc = merged.healthConsent;
      const valid = !!hc && hc.written && hc.withdrawnAt === null;
      expect(valid).toBe(c.valid);
      if (c.withdrawnAt !== undefined) expect(hc?.withdrawnAt ?? null).toBe(c.withdrawnAt);
    });
  }

  it('records the evidence hash and scope of a local consent', () => {
    const merged = client(mergeRecords(makeRecords((r) => delete (r.clients[0] as Record<string, unknown>).healthConsent), [add({ type: 'health-consent' })]).records);
    expect(merged.healthConsent).toMatchObject({ written: true, evidenceSha256: hashOf('toestemming.pdf'), scope: 'medische gegevens bedrijfsarts', withdrawnAt: null });
  });

  it('profile consent: the latest given wins, anonymised-only included', () => {
    const merged = client(
      mergeRecords(makeRecords(), [
        add({ type: 'profile-consent', givenAt: at('11-10T09:00:00'), anonymisedOnly: false }),
        add({ type: 'profile-consent', givenAt: at('11-12T09:00:00'), anonymisedOnly: true }),
      ]).records,
    );
    expect(merged.profileConsent).toMatchObject({ explicit: true, anonymisedOnly: true, givenAt: at('11-12T09:00:00') });
  });

  it('approvalsFor lists the approvals of one document, newest first', () => {
    const c = client(
      mergeRecords(makeRecords(), [add({ type: 'approval', documentSha256: OLD_VERSION, approvedAt: at('10-01T09:00:00') }), add({ type: 'approval', documentSha256: OLD_VERSION, approvedAt: at('10-05T09:00:00') })]).records,
    );
    expect(approvalsFor(c, OLD_VERSION).map((a) => a.approvedAt)).toEqual([at('10-05T09:00:00'), at('10-01T09:00:00')]);
    expect(approvalsFor(c, hashOf('none'))).toEqual([]);
  });

  it('refuses an addition of the wrong form (method outside the list, hash in capitals)', () => {
    expect(LocalAdditionSchema.safeParse({ id: 'x', clientId: 'C-1', recordedAt: at('11-01T00:00:00'), type: 'approval', documentSha256: APPROVED, approvedAt: at('11-01T00:00:00'), method: 'telepathy' }).success).toBe(false);
    expect(LocalAdditionSchema.safeParse({ id: 'x', clientId: 'C-1', recordedAt: at('11-01T00:00:00'), type: 'approval', documentSha256: APPROVED.toUpperCase(), approvedAt: at('11-01T00:00:00'), method: 'email' }).success).toBe(false);
  });
});

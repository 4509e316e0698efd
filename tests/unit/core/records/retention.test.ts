import { describe, expect, it } from 'vitest';
import { retentionCutoff, expiredAdditions, expiredFollowUps, purgeRecords } from '../../../../utils/core/records/retention.ts';
import { LocalAdditionSchema } from '../../../../utils/core/records/local.ts';
import { FollowUpSchema } from '../../../../utils/core/records/follow-ups.ts';
import { hashOf, makeRecords } from '../../../helpers/engine.ts';

describe('retentionCutoff', () => {
  it.each([
    ['2026-11-25T12:00:00.000Z', 24, '2024-11-25T12:00:00.000Z'],
    ['2026-03-31T08:00:00.000Z', 1, '2026-02-28T08:00:00.000Z'], // clamped to the month's last day
    ['2028-02-29T00:00:00.000Z', 12, '2027-02-28T00:00:00.000Z'],
    ['2026-01-15T00:00:00.000Z', 13, '2024-12-15T00:00:00.000Z'],
  ])('%s minus %i months is %s', (now, months, cutoff) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(cutoff);
  });
});

const cutoff = new Date('2024-11-25T12:00:00Z');
const base = { clientId: 'C-1042', recordedAt: '2024-01-01T00:00:00Z' };
const a = (o: object) => LocalAdditionSchema.parse({ ...base, ...o });

describe('expiredAdditions (fake clock: the cutoff is fixed)', () => {
  it('drops approvals from before the cutoff, keeps the one on the cutoff and after', () => {
    const list = [
      a({ id: 'old', type: 'approval', documentSha256: hashOf('1'), approvedAt: '2024-11-25T11:59:59Z', method: 'email' }),
      a({ id: 'edge', type: 'approval', documentSha256: hashOf('2'), approvedAt: '2024-11-25T12:00:00Z', method: 'email' }),
      a({ id: 'new', type: 'approval', documentSha256: hashOf('3'), approvedAt: '2026-01-01T00:00:00Z', method: 'signed' }),
    ];
    expect([...expiredAdditions(list, cutoff)]).toEqual(['old']);
  });

  it('drops a consent with its withdrawal once withdrawn before the cutoff; keeps a consent in force however old', () => {
    const consent = { type: 'health-consent', evidenceSha256: hashOf('c'), scope: 'bedrijfsarts' };
    const list = [
      a({ id: 'c-old', ...consent, givenAt: '2022-01-01T00:00:00Z' }),
      a({ id: 'w-old', type: 'health-consent-withdrawn', withdrawnAt: '2023-01-01T00:00:00Z' }),
      a({ id: 'c-kept', ...consent, clientId: 'C-2001', givenAt: '2021-01-01T00:00:00Z' }),
      a({ id: 'c-recent-w', ...consent, clientId: 'C-7', givenAt: '2022-01-01T00:00:00Z' }),
      a({ id: 'w-recent', type: 'health-consent-withdrawn', clientId: 'C-7', withdrawnAt: '2026-01-01T00:00:00Z' }),
    ];
    expect([...expiredAdditions(list, cutoff)].toSorted()).toEqual(['c-old', 'w-old']);
  });

  it('drops an old profile consent only when a later one replaced it', () => {
    const p = { type: 'profile-consent', explicit: true, anonymisedOnly: false };
    const list = [a({ id: 'p1', ...p, givenAt: '2022-01-01T00:00:00Z' }), a({ id: 'p2', ...p, givenAt: '2023-01-01T00:00:00Z' }), a({ id: 'p-only', ...p, clientId: 'C-9', givenAt: '2020-01-01T00:00:00Z' })];
    expect([...expiredAdditions(list, cutoff)]).toEqual(['p1']);
  });
});

const f = (id: string, doneAt: string | null) => FollowUpSchema.parse({ id, clientId: 'C-1042', kind: 'inform-progress', createdAt: '2022-01-01T00:00:00Z', doneAt });

describe('expiredFollowUps', () => {
  it('drops follow-ups done before the cutoff; open ones stay', () => {
    expect([...expiredFollowUps([f('done-old', '2023-01-01T00:00:00Z'), f('open-old', null), f('done-new', '2025-01-01T00:00:00Z')], cutoff)]).toEqual(['done-old']);
  });
});

describe('purgeRecords (imported base)', () => {
  it('removes old approvals and consents withdrawn before the cutoff, and counts them', () => {
    const records = makeRecords((r) => {
      r.clients[0]!.approvals[0]!.approvedAt = '2024-01-01T00:00:00Z';
      (r.clients[1] as Record<string, unknown>).healthConsent = { written: true, givenAt: '2022-01-01T00:00:00Z', withdrawnAt: '2023-06-01T00:00:00Z' };
    });
    const out = purgeRecords(records, cutoff);
    expect(out).toMatchObject({ approvals: 1, consents: 1 });
    expect(out.records.clients[0]!.approvals).toEqual([]);
    expect(out.records.clients[0]!.healthConsent).toMatchObject({ written: true });
    expect(out.records.clients[1]!.healthConsent).toBeNull();
    expect(purgeRecords(makeRecords(), cutoff)).toMatchObject({ approvals: 0, consents: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { followUpsForSent, isOpen } from '../../../../utils/core/records/follow-ups.ts';
import { APPROVED } from '../../../helpers/engine.ts';

const now = new Date('2026-11-25T12:00:00Z');
let n = 0;
const id = () => `f-${++n}`;

describe('followUpsForSent', () => {
  const cases = [
    { name: 'progress info → inform the client orally', codes: ['PROGRESS_INFO'], kinds: ['inform-progress'] },
    { name: 'exception ground → inform the client', codes: ['EXCEPTION_GROUND_USED'], kinds: ['inform-exception'] },
    { name: 'an approved full report → nothing to do', codes: ['ATTACHMENT_CONVERTED'], kinds: [] },
    { name: 'approval round → record the approval when the client agrees', codes: [], kinds: ['await-approval'], approvalRound: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const out = followUpsForSent(
        { checkId: 'chk-1', client: 'C-1042', codes: c.codes, exceptionGround: 'legal-obligation', approvalRound: c.approvalRound, documents: [{ sha256: APPROVED, name: 'rapport.pdf' }] },
        now,
        id,
      );
      expect(out.map((f) => f.kind)).toEqual(c.kinds);
      for (const f of out) expect(f).toMatchObject({ clientId: 'C-1042', checkId: 'chk-1', createdAt: now.toISOString(), doneAt: null });
      if (c.kinds[0] === 'inform-exception') expect(out[0]!.ground).toBe('legal-obligation');
      if (c.kinds[0] === 'await-approval') expect(out[0]!.documents).toEqual([{ sha256: APPROVED, name: 'rapport.pdf' }]);
      expect(out.every(isOpen)).toBe(true);
    });
  }

  it('makes none without a client', () => {
    expect(followUpsForSent({ checkId: 'c', client: null, codes: ['PROGRESS_INFO'], exceptionGround: null }, now, id)).toEqual([]);
  });
});

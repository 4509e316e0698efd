// rules/health.ts: HEALTH_CONSENT_MISSING, HEALTH_DATA_DECLARED_ABSENT, HEALTH_DATA_IN_BODY.
import { describe, expect, it } from 'vitest';
import { analysed, blocking, check, codes, makePolicy, makeRecords, policy } from '../../../../helpers/engine.ts';

const healthAtt = () => analysed('rapport.pdf', { text: 'Cliënt heeft een burn-out en rugklachten.' });

describe('evaluate: health data', () => {
  it('allows health data with written, current consent', () => {
    expect(check({}, [healthAtt()]).verdict).toBe('allow');
  });

  it('blocks health data in an attachment without consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(blocking(check({}, [healthAtt()], policy, r))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });

  it('blocks health data in the body without consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(codes(check({ body: 'Hij had last van whiplash.' }, undefined, policy, r))).toContain('HEALTH_CONSENT_MISSING');
  });

  it('treats consent that is not written, withdrawn, or not yet given as missing', () => {
    const variants = [
      (c: Record<string, unknown>) => (c.written = false),
      (c: Record<string, unknown>) => (c.withdrawnAt = '2026-11-20T00:00:00Z'),
      (c: Record<string, unknown>) => (c.givenAt = '2026-12-01T00:00:00Z'),
    ];
    for (const mutate of variants) {
      const r = makeRecords((x) => mutate(x.clients[0]!.healthConsent as Record<string, unknown>));
      expect(codes(check({}, [healthAtt()], policy, r))).toContain('HEALTH_CONSENT_MISSING');
    }
    const later = makeRecords((x) => ((x.clients[0]!.healthConsent as Record<string, unknown>).withdrawnAt = '2027-01-01T00:00:00Z'));
    expect(check({}, [healthAtt()], policy, later).verdict).toBe('allow');
  });

  it('needs consent when the user declares health data, even if none is detected', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(blocking(check({ containsHealthData: true }, undefined, policy, r))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });

  it('accepts a justified override as a warning, and keeps the detection without one', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const ok = check(
      { containsHealthData: false, healthOverrideJustification: 'Burn-out is hier de naam van een project' },
      [healthAtt()],
      policy,
      r,
    );
    expect(blocking(ok)).toEqual(['HEALTH_DATA_DECLARED_ABSENT:C-1042']);
    const short = check({ containsHealthData: false, healthOverrideJustification: 'geen' }, [healthAtt()], policy, r);
    expect(codes(short)).toContain('HEALTH_CONSENT_MISSING');
  });

  it('does not let an exception ground replace health consent', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const ex = { ground: 'vital-interest', justification: 'Acuut gevaar, arts moet dit nu weten' };
    expect(codes(check({ exception: ex }, [healthAtt()], policy, r))).toContain('HEALTH_CONSENT_MISSING');
  });

  it('needs no consent for the approval round to the client alone', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    expect(check({ to: ['jdevries@example.org'] }, [healthAtt()], policy, r).verdict).toBe('allow');
  });

  it('applies the policy health-term adjustments', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
    const att = [analysed('rapport.pdf', { text: 'Na de whiplash volgt een traject.' })];
    expect(codes(check({}, att, policy, r))).toContain('HEALTH_CONSENT_MISSING');
    const noWhiplash = makePolicy({ healthTerms: { add: [], remove: ['whiplash'] } });
    expect(check({}, att, noWhiplash, r).verdict).toBe('allow');
  });
});

describe('evaluate: mail without attachments', () => {
  it('warns for health data in the body to recipients outside the whitelist only', () => {
    const body = 'Zij is met burn-out thuis.';
    const v = check({ to: ['hr@werkgever-a.nl', 'iemand@gmail.com'], body }, []);
    expect(blocking(v)).toEqual(['HEALTH_DATA_IN_BODY:iemand@gmail.com']);
    expect(check({ to: ['hr@werkgever-a.nl'], body }, []).verdict).toBe('allow');
    expect(check({ to: ['jdevries@example.org'], body }, []).verdict).toBe('allow');
  });
});

describe('evaluate: edge cases', () => {
  it('warns for declared health data in a plain mail to an outside recipient', () => {
    const v = check({ to: ['vriend@hotmail.com'], containsHealthData: true }, []);
    expect(blocking(v)).toEqual(['HEALTH_DATA_IN_BODY:vriend@hotmail.com']);
    expect(v.findings[0]!.message).not.toContain('()');
  });

  it('accepts a justified override on plain mail as a warning instead of HEALTH_DATA_IN_BODY', () => {
    const v = check(
      { to: ['vriend@hotmail.com'], body: 'Ik heb een burn-out cursus gevolgd.', containsHealthData: false, healthOverrideJustification: 'Het gaat om een cursus over werkdruk' },
      [],
    );
    expect(blocking(v)).toEqual(['HEALTH_DATA_DECLARED_ABSENT:C-1042']);
  });
});

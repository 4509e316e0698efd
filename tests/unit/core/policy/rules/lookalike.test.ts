// rules/lookalike.ts: RECIPIENT_LOOKALIKE (block on report mail, warn otherwise).
import { describe, expect, it } from 'vitest';
import { OLD_VERSION, analysed, check, codes, makeRecords, policy } from '../../../../helpers/engine.ts';

describe('evaluate: recipients on report mail', () => {
  it('adds RECIPIENT_LOOKALIKE on top for a confusable domain', () => {
    const v = check({ to: ['hr@werkgever-a.n1'] });
    expect(codes(v)).toContain('RECIPIENT_NOT_WHITELISTED');
    const look = v.findings.find((f) => f.code === 'RECIPIENT_LOOKALIKE');
    expect(look).toMatchObject({ severity: 'block', subject: 'hr@werkgever-a.n1' });
    expect(look?.details?.resembles).toBeTruthy();
    const v2 = check({ to: ['info@uvw.nl'] });
    expect(codes(v2)).toEqual(expect.arrayContaining(['RECIPIENT_NOT_WHITELISTED', 'RECIPIENT_LOOKALIKE']));
  });
});

describe('evaluate: mail without attachments', () => {
  it('warns for a lookalike recipient', () => {
    const v = check({ to: ['hr@werkgever-a.n1'] }, []);
    expect(v.verdict).toBe('warn');
    expect(v.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['RECIPIENT_LOOKALIKE:warn']);
  });
});

describe('evaluate: edge cases', () => {
  it('does not let a whitelisted client address escape as a lookalike of itself', () => {
    const r = makeRecords((x) => (x.clients[0]!.email = 'hr@werkgever-a.nl'));
    expect(check({ to: ['hr@werkgever-a.nl'] }, [analysed('c.pdf', { sha256: OLD_VERSION })], policy, r).verdict).toBe('allow');
  });
});

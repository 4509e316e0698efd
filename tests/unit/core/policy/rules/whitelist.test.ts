// rules/whitelist.ts: RECIPIENT_NOT_WHITELISTED.
import { describe, expect, it } from 'vitest';
import { blocking, check, codes, makeRecords, policy } from '../../../../helpers/engine.ts';

describe('evaluate: recipients on report mail', () => {
  it('blocks an address outside the whitelist', () => {
    const v = check({ to: ['hr@bouwbedrijf-jansen.nl'] });
    expect(v.verdict).toBe('block');
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@bouwbedrijf-jansen.nl']);
    // One letter away from a whitelisted domain: a lookalike as well.
    expect(blocking(check({ to: ['hr@werkgever-b.nl'] }))).toEqual([
      'RECIPIENT_NOT_WHITELISTED:hr@werkgever-b.nl',
      'RECIPIENT_LOOKALIKE:hr@werkgever-b.nl',
    ]);
  });

  it('treats a different address at the domain of an address entry as not whitelisted, not as a lookalike', () => {
    const v = check({ to: ['directie@werkgever-a.nl'] });
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:directie@werkgever-a.nl']);
  });

  it('matches entries case-insensitively, with a trailing dot and *.domain for subdomains only', () => {
    expect(check({ to: ['HR@Werkgever-A.NL.'] }).verdict).toBe('allow');
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    expect(check({ to: ['x@zorg.achmea.nl'] }, undefined, policy, r).verdict).toBe('allow');
    expect(codes(check({ to: ['x@achmea.nl'] }, undefined, policy, r))).toContain('RECIPIENT_NOT_WHITELISTED');
  });

  it("blocks another regiokantoor's mailbox", () => {
    expect(blocking(check({ to: ['zwolle@focus-nederland.nl'] }))).toEqual(['RECIPIENT_NOT_WHITELISTED:zwolle@focus-nederland.nl']);
  });

  it('judges the real address behind a misleading display name against the whitelist too', () => {
    const outside = check({ to: ['"hr@werkgever-a.nl" <evil@attacker.example>'] });
    expect(blocking(outside)).toEqual(['RECIPIENT_INVALID:"hr@werkgever-a.nl" <evil@attacker.example>', 'RECIPIENT_NOT_WHITELISTED:evil@attacker.example']);
    // A whitelisted real address under another address's name: only the misleading name blocks.
    const inside = check({ to: ['"info@uwv.nl" <hr@werkgever-a.nl>'] });
    expect(codes(inside).filter((c) => c.startsWith('RECIPIENT_'))).toEqual(['RECIPIENT_INVALID']);
  });
});

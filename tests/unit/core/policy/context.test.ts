// The shared context (context.ts): who is what — roles, duplicates, the sender's regiokantoren.
import { describe, expect, it } from 'vitest';
import { blocking, check, codes, makeRecords, policy } from '../../../helpers/engine.ts';

describe('evaluate: recipients on report mail', () => {
  it('allows the regio mailbox and the client own address', () => {
    expect(check({ to: ['utrecht@focus-nederland.nl'] }).verdict).toBe('allow');
    expect(check({ to: ['J. de Vries <jdevries@example.org>'] }).verdict).toBe('allow');
  });

  it('checks Cc and Bcc too', () => {
    expect(blocking(check({ cc: ['x@gmail.com'] }))).toContain('RECIPIENT_NOT_WHITELISTED:x@gmail.com');
    expect(blocking(check({ bcc: ['y@gmail.com'] }))).toContain('RECIPIENT_NOT_WHITELISTED:y@gmail.com');
  });

  it('reports a duplicate recipient once', () => {
    const v = check({ to: ['x@gmail.com', 'X@GMAIL.COM'], cc: ['x@gmail.com'] });
    expect(codes(v).filter((c) => c === 'RECIPIENT_NOT_WHITELISTED')).toHaveLength(1);
  });
});

describe('evaluate: sender and regiokantoor', () => {
  it('uses the whitelist of the sender regiokantoor only', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    const v = check({ from: 'b.mulder@focus-nederland.nl', to: ['hr@werkgever-a.nl'] }, undefined, policy, r);
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.nl']);
    expect(v.findings[0]!.message).toContain('Regiokantoor Zwolle');
  });

  it('lets a sender in two regiokantoren use either whitelist, narrowed by the mailbox carried', () => {
    const r = makeRecords((x) => delete (x.clients[0] as { reportingAgreement?: unknown }).reportingAgreement);
    expect(check({ from: 'k.smit@focus-nederland.nl', to: ['personeel@gemeente-zwolle.nl'] }, undefined, policy, r).verdict).toBe('allow');
    expect(check({ from: 'k.smit@focus-nederland.nl', to: ['hr@werkgever-a.nl'] }, undefined, policy, r).verdict).toBe('allow');
    const narrowed = check(
      { from: 'k.smit@focus-nederland.nl', to: ['hr@werkgever-a.nl'], cc: ['zwolle@focus-nederland.nl'] },
      undefined,
      policy,
      r,
    );
    expect(blocking(narrowed)).toEqual(['RECIPIENT_NOT_WHITELISTED:hr@werkgever-a.nl']);
  });
});

// rules/invalid-recipient.ts: RECIPIENT_INVALID.
import { describe, expect, it } from 'vitest';
import { check, codes } from '../../../../helpers/engine.ts';

describe('evaluate: recipients on report mail', () => {
  it('blocks unparseable recipients and display names holding another address', () => {
    const v = check({ to: ['not an address'] });
    expect(codes(v)).toContain('RECIPIENT_INVALID');
    const v2 = check({ to: ['"hr@werkgever-a.nl" <evil@attacker.example>'] });
    expect(v2.findings.find((f) => f.code === 'RECIPIENT_INVALID')?.details?.problem).toBe('display-name-mismatch');
  });
});

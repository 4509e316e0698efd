// rules/agreement.ts: RECIPIENT_NOT_IN_AGREEMENT.
import { describe, expect, it } from 'vitest';
import { blocking, check } from '../../../../helpers/engine.ts';

describe('evaluate: recipients on report mail', () => {
  it('blocks a whitelisted recipient outside the client agreement', () => {
    const v = check({ to: ['a@zorg.achmea.nl'] });
    expect(blocking(v)).toEqual(['RECIPIENT_NOT_IN_AGREEMENT:a@zorg.achmea.nl']);
  });

  it('does not hold the client or the regio mailbox to the agreement', () => {
    expect(check({ to: ['hr@werkgever-a.nl'], cc: ['jdevries@example.org', 'utrecht@focus-nederland.nl'] }).verdict).toBe('allow');
  });
});

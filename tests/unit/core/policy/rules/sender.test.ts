// rules/sender.ts: SENDER_UNKNOWN, NOT_VIA_REGIOKANTOOR.
import { describe, expect, it } from 'vitest';
import { analysed, blocking, check, codes, hashOf, makePolicy } from '../../../../helpers/engine.ts';

describe('evaluate: sender and regiokantoor', () => {
  it('blocks report mail from an address in no regiokantoor', () => {
    const v = check({ from: 'stagiair@gmail.com' });
    expect(blocking(v)).toEqual(['SENDER_UNKNOWN:stagiair@gmail.com']);
  });

  it('accepts the regio mailbox as sender and a display name on From', () => {
    expect(check({ from: 'utrecht@focus-nederland.nl' }).verdict).toBe('allow');
    expect(check({ from: 'A. Jansen <a.jansen@focus-nederland.nl>' }).verdict).toBe('allow');
  });

  it('requires the regio mailbox in Cc/Bcc or as sender when requireRegioMailbox', () => {
    const strict = makePolicy({ requireRegioMailbox: true });
    expect(blocking(check({}, undefined, strict))).toEqual(['NOT_VIA_REGIOKANTOOR:utrecht@focus-nederland.nl']);
    expect(check({ cc: ['utrecht@focus-nederland.nl'] }, undefined, strict).verdict).toBe('allow');
    expect(check({ bcc: ['utrecht@focus-nederland.nl'] }, undefined, strict).verdict).toBe('allow');
    expect(check({ from: 'utrecht@focus-nederland.nl' }, undefined, strict).verdict).toBe('allow');
    // Mail to the client alone is exempt.
    expect(check({ to: ['jdevries@example.org'] }, [analysed('concept.pdf', { sha256: hashOf('concept') })], strict).verdict).toBe('allow');
  });
});

describe('evaluate: edge cases', () => {
  it('treats an empty or double From as an unknown sender', () => {
    expect(codes(check({ from: '' }))).toContain('SENDER_UNKNOWN');
    expect(codes(check({ from: 'a.jansen@focus-nederland.nl, k.smit@focus-nederland.nl' }))).toContain('SENDER_UNKNOWN');
  });
});

import { describe, expect, it } from 'vitest';
import { addressOf, splitAddressList } from '../../../../utils/browser/webmail/address-list.ts';

describe('splitAddressList', () => {
  it('splits the recipient widget value (pills end in a comma) into mailboxes', () => {
    expect(splitAddressList('Personeelszaken <hr@werkgever-a.nl>,b@uwv.nl,')).toEqual(['Personeelszaken <hr@werkgever-a.nl>', 'b@uwv.nl']);
  });
  it('keeps separators inside quotes and angle brackets', () => {
    expect(splitAddressList('"Jansen, P" <p@x.nl>; <q;r@y.nl>')).toEqual(['"Jansen, P" <p@x.nl>', '<q;r@y.nl>']);
  });
  it('joins an unquoted display name with a comma to its address', () => {
    expect(splitAddressList('Jansen, P <p@x.nl>, c@z.nl')).toEqual(['Jansen, P <p@x.nl>', 'c@z.nl']);
  });
  it('keeps half-typed text as a recipient (so the engine can flag it)', () => {
    expect(splitAddressList('a@b.nl, jansen')).toEqual(['a@b.nl', 'jansen']);
  });
  it('is empty for an empty field', () => {
    expect(splitAddressList('  ')).toEqual([]);
  });
});

describe('addressOf', () => {
  it('takes the address from "Name <address>" or the bare text', () => {
    expect(addressOf('A. Jansen <a.jansen@focus-nederland.nl>')).toBe('a.jansen@focus-nederland.nl');
    expect(addressOf(' a@b.nl ')).toBe('a@b.nl');
  });
});

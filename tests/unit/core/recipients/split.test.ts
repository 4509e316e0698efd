import { describe, expect, it } from 'vitest';
import { groupColon, splitTopLevel, stripCfws } from '../../../../utils/core/recipients/split.ts';

describe('splitTopLevel', () => {
  it('splits on top-level commas and semicolons only', () => {
    expect(splitTopLevel('a@uwv.nl; "x;y, z" <b@uwv.nl>, c@uwv.nl (p;q,r), <d@uwv.nl>').map((s) => s.text)).toEqual([
      'a@uwv.nl',
      '"x;y, z" <b@uwv.nl>',
      'c@uwv.nl (p;q,r)',
      '<d@uwv.nl>',
    ]);
  });

  it('keeps a group with its terminator and adds a missing one', () => {
    expect(splitTopLevel('Team: a@x.nl, b@y.nl; c@z.nl')).toEqual([
      { text: 'Team: a@x.nl, b@y.nl;', group: true },
      { text: 'c@z.nl', group: false },
    ]);
    expect(splitTopLevel('Team: a@x.nl')).toEqual([{ text: 'Team: a@x.nl;', group: true }]);
  });

  it('respects escapes and nested comments', () => {
    expect(splitTopLevel('"a\\", b" <a@x.nl>, (c (d, e) f) g@x.nl').map((s) => s.text)).toEqual(['"a\\", b" <a@x.nl>', '(c (d, e) f) g@x.nl']);
  });

  it('does not split inside domain literals', () => {
    expect(splitTopLevel('x@[1,2;3], y@x.nl').map((s) => s.text)).toEqual(['x@[1,2;3]', 'y@x.nl']);
  });

  it('finds the group colon outside quotes', () => {
    expect(groupColon('"a:b" <x@y.nl>')).toBe(-1);
    expect(groupColon('"a:b": x@y.nl;')).toBe(5);
  });
});

describe('stripCfws', () => {
  it('removes comments and whitespace outside quotes', () => {
    expect(stripCfws(' (c) a . b ')).toBe('a.b');
    expect(stripCfws(' "jan de vries" ')).toBe('"jan de vries"');
    expect(stripCfws('"a\\"b" (x\\)y)')).toBe('"a\\"b"');
  });
});

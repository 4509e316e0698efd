import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { parseRecipientList } from '../../../../utils/core/recipients/parse.ts';

const addresses = (input: string | readonly string[]) => parseRecipientList(input).map((r) => r.address);

describe('parseRecipientList: well-formed input', () => {
  it('parses a display name and normalises the address', () => {
    expect(parseRecipientList('Personeelszaken <HR@Werkgever-A.nl>')).toEqual([
      { raw: 'Personeelszaken <HR@Werkgever-A.nl>', displayName: 'Personeelszaken', address: 'hr@werkgever-a.nl', domain: 'werkgever-a.nl', problem: null },
    ]);
  });

  it('splits on commas and semicolons, skipping empty items and stray whitespace', () => {
    expect(addresses(' a.jansen@uwv.nl ;  hr@werkgever-a.nl,, ; ,  p.devries@eu.achmea.nl ; ')).toEqual([
      'a.jansen@uwv.nl',
      'hr@werkgever-a.nl',
      'p.devries@eu.achmea.nl',
    ]);
    expect(parseRecipientList(' , ;  ')).toEqual([]);
    expect(parseRecipientList([])).toEqual([]);
  });

  it('accepts one string per field or chip', () => {
    expect(addresses(['a@uwv.nl', 'Jan <j@werkgever-a.nl>; k@werkgever-a.nl', ''])).toEqual(['a@uwv.nl', 'j@werkgever-a.nl', 'k@werkgever-a.nl']);
  });

  it('ignores separators inside quotes, comments and angle brackets', () => {
    const r = parseRecipientList('"Vries, Jan; de" <jan@uwv.nl>, Piet (werk; intern, 2e lijn) <piet@uwv.nl>');
    expect(r.map((x) => [x.displayName, x.address, x.problem])).toEqual([
      ['Vries, Jan; de', 'jan@uwv.nl', null],
      ['Piet', 'piet@uwv.nl', null],
    ]);
  });

  it('keeps an unquoted "Achternaam, Voornaam <addr>" together', () => {
    const r = parseRecipientList('Jansen, Piet <p.jansen@werkgever-a.nl>, de Vries, Jan <j.devries@werkgever-a.nl>');
    expect(r.map((x) => [x.displayName, x.address])).toEqual([
      ['Jansen, Piet', 'p.jansen@werkgever-a.nl'],
      ['de Vries, Jan', 'j.devries@werkgever-a.nl'],
    ]);
  });

  it('handles quoted local parts', () => {
    expect(addresses('"Jan de Vries"@uwv.nl, "J.deVries"@UWV.nl')).toEqual(['"jan de vries"@uwv.nl', 'j.devries@uwv.nl']);
  });

  it('drops comments and folding whitespace around the address', () => {
    expect(parseRecipientList('(kantoor) a . jansen @ uwv.nl (afdeling SMZ)')).toMatchObject([{ address: 'a.jansen@uwv.nl', problem: null }]);
  });

  it('expands RFC 5322 groups, terminated or not, and empty groups', () => {
    expect(addresses('Team: a@werkgever-a.nl, b@werkgever-b.nl; c@uwv.nl')).toEqual(['a@werkgever-a.nl', 'b@werkgever-b.nl', 'c@uwv.nl']);
    expect(addresses('Verzuim: Piet <p@uwv.nl>, q@uwv.nl')).toEqual(['p@uwv.nl', 'q@uwv.nl']);
    expect(parseRecipientList('Undisclosed recipients:;')).toEqual([]);
  });

  it('normalises IDN and punycode domains and ignores a trailing dot', () => {
    expect(parseRecipientList('Jan <jan@wérkgever-a.nl.>')).toMatchObject([{ address: 'jan@xn--wrkgever-a-b7a.nl', domain: 'xn--wrkgever-a-b7a.nl', problem: null }]);
    expect(parseRecipientList('x@XN--CHMEA-3VE.nl')).toMatchObject([{ domain: 'xn--chmea-3ve.nl', problem: null }]);
    expect(parseRecipientList('hr@werkgever-a.nl.')).toMatchObject([{ address: 'hr@werkgever-a.nl', problem: null }]);
  });
});

describe('parseRecipientList: problems', () => {
  it('marks text that is not a mailbox as unparseable and keeps it', () => {
    const r = parseRecipientList('a.jansen@uwv.nl, hr@@werkgever-a.nl, zomaar tekst, <kapot@uwv.nl');
    expect(r.map((x) => [x.raw, x.address, x.problem])).toEqual([
      ['a.jansen@uwv.nl', 'a.jansen@uwv.nl', null],
      ['hr@@werkgever-a.nl', null, 'unparseable'],
      ['zomaar tekst', null, 'unparseable'],
      ['<kapot@uwv.nl', null, 'unparseable'],
    ]);
  });

  it('rejects a group whose name is not a valid phrase', () => {
    expect(parseRecipientList('<Team>: a@uwv.nl;')).toMatchObject([{ raw: '<Team>: a@uwv.nl;', problem: 'unparseable' }]);
    expect(parseRecipientList(': a@uwv.nl;')).toMatchObject([{ problem: 'unparseable' }]);
  });

  it('does not nest groups', () => {
    expect(parseRecipientList('A: B: x@uwv.nl;;').some((r) => r.problem === 'unparseable')).toBe(true);
  });

  it('flags a display name showing a different address', () => {
    for (const input of [
      '"hr@werkgever-a.nl" <evil@x.com>',
      'hr@werkgever-a.nl <evil@x.com>',
      'HR (hr@werkgever-a.nl) <evil@x.com>',
      'evil@x.com (hr@werkgever-a.nl)',
      '"Personeelszaken hr＠werkgever-a.nl" <evil@x.com>',
      '"hr@w\u0435rkgever-a.nl" <hr@werkgever-a.nl>', // Cyrillic е in the shown address
    ]) {
      const [r] = parseRecipientList(input);
      expect(r?.problem, input).toBe('display-name-mismatch');
      expect(r?.address, input).not.toBeNull();
    }
  });

  it('flags a group name showing a different address', () => {
    expect(parseRecipientList('"hr@werkgever-a.nl": evil@x.com, hr@werkgever-a.nl;')).toMatchObject([
      { address: 'evil@x.com', problem: 'display-name-mismatch' },
      { address: 'hr@werkgever-a.nl', problem: null },
    ]);
    // unquoted, the name is no valid phrase at all
    expect(parseRecipientList('hr@werkgever-a.nl: evil@x.com;')).toMatchObject([{ address: null, problem: 'unparseable' }]);
  });

  it('accepts a display name that shows the same address', () => {
    expect(parseRecipientList('"HR@Werkgever-A.nl" <hr@werkgever-a.nl.>')).toMatchObject([{ address: 'hr@werkgever-a.nl', problem: null }]);
    expect(parseRecipientList('"J. de Vries (UWV)" <j.devries@uwv.nl>')).toMatchObject([{ problem: null }]);
    expect(parseRecipientList('"Jan@Thuis" <jan@gmail.com>')).toMatchObject([{ problem: null }]);
    expect(parseRecipientList('Jan @ UWV <jan@uwv.nl>')).toMatchObject([{ problem: null }]);
  });

  it('marks domains that fail IDNA', () => {
    for (const input of ['x@-uwv.nl', 'x@uw_v.nl', 'Jan <jan@xn--zz.nl>', 'x@[192.168.1.1]', 'x@uwv..nl']) {
      const r = parseRecipientList(input);
      expect(r, input).toHaveLength(1);
      expect(['idna-invalid', 'unparseable'], input).toContain(r[0]?.problem);
      expect(r[0]?.address, input).toBeNull();
    }
    expect(parseRecipientList('x@-uwv.nl')[0]?.problem).toBe('idna-invalid');
    expect(parseRecipientList('Jan <jan@xn--zz.nl>')[0]).toMatchObject({ problem: 'idna-invalid', displayName: 'Jan' });
  });

  it('refuses absurdly long items without parsing them', () => {
    const long = `${'a'.repeat(2000)}@uwv.nl`;
    expect(parseRecipientList(long)).toMatchObject([{ raw: long, problem: 'unparseable' }]);
  });

  it('never throws on junk, whatever the type', () => {
    expect(parseRecipientList([null, 7, {}] as unknown as string[]).every((r) => r.problem === 'unparseable')).toBe(true);
    expect(parseRecipientList(undefined as unknown as string)).toEqual([]);
  });

  it('returns independent objects (the memo cache cannot be corrupted)', () => {
    const first = parseRecipientList('a@uwv.nl')[0];
    if (first) first.address = 'evil@x.com';
    expect(parseRecipientList('a@uwv.nl')[0]?.address).toBe('a@uwv.nl');
  });
});

describe('parseRecipientList: properties', () => {
  const mailboxText = fc.oneof(
    fc.string(),
    fc.emailAddress(),
    fc.tuple(fc.string(), fc.emailAddress()).map(([n, a]) => `${n} <${a}>`),
    fc.constantFrom('"', '(', '<', '[', '\\', ':', ';', ',', '@', '"a"@', 'x@xn--', '\u0430@\u0430.nl'),
  );

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 })), (s) => {
        expect(() => parseRecipientList(s)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws and keeps a raw text for every recipient', () => {
    fc.assert(
      fc.property(fc.array(mailboxText, { maxLength: 6 }), fc.constantFrom(',', ';', ', ', ' ; ', ' '), (items, sep) => {
        const s = items.join(sep);
        const r = parseRecipientList(s);
        for (const x of r) {
          expect(typeof x.raw).toBe('string');
          expect(x.address === null).toBe(x.problem === 'unparseable' || x.problem === 'idna-invalid');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('parses generated addresses back to their normalised form', () => {
    fc.assert(
      fc.property(fc.array(fc.emailAddress(), { minLength: 1, maxLength: 5 }), (list) => {
        const r = parseRecipientList(list.join(', '));
        expect(r).toHaveLength(list.length);
        r.forEach((x, i) => {
          const [local, domain] = [list[i]!.slice(0, list[i]!.lastIndexOf('@')), list[i]!.slice(list[i]!.lastIndexOf('@') + 1)];
          if (x.problem === null) expect(x.address).toBe(`${local.toLowerCase()}@${domain.toLowerCase()}`);
          else expect(x.problem).toBe('idna-invalid'); // fast-check may produce e.g. `--` at positions 3-4
        });
      }),
      { numRuns: 500 },
    );
  });
});

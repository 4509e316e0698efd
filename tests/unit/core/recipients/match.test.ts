import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { compileEntry, compileWhitelist, entryDomain, isValidEntry, matchesAny, matchesEntry } from '../../../../utils/core/recipients/match.ts';
import { normaliseAddress } from '../../../../utils/core/recipients/normalise.ts';

const utrecht = ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'wérkgever-b.nl', 'xn--bedrijf--z0a.nl'];

describe('matchesEntry', () => {
  it('address entries match that address only', () => {
    expect(matchesEntry('hr@werkgever-a.nl', 'hr@werkgever-a.nl')).toBe(true);
    expect(matchesEntry('HR@Werkgever-A.NL.', 'hr@werkgever-a.nl')).toBe(true);
    expect(matchesEntry('hr@werkgever-a.nl', 'HR@WERKGEVER-A.NL.')).toBe(true);
    expect(matchesEntry('directie@werkgever-a.nl', 'hr@werkgever-a.nl')).toBe(false);
    expect(matchesEntry('hr@sub.werkgever-a.nl', 'hr@werkgever-a.nl')).toBe(false);
    expect(matchesEntry('hr@werkgever-a.nl.evil.com', 'hr@werkgever-a.nl')).toBe(false);
  });

  it('domain entries match that domain only', () => {
    expect(matchesEntry('a.jansen@uwv.nl', 'uwv.nl')).toBe(true);
    expect(matchesEntry('a.jansen@UWV.NL', 'uwv.nl.')).toBe(true);
    expect(matchesEntry('a.jansen@mail.uwv.nl', 'uwv.nl')).toBe(false);
    expect(matchesEntry('a.jansen@nuwv.nl', 'uwv.nl')).toBe(false);
    expect(matchesEntry('a.jansen@uwv.nl.evil.com', 'uwv.nl')).toBe(false);
  });

  it('wildcard entries match subdomains, not the domain itself', () => {
    expect(matchesEntry('p@eu.achmea.nl', '*.achmea.nl')).toBe(true);
    expect(matchesEntry('p@mail.eu.Achmea.nl.', '*.achmea.nl')).toBe(true);
    expect(matchesEntry('p@achmea.nl', '*.achmea.nl')).toBe(false);
    expect(matchesEntry('p@notachmea.nl', '*.achmea.nl')).toBe(false);
    expect(matchesEntry('p@achmea.nl.evil.com', '*.achmea.nl')).toBe(false);
  });

  it('compares IDN on the punycode form, whichever form either side uses', () => {
    expect(matchesEntry('x@wérkgever-b.nl', 'xn--wrkgever-b-b7a.nl')).toBe(true);
    expect(matchesEntry('x@XN--WRKGEVER-B-B7A.NL', 'wérkgever-b.nl')).toBe(true);
    expect(matchesEntry('x@werkgever-b.nl', 'wérkgever-b.nl')).toBe(false);
    // Cyrillic а is not Latin a
    expect(matchesEntry('x@eu.\u0430chmea.nl', '*.achmea.nl')).toBe(false);
  });

  it('is false for invalid addresses or entries', () => {
    expect(matchesEntry('Jan <hr@werkgever-a.nl>', 'hr@werkgever-a.nl')).toBe(false);
    expect(matchesEntry('hr@werkgever-a.nl', '')).toBe(false);
    expect(matchesEntry('hr@werkgever-a.nl', '*')).toBe(false);
    expect(matchesEntry('hr@werkgever-a.nl', '*@werkgever-a.nl')).toBe(false);
  });
});

describe('entryDomain and isValidEntry', () => {
  it('gives the domain of every entry form', () => {
    expect(entryDomain('hr@Werkgever-A.nl')).toBe('werkgever-a.nl');
    expect(entryDomain('*.achmea.nl')).toBe('achmea.nl');
    expect(entryDomain('UWV.nl.')).toBe('uwv.nl');
    expect(entryDomain('wérkgever-b.nl')).toBe('xn--wrkgever-b-b7a.nl');
    expect(entryDomain('*.')).toBeNull();
    expect(compileEntry('*.achmea.nl')).toEqual({ kind: 'subdomains', domain: 'achmea.nl', address: null });
  });

  it('accepts the three forms and rejects the rest', () => {
    for (const ok of ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'wérkgever-b.nl', 'xn--wrkgever-b-b7a.nl', ' UWV.nl. ']) {
      expect(isValidEntry(ok), ok).toBe(true);
    }
    for (const bad of ['', 'nl', '*.nl', '*', '*.*.achmea.nl', 'a*.achmea.nl', '@uwv.nl', 'hr@', 'Jan <hr@uwv.nl>', 'uwv..nl', '-uwv.nl', 'http://uwv.nl', 'uwv.nl/x', 7, null]) {
      expect(isValidEntry(bad), String(bad)).toBe(false);
    }
  });
});

describe('matchesAny and compileWhitelist', () => {
  it('matches against a regiokantoor whitelist', () => {
    expect(matchesAny('a.jansen@uwv.nl', utrecht)).toBe(true);
    expect(matchesAny('hr@werkgever-a.nl', utrecht)).toBe(true);
    expect(matchesAny('p@schade.achmea.nl', utrecht)).toBe(true);
    expect(matchesAny('x@xn--wrkgever-b-b7a.nl', utrecht)).toBe(true);
    expect(matchesAny('x@bedrijf-ç.nl', utrecht)).toBe(true);
    expect(matchesAny('hr@werkgever-b.nl', utrecht)).toBe(false);
    expect(matchesAny('p@achmea.nl', utrecht)).toBe(false);
    expect(matchesAny('jan@gmail.com', utrecht)).toBe(false);
    expect(matchesAny('jan@gmail.com', [])).toBe(false);
  });

  it('sees changes to a reused array', () => {
    const list = ['uwv.nl'];
    expect(matchesAny('x@kvk.nl', list)).toBe(false);
    list.push('kvk.nl');
    expect(matchesAny('x@kvk.nl', list)).toBe(true);
  });

  it('reports invalid entries and ignores them', () => {
    const wl = compileWhitelist(['uwv.nl', 'geen geldig item', '*.']);
    expect(wl.invalid).toEqual(['geen geldig item', '*.']);
    expect(wl.matches('a@uwv.nl')).toBe(true);
  });

  it('agrees with matchesEntry for every entry (property)', () => {
    const label = fc.constantFrom('uwv', 'nl', 'achmea', 'eu', 'werkgever-a', 'wérk', 'xn--chmea-3ve', 'mail');
    const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((ls) => ls.join('.'));
    const entry = fc.oneof(domain, domain.map((d) => `*.${d}`), domain.map((d) => `hr@${d}`));
    const address = fc.tuple(fc.constantFrom('hr', 'HR', 'jan'), domain, fc.boolean()).map(([l, d, dot]) => `${l}@${dot ? d.toUpperCase() + '.' : d}`);
    fc.assert(
      fc.property(address, fc.array(entry, { maxLength: 6 }), (a, entries) => {
        expect(compileWhitelist(entries).matches(a)).toBe(entries.some((e) => matchesEntry(a, e)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('properties', () => {
  it('an address always matches its own exact entry, in any case and with a trailing dot', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), fc.boolean(), (raw, upper, dot) => {
        const n = normaliseAddress(raw);
        fc.pre(n !== null);
        const variant = `${upper ? raw.toUpperCase() : raw}${dot ? '.' : ''}`;
        expect(matchesEntry(raw, raw)).toBe(true);
        expect(matchesEntry(variant, raw)).toBe(true);
        expect(matchesEntry(raw, variant)).toBe(true);
        expect(matchesEntry(raw, n!.domain)).toBe(true);
        expect(matchesEntry(raw, `*.${n!.domain}`)).toBe(false);
        expect(matchesEntry(`x@sub.${n!.domain}`, `*.${n!.domain.toUpperCase()}.`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const ENTRIES = ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl', 'bücher.de', 'Mixed@Case.NL.'];
const labels = fc.constantFrom('uwv', 'achmea', 'zorg', 'werkgever-a', 'bücher', 'xn--bcher-kva', 'case', 'eu', 'mail');
const tlds = fc.constantFrom('nl', 'de', 'NL', 'com');
const locals = fc.constantFrom('hr', 'HR', 'mixed', 'info', 'a.b');
const addresses = fc
  .tuple(locals, fc.array(labels, { minLength: 1, maxLength: 3 }), tlds, fc.boolean())
  .map(([l, ls, tld, dot]) => `${l}@${[...ls, tld].join('.')}${dot ? '.' : ''}`);

// The policy engine normalises each recipient once and asks its lists with matchesNormalised.
describe('compiled whitelist, asked with a normalised address', () => {
  it('agrees with matchesAny', () => {
    const list = compileWhitelist(ENTRIES);
    fc.assert(
      fc.property(addresses, (a) => {
        const n = normaliseAddress(a);
        if (!n) return;
        expect(list.matchesNormalised(n.address, n.domain)).toBe(matchesAny(a, ENTRIES));
      }),
      { numRuns: 500 },
    );
  });

  it('does not match the parent of a *.domain entry', () => {
    const list = compileWhitelist(['*.achmea.nl']);
    expect(list.matchesNormalised('a@achmea.nl', 'achmea.nl')).toBe(false);
    expect(list.matchesNormalised('a@zorg.achmea.nl', 'zorg.achmea.nl')).toBe(true);
    expect(list.matchesNormalised('a@notachmea.nl', 'notachmea.nl')).toBe(false);
  });
});

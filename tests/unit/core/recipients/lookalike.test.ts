import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { compileProtected, findLookalike, isOneEdit } from '../../../../utils/core/recipients/lookalike.ts';
import { entryDomain } from '../../../../utils/core/recipients/match.ts';

const utrecht = ['uwv.nl', 'hr@werkgever-a.nl', '*.achmea.nl'];
/** Reference optimal string alignment (restricted Damerau) distance, by dynamic programming. */
function osa(a: string[], b: string[]): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const reasonOf = (domain: string, entries: readonly string[] = utrecht) => findLookalike(domain, entries)?.reason ?? null;

describe('findLookalike: legitimate domains are never flagged', () => {
  it('passes protected domains and their subdomains', () => {
    for (const d of ['uwv.nl', 'UWV.NL.', 'mail.uwv.nl', 'werkgever-a.nl', 'post.werkgever-a.nl', 'achmea.nl', 'eu.achmea.nl', 'xn--chmea-3ve.nl.achmea.nl']) {
      expect(findLookalike(d, utrecht), d).toBeNull();
    }
  });

  it('passes a whitelisted domain that is itself one edit from another whitelisted one', () => {
    const both = ['werkgever-a.nl', 'werkgever-b.nl'];
    expect(findLookalike('werkgever-b.nl', both)).toBeNull();
    expect(findLookalike('werkgever-c.nl', both)).toEqual({ resembles: 'werkgever-a.nl', reason: 'edit-distance' });
  });

  it('does not flag unrelated domains', () => {
    for (const d of ['gmail.com', 'outlook.com', 'kpn.com', 'ziggo.nl', 'uva.nl', 'kvk.nl', 'belastingdienst.nl', 'rijksoverheid.nl', 'nn.nl', 'mail.nl', 'secure-mail.com', 'nl.linkedin.com', 'werkgever.nl', 'a.nl', 'xn--mnchen-3ya.de']) {
      expect(findLookalike(d, utrecht), d).toBeNull();
    }
  });

  it('does not treat short or generic labels as embedded names', () => {
    const generic = ['post.nl', 'hr@mail.werkgever-a.nl', 'nn.nl'];
    for (const d of ['post.secure.com', 'nl.example.com', 'mail.example.com', 'nn.example.com', 'com.example.nl']) {
      expect(findLookalike(d, generic), d).toBeNull();
    }
  });
});

describe('findLookalike: homoglyphs and mixed scripts', () => {
  it('catches ASCII confusables (rn/m, 0/o, 1/l)', () => {
    expect(findLookalike('achrnea.nl', utrecht)).toEqual({ resembles: 'achmea.nl', reason: 'homoglyph' });
    expect(findLookalike('uwv.n1', utrecht)).toEqual({ resembles: 'uwv.nl', reason: 'homoglyph' });
    expect(reasonOf('werkgever-a.n1')).toBe('homoglyph');
    expect(reasonOf('rnijnbank.nl', ['mijnbank.nl'])).toBe('homoglyph');
    expect(reasonOf('g00gle.com', ['google.com'])).toBe('homoglyph');
    expect(reasonOf('mail.achrnea.nl')).toBe('homoglyph');
  });

  it('catches a Cyrillic letter inside a Latin name, in Unicode or punycode form', () => {
    expect(findLookalike('\u0430chmea.nl', utrecht)).toEqual({ resembles: 'achmea.nl', reason: 'mixed-script' });
    expect(findLookalike('xn--chmea-3ve.nl', utrecht)).toEqual({ resembles: 'achmea.nl', reason: 'mixed-script' });
    expect(reasonOf('eu.\u0430chmea.nl')).toBe('mixed-script');
    expect(reasonOf('w\u0435rkgever-a.nl')).toBe('mixed-script'); // Cyrillic е
    expect(reasonOf('u\u03bdv.nl', ['uvv.nl'])).toBe('mixed-script'); // Greek ν
    // mixed script one edit away from the skeleton still counts as mixed-script
    expect(reasonOf('\u0430chmee.nl')).toBe('mixed-script');
  });

  it('catches a whole-script confusable as a homoglyph', () => {
    // all Cyrillic: ѕ с о р е
    expect(findLookalike('\u0455\u0441\u043e\u0440\u0435.nl', ['scope.nl'])).toEqual({ resembles: 'scope.nl', reason: 'homoglyph' });
  });
});

describe('findLookalike: one edit away', () => {
  it('catches insert, delete, substitute and neighbour swap', () => {
    expect(findLookalike('uvw.nl', utrecht)).toEqual({ resembles: 'uwv.nl', reason: 'edit-distance' }); // swap
    expect(findLookalike('werkgever-b.nl', utrecht)).toEqual({ resembles: 'werkgever-a.nl', reason: 'edit-distance' }); // substitute
    expect(reasonOf('werkgevr-a.nl')).toBe('edit-distance'); // delete
    expect(reasonOf('werkgeverr-a.nl')).toBe('edit-distance'); // insert
    expect(reasonOf('achmae.nl')).toBe('edit-distance');
    expect(reasonOf('uwv.ml')).toBe('edit-distance');
    expect(reasonOf('uwv-nl.nl')).toBe('label-embedding');
  });

  it('catches an accented letter (IDN) as one edit', () => {
    expect(findLookalike('wérkgever-a.nl', utrecht)).toEqual({ resembles: 'werkgever-a.nl', reason: 'edit-distance' });
    expect(reasonOf('xn--wrkgever-a-b7a.nl')).toBe('edit-distance');
  });

  it('judges a subdomain by its parent', () => {
    expect(reasonOf('mail.uvw.nl')).toBe('edit-distance');
    expect(reasonOf('secure.werkgever-b.nl')).toBe('edit-distance');
  });

  it('does not flag two edits', () => {
    expect(findLookalike('vuw.nl.', ['uwv.nl'])).toBeNull(); // rotation, not a swap
    expect(findLookalike('werkgever-xy.nl', utrecht)).toBeNull();
  });
});

describe('findLookalike: embedded labels', () => {
  it('catches the protected domain inside another domain', () => {
    expect(findLookalike('uwv.nl.secure-mail.com', utrecht)).toEqual({ resembles: 'uwv.nl', reason: 'label-embedding' });
    expect(reasonOf('werkgever-a.nl.mailbox.org')).toBe('label-embedding');
    expect(reasonOf('login.achmea.nl.example.net')).toBe('label-embedding');
  });

  it('catches the name label used by another registrable domain', () => {
    expect(findLookalike('uwv.secure-mail.com', utrecht)).toEqual({ resembles: 'uwv.nl', reason: 'label-embedding' });
    expect(reasonOf('uwv.com')).toBe('label-embedding');
    expect(reasonOf('achmea.co.uk')).toBe('label-embedding');
    expect(reasonOf('mijn-uwv.nl')).toBe('label-embedding');
    expect(reasonOf('werkgever-a-hr.nl')).toBe('label-embedding');
  });
});

describe('findLookalike: inputs', () => {
  it('uses the domain of every entry form and ignores invalid entries', () => {
    expect(findLookalike('uwv.nl', ['geen entry', '*.', ''])).toBeNull();
    expect(findLookalike('werkgever-b.nl', ['hr@werkgever-a.nl'])?.resembles).toBe('werkgever-a.nl');
    expect(findLookalike('anything.nl', [])).toBeNull();
  });

  it('returns null for a domain that is not valid (parse reports it instead)', () => {
    expect(findLookalike('-uwv.nl', utrecht)).toBeNull();
    expect(findLookalike('', utrecht)).toBeNull();
  });

  it('compileProtected lists the normalised protected domains once each', () => {
    const m = compileProtected(['uwv.nl', 'hr@UWV.nl', '*.achmea.nl', 'wérkgever-b.nl']);
    expect(m.domains).toEqual(['uwv.nl', 'achmea.nl', 'xn--wrkgever-b-b7a.nl']);
    expect(m.find('uvw.nl')?.resembles).toBe('uwv.nl');
  });
});

describe('isOneEdit', () => {
  it('implements optimal string alignment distance exactly 1', () => {
    expect(isOneEdit('uwv', 'uvw')).toBe(true);
    expect(isOneEdit('uwv', 'uwv')).toBe(false);
    expect(isOneEdit('uwv', 'uw')).toBe(true);
    expect(isOneEdit('uwv', 'xuwv')).toBe(true);
    expect(isOneEdit('uwv', 'vuw')).toBe(false);
    expect(isOneEdit('abc', 'cba')).toBe(false);
    expect(isOneEdit('a\u{1D41A}b', 'axb')).toBe(true); // astral character counts as one
  });

  it('agrees with a reference Damerau (OSA) distance (property)', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é'), maxLength: 7 });
    fc.assert(
      fc.property(s, s, (a, b) => {
        expect(isOneEdit(a, b)).toBe(osa([...a], [...b]) === 1);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('properties', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{0,8}[a-z]$/);
  const domain = fc.tuple(fc.array(label, { minLength: 1, maxLength: 2 }), fc.constantFrom('nl', 'com', 'eu', 'org')).map(([ls, tld]) => [...ls, tld].join('.'));

  it('never flags a domain that is whitelisted exactly, or below a protected one', () => {
    fc.assert(
      fc.property(fc.array(domain, { minLength: 1, maxLength: 8 }), fc.nat(), fc.boolean(), (domains, pick, sub) => {
        const entries = domains.map((d, i) => (i % 3 === 0 ? d : i % 3 === 1 ? `*.${d}` : `hr@${d}`));
        const target = domains[pick % domains.length] as string;
        expect(findLookalike(sub ? `mail.${target}` : target, entries)).toBeNull();
        expect(findLookalike(target.toUpperCase() + '.', entries)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('any hit names a protected domain that differs from the candidate', () => {
    fc.assert(
      fc.property(domain.chain((d) => fc.tuple(fc.constant(d), fc.constantFrom(d, `*.${d}`, `hr@${d}`, d.toUpperCase(), `${d}.`))), domain, ([, entry], candidate) => {
        const hit = findLookalike(candidate, [entry]);
        if (hit !== null) {
          expect(hit.resembles).toBe(entryDomain(entry));
          expect(candidate === hit.resembles || candidate.endsWith(`.${hit.resembles}`)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import tr46 from 'tr46';
import { normaliseAddress, normaliseDomain, normaliseLocalPart, toUnicodeDomain } from '../../../../utils/core/recipients/normalise.ts';

describe('normaliseDomain', () => {
  it('lowercases and drops one trailing dot', () => {
    expect(normaliseDomain('UWV.nl')).toBe('uwv.nl');
    expect(normaliseDomain('Werkgever-A.NL.')).toBe('werkgever-a.nl');
    expect(normaliseDomain('  uwv.nl  ')).toBe('uwv.nl');
  });

  it('maps IDN to punycode via UTS-46', () => {
    expect(normaliseDomain('wérkgever-a.nl')).toBe('xn--wrkgever-a-b7a.nl');
    expect(normaliseDomain('WÉRKGEVER-A.nl')).toBe('xn--wrkgever-a-b7a.nl');
    // Cyrillic а (U+0430) in place of Latin a
    expect(normaliseDomain('\u0430chmea.nl')).toBe('xn--chmea-3ve.nl');
    // Fullwidth letters and the fullwidth full stop fold to ASCII
    expect(normaliseDomain('ＵＷＶ．ｎｌ')).toBe('uwv.nl');
    expect(normaliseDomain('uwv.nl\u3002')).toBe('uwv.nl');
    // Non-transitional: ß stays ß
    expect(normaliseDomain('straße.de')).toBe('xn--strae-oqa.de');
  });

  it('accepts punycode input and keeps it (lowercased)', () => {
    expect(normaliseDomain('XN--WRKGEVER-A-B7A.NL')).toBe('xn--wrkgever-a-b7a.nl');
    expect(normaliseDomain('xn--chmea-3ve.nl.')).toBe('xn--chmea-3ve.nl');
  });

  it('rejects names that fail IDNA or DNS rules', () => {
    for (const bad of ['', '.', 'uwv..nl', 'uwv.nl..', '-uwv.nl', 'uwv-.nl', 'uw_v.nl', 'xn--zz.nl', 'xn--abc.nl', 'ab--cd.nl', '[10.0.0.1]', 'uwv nl', `${'a'.repeat(64)}.nl`, `${'abcdefghi.'.repeat(26)}nl`]) {
      expect(normaliseDomain(bad), bad).toBeNull();
    }
  });

  it('never throws on non-string input', () => {
    expect(normaliseDomain(undefined as unknown as string)).toBeNull();
    expect(normaliseDomain(42 as unknown as string)).toBeNull();
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.domain(), fc.string({ unit: 'grapheme' })), (s) => {
        const once = normaliseDomain(s);
        if (once !== null) expect(normaliseDomain(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with tr46 on plain ASCII names (the fast path is only a shortcut)', () => {
    const ldh = fc.string({ unit: fc.constantFrom(...'abcXYZ019-.'.split('')), maxLength: 20 });
    fc.assert(
      fc.property(ldh, (s) => {
        const expected = tr46.toASCII(s.replace(/\.$/, ''), {
          checkBidi: true, checkHyphens: true, checkJoiners: true, useSTD3ASCIIRules: true,
          transitionalProcessing: false, verifyDNSLength: true,
        });
        expect(normaliseDomain(s)).toBe(expected === '' ? null : expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('toUnicodeDomain', () => {
  it('turns punycode back into Unicode and leaves ASCII alone', () => {
    expect(toUnicodeDomain('xn--wrkgever-a-b7a.nl')).toBe('wérkgever-a.nl');
    expect(toUnicodeDomain('XN--CHMEA-3VE.NL.')).toBe('\u0430chmea.nl');
    expect(toUnicodeDomain('Uwv.nl')).toBe('uwv.nl');
    expect(toUnicodeDomain('xn--zz.nl')).toBeNull();
  });
});

describe('normaliseLocalPart', () => {
  it('lowercases dot-atoms and unquotes quoted dot-atoms', () => {
    expect(normaliseLocalPart('A.Jansen')).toBe('a.jansen');
    expect(normaliseLocalPart('"A.Jansen"')).toBe('a.jansen');
    expect(normaliseLocalPart("o'brien+rapport")).toBe("o'brien+rapport");
  });

  it('keeps quoting where it is needed', () => {
    expect(normaliseLocalPart('"Jan de Vries"')).toBe('"jan de vries"');
    expect(normaliseLocalPart('"a\\"b"')).toBe('"a\\"b"');
  });

  it('rejects what is neither a dot-atom nor a quoted string', () => {
    for (const bad of ['', '.a', 'a.', 'a..b', 'jan de vries', '"open', 'a"b', '"a"b"']) {
      expect(normaliseLocalPart(bad), bad).toBeNull();
    }
  });
});

describe('normaliseAddress', () => {
  it('normalises both halves', () => {
    expect(normaliseAddress(' HR@Werkgever-A.nl. ')).toEqual({ address: 'hr@werkgever-a.nl', domain: 'werkgever-a.nl' });
    expect(normaliseAddress('j.devries@wérkgever-a.nl')).toEqual({ address: 'j.devries@xn--wrkgever-a-b7a.nl', domain: 'xn--wrkgever-a-b7a.nl' });
    expect(normaliseAddress('"a@b"@uwv.nl')).toEqual({ address: '"a@b"@uwv.nl', domain: 'uwv.nl' });
  });

  it('rejects non-addresses', () => {
    for (const bad of ['', 'uwv.nl', '@uwv.nl', 'hr@', 'hr@@uwv.nl', 'Jan <jan@uwv.nl>', 'hr@-uwv.nl', 'h r@uwv.nl']) {
      expect(normaliseAddress(bad), bad).toBeNull();
    }
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string()), (s) => {
        const once = normaliseAddress(s);
        if (once !== null) expect(normaliseAddress(once.address)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });
});

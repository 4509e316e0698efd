import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLexicon, detectHealthTerms, normalizeForMatching } from '../../../../utils/core/health/detect.ts';
import { COMPOUND_RULES, HEALTH_LEXICON, NOT_HEALTH } from '../../../../utils/core/health/lexicon.ts';

describe('HEALTH_LEXICON', () => {
  it('detects every canonical term that counts on its own as itself', () => {
    const wrong = HEALTH_LEXICON.filter((e) => e.alone !== false)
      .filter((e) => !detectHealthTerms(e.term).includes(e.term))
      .map((e) => `${e.term} → ${JSON.stringify(detectHealthTerms(e.term))}`);
    expect(wrong).toEqual([]);
  });

  it('detects every listed form as some term', () => {
    const missed = HEALTH_LEXICON.flatMap((e) => (e.forms ?? []).filter((f) => detectHealthTerms(f).length === 0));
    expect(missed).toEqual([]);
  });

  it('covers what employer and UWV reports name (diagnoses, care, medication, sickness)', () => {
    const expected = ['burn-out', 'depressie', 'hernia', 'kanker', 'diabetes', 'fysiotherapie', 'medicatie', 'antidepressiva',
      'chemotherapie', 'bedrijfsarts', 'huisarts', 'psycholoog', 'psychiater', 'angststoornis', 'ptss', 'trauma', 'ziekgemeld',
      'arbeidsongeschikt', 'verzekeringsarts', 'ziekteverzuim'];
    for (const word of expected) expect(detectHealthTerms(word), word).toHaveLength(1);
  });

  it('does not build in whiplash (the contract’s example of a policy addition)', () => {
    expect(detectHealthTerms('whiplash')).toEqual([]);
  });

  it('does not count generic words that only sometimes concern health', () => {
    for (const word of ['behandeling', 'specialist', 'klachten', 'operatie', 'stress', 'ziekenhuis', 'arts', 'gezond', 'gezondheid',
      'medisch', 'zorg', 'pijnlijk', 'training', 'coach', 'begeleiding', 'verzuim', 'psychisch', 'handicap', 'blind', 'angst',
      'treatment', 'doctor', 'pain', 'health', 'stroke', 'operation', 'hospital']) {
      expect(detectHealthTerms(word), word).toEqual([]);
    }
  });

  it('keeps compound parts and exclusions in normalised form', () => {
    const parts = [...COMPOUND_RULES.flatMap((r) => [...r.heads, ...r.tails]), ...NOT_HEALTH];
    expect(parts.filter((p) => normalizeForMatching(p) !== p || /[^a-z]/.test(p))).toEqual([]);
    for (const rule of COMPOUND_RULES) for (const head of rule.heads) expect(head.length, head).toBeGreaterThanOrEqual(3);
  });
});

describe('compileLexicon', () => {
  it('has no compound head or tail shorter than three letters (the prefilter relies on it)', () => {
    const c = compileLexicon({ add: ['ab*', '*cd', 'whiplash*'] });
    const short = [...c.heads.keys(), ...c.tails.keys(), ...c.ruleHeads.keys()].filter((k) => k.length < 3);
    expect(short).toEqual([]);
    expect(c.heads.has('whiplash')).toBe(true);
    expect(c.words.has('ab')).toBe(true);
  });
});

describe('detectHealthTerms properties', () => {
  it('never throws and returns distinct strings for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const found = detectHealthTerms(text);
        expect(new Set(found).size).toBe(found.length);
      }),
    );
  });

  it('adding another paragraph never hides a term already found', () => {
    const health = fc.constantFrom('Cliënt heeft rugklachten.', 'Zij is overspannen.', 'De bedrijfsarts belde.', 'Hij heeft een burn-out.');
    const other = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('De arbeidsmarkt is krap.', 'Medische', 'behandeling van de aanvraag'));
    fc.assert(
      fc.property(health, other, (a, b) => {
        const before = detectHealthTerms(a);
        const after = detectHealthTerms(`${a}\n\n${b}`);
        expect(after).toEqual(expect.arrayContaining(before));
      }),
    );
  });
});

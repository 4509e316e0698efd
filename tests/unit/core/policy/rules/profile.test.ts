// rules/profile.ts: PROFILE_CONSENT_MISSING, PROFILE_NOT_ANONYMISED (contracts §4 rule 6).
import { describe, expect, it } from 'vitest';
import { analysed, blocking, check, makePolicy, makeRecords, policy } from '../../../../helpers/engine.ts';

const CV_TEXT = [
  'Curriculum Vitae',
  'Personalia',
  'Naam: Jan de Vries',
  'E-mail: jdevries@example.org',
  'Werkervaring',
  '2015 – 2024  Magazijnmedewerker bij Logistiek Midden BV',
  'Opleidingen',
  'MBO Logistiek, ROC Midden Nederland',
].join('\n');
const ANONYMISED_CV = CV_TEXT.replace('Naam: Jan de Vries', 'Kandidaat 1042').replace('E-mail: jdevries@example.org', 'Woonplaats: regio Utrecht');
const REPORT = [
  'Voortgangsrapportage',
  'Cliënt volgt sinds september het traject. Zijn werkervaring in de logistiek komt goed van pas.',
  'Opleiding',
  'De opleiding heftruckchauffeur is in oktober afgerond.',
  'Werkervaring',
  'Hij heeft twee weken meegelopen bij een distributiecentrum.',
  'Conclusie',
  'Het traject verloopt volgens plan.',
].join('\n');

const consent = (c: object | null) => makeRecords((x) => ((x.clients[0] as Record<string, unknown>).profileConsent = c));
const explicit = consent({ explicit: true, anonymisedOnly: false, givenAt: '2026-10-01T09:00:00Z' });
const anonymisedOnly = consent({ explicit: true, anonymisedOnly: true, givenAt: '2026-10-01T09:00:00Z' });
const none = consent(null);
const cv = (name = 'cv.pdf', text = CV_TEXT) => analysed(name, { text });

describe('PROFILE_CONSENT_MISSING', () => {
  const cases: { name: string; att: ReturnType<typeof cv>; records: ReturnType<typeof makeRecords>; to?: string[]; expected: string[] }[] = [
    { name: 'a CV to the employer without consent', att: cv(), records: none, expected: ['PROFILE_CONSENT_MISSING:cv.pdf'] },
    { name: 'a CV with consent "explicit: false"', att: cv(), records: consent({ explicit: false }), expected: ['PROFILE_CONSENT_MISSING:cv.pdf'] },
    { name: 'a CV with consent dated after now', att: cv(), records: consent({ explicit: true, givenAt: '2027-01-01T00:00:00Z' }), expected: ['PROFILE_CONSENT_MISSING:cv.pdf'] },
    { name: 'a CV with explicit consent', att: cv(), records: explicit, expected: [] },
    { name: 'a CV to the client alone (no consent needed)', att: cv(), records: none, to: ['jdevries@example.org'], expected: [] },
    { name: 'a file named "CV J de Vries" whose text could not be read', att: cv('CV J de Vries.pdf', ''), records: none, expected: ['PROFILE_CONSENT_MISSING:CV J de Vries.pdf'] },
    { name: 'a profile by its headings alone, any file name', att: cv('bijlage-1042.pdf', 'Personalia\nNaam: J. de Vries\nWerkervaring\nmagazijn\nVaardigheden\nheftruck'), records: none, expected: ['PROFILE_CONSENT_MISSING:bijlage-1042.pdf'] },
    { name: 'an ordinary report with Opleiding/Werkervaring sections (false positive guard)', att: analysed('rapport.pdf', { text: REPORT }), records: none, expected: [] },
    { name: 'an ordinary report mentioning a CV in running text', att: analysed('rapport.pdf', { text: 'Voortgang\nWe hebben samen zijn cv bijgewerkt en de werkervaring aangevuld; de opleiding loopt.' }), records: none, expected: [] },
    { name: 'a beroepsprofiel report (the word inside a longer name does not count)', att: analysed('beroepsprofiel-advies.pdf', { text: REPORT }), records: none, expected: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = check({ to: c.to ?? ['hr@werkgever-a.nl'] }, [c.att], policy, c.records);
      expect(blocking(v).filter((f) => f.startsWith('PROFILE_'))).toEqual(c.expected);
      if (c.expected.length) expect(v.findings.find((f) => f.code === 'PROFILE_CONSENT_MISSING')!.message).toMatch(/cv of profiel/);
    });
  }
});

describe('PROFILE_NOT_ANONYMISED', () => {
  const cases = [
    { name: 'the CV names the client (surname)', text: CV_TEXT, expected: ['PROFILE_NOT_ANONYMISED:cv.pdf'] },
    { name: 'the CV carries the client\'s e-mail only', text: ANONYMISED_CV + '\nContact: JDeVries@example.org', expected: ['PROFILE_NOT_ANONYMISED:cv.pdf'] },
    { name: 'an anonymised CV', text: ANONYMISED_CV, expected: [] },
    { name: 'a CV whose text cannot be read', text: '', expected: ['PROFILE_NOT_ANONYMISED:CV.pdf'], file: 'CV.pdf' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = check({}, [cv(c.file ?? 'cv.pdf', c.text)], policy, anonymisedOnly);
      expect(blocking(v).filter((f) => f.startsWith('PROFILE_'))).toEqual(c.expected);
    });
  }

  it('finds a phone number from the record, digits compared', () => {
    const r = makeRecords((x) => Object.assign(x.clients[0] as Record<string, unknown>, { phone: '+31 6 1234 5678', profileConsent: { explicit: true, anonymisedOnly: true } }));
    expect(blocking(check({}, [cv('cv.pdf', ANONYMISED_CV + '\nTel. 06-12345678')], policy, r))).toEqual(['PROFILE_NOT_ANONYMISED:cv.pdf']);
  });
});

describe('profile detection is policy-adjustable', () => {
  it('adds a heading, removes a file-name word, changes how many headings make a CV', () => {
    const text = 'Loopbaanoverzicht\nmagazijn\nTalen\nNederlands';
    expect(check({}, [analysed('bijlage.pdf', { text })], policy, none).verdict).toBe('allow'); // one known heading
    const p = makePolicy({ profileDetection: { headings: { add: ['Loopbaanoverzicht'] } } });
    expect(blocking(check({}, [analysed('bijlage.pdf', { text })], p, none))).toEqual(['PROFILE_CONSENT_MISSING:bijlage.pdf']);
    const noProfielWord = makePolicy({ profileDetection: { fileNames: { remove: ['profiel'] } } });
    expect(check({}, [analysed('Profiel toelichting.pdf', { text: 'Toelichting' })], noProfielWord, none).verdict).toBe('allow');
    expect(blocking(check({}, [analysed('Profiel toelichting.pdf', { text: 'Toelichting' })], policy, none))).toEqual(['PROFILE_CONSENT_MISSING:Profiel toelichting.pdf']);
    const one = makePolicy({ profileDetection: { minHeadings: 1 } });
    expect(blocking(check({}, [analysed('bijlage.pdf', { text })], one, none))).toEqual(['PROFILE_CONSENT_MISSING:bijlage.pdf']);
  });
});

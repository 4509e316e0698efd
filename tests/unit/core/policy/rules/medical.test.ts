// rules/medical.ts: HEALTH_CONSENT_MISSING for medicalRecipients (contracts §4 rule 5).
import { describe, expect, it } from 'vitest';
import { analysed, blocking, check, makePolicy, makeRecords } from '../../../../helpers/engine.ts';

const medicalPolicy = makePolicy({
  regiokantoren: [
    {
      id: 'utrecht',
      name: 'Regiokantoor Utrecht',
      mailbox: 'utrecht@focus-nederland.nl',
      staff: ['a.jansen@focus-nederland.nl'],
      allowedRecipients: ['hr@werkgever-a.nl', 'arbodienst.nl', 'huisartsenpraktijk-delier.nl', 'ggz-centraal.nl', '*.ggz-centraal.nl'],
    },
  ],
  medicalRecipients: ['arbodienst.nl', 'info@huisartsenpraktijk-delier.nl', '*.ggz-centraal.nl'],
});
const noConsent = makeRecords((x) => delete (x.clients[0] as { healthConsent?: unknown }).healthConsent);
const withdrawn = makeRecords((x) => ((x.clients[0]!.healthConsent as { withdrawnAt: string | null }).withdrawnAt = '2026-11-20T00:00:00Z'));
const withConsent = makeRecords();
const BEDRIJFSARTS = 'Bedrijfsarts <dr.bakker@arbodienst.nl>';
const plain = (body: string, patch: Record<string, unknown> = {}) => ({ to: [BEDRIJFSARTS], subject: 'Cliënt C-1042', body, ...patch });

describe('HEALTH_CONSENT_MISSING to a medical recipient', () => {
  // Both directions: what asks for health information, and ordinary mail that does not.
  const asks = [
    'Graag ontvangen wij de medische gegevens van cliënt.',
    'Graag ontvangen wij informatie over de belastbaarheid van dhr. De Vries.',
    'Wij ontvangen graag het verslag van de bedrijfsarts van 12 november.',
    'Kunt u ons de functionele mogelijkhedenlijst (FML) toesturen?',
    'Wij verzoeken u ons te informeren over de prognose en het verwachte herstel.',
    'Zou u het advies van de bedrijfsarts met ons willen delen?',
    'Wilt u ons laten weten wat de medische beperkingen zijn op dit moment?',
    'Could you please send the medical report of our client?',
  ];
  const ordinary = [
    'Bijgaand vindt u de afspraakbevestiging voor donderdag.',
    'Graag tot ziens op het spreekuur van donderdag.',
    'Kunt u de afspraak van donderdag verplaatsen naar 14:00 uur?',
    'Wij verzoeken u de factuur aan ons kantoor in Utrecht te richten.',
    'Dank voor het prettige overleg van vanochtend.',
  ];

  for (const body of asks) {
    it(`blocks without consent: "${body}"`, () => {
      const v = check(plain(body), [], medicalPolicy, noConsent);
      expect(blocking(v)).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
      expect(v.findings[0]!.message).toContain('dr.bakker@arbodienst.nl');
      expect(v.findings[0]!.details).toMatchObject({ asks: true, medicalRecipients: 'dr.bakker@arbodienst.nl' });
    });
    it(`allows with written consent: "${body}"`, () => {
      expect(check(plain(body), [], medicalPolicy, withConsent).verdict).toBe('allow');
    });
  }

  for (const body of ordinary) {
    it(`lets ordinary mail to the bedrijfsarts go: "${body}"`, () => {
      expect(check(plain(body), [], medicalPolicy, noConsent).verdict).toBe('allow');
    });
  }

  it('blocks mail without attachments that carries health data to a medical recipient, and treats a withdrawn consent as none', () => {
    const body = 'Cliënt is sinds september in behandeling voor een burn-out.';
    expect(blocking(check(plain(body), [], medicalPolicy, noConsent))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
    expect(blocking(check(plain(body), [], medicalPolicy, withdrawn))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
    expect(check(plain(body), [], medicalPolicy, withConsent).verdict).toBe('allow');
  });

  it('matches every entry form (address, domain, *.domain) and not the same mail to HR', () => {
    const ask = 'Graag ontvangen wij de medische gegevens.';
    for (const to of ['info@huisartsenpraktijk-delier.nl', 'intake@utrecht.ggz-centraal.nl']) {
      expect(blocking(check(plain(ask, { to: [to] }), [], medicalPolicy, noConsent))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
    }
    expect(check(plain(ask, { to: ['hr@werkgever-a.nl'] }), [], medicalPolicy, noConsent).verdict).toBe('allow');
    // ggz-centraal.nl itself is not *.ggz-centraal.nl
    expect(check(plain(ask, { to: ['post@ggz-centraal.nl'] }), [], medicalPolicy, noConsent).verdict).toBe('allow');
  });

  it('asks with attachments too, once (rule 3 does not double it on report mail with health data)', () => {
    const att = analysed('machtiging.pdf', { text: 'Machtiging opvragen medische informatie.' });
    const asked = check(plain('Graag ontvangen wij het verslag van de bedrijfsarts.', { to: [BEDRIJFSARTS] }), [att], medicalPolicy, noConsent);
    expect(blocking(asked).filter((f) => f.startsWith('HEALTH_CONSENT_MISSING'))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
    const carried = check(plain('Bijgaand de rapportage.'), [analysed('rapport.pdf', { text: 'Cliënt heeft rugklachten en een hernia.' })], medicalPolicy, noConsent);
    expect(blocking(carried).filter((f) => f.startsWith('HEALTH_CONSENT_MISSING'))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });

  it('blocks naming the doctor when no client can be found (fail closed)', () => {
    const v = check(plain('Graag ontvangen wij de medische gegevens.', { subject: 'Verzoek' }), [], medicalPolicy, noConsent);
    expect(blocking(v)).toEqual(['HEALTH_CONSENT_MISSING:dr.bakker@arbodienst.nl']);
    expect(v.findings[0]!.message).toMatch(/niet duidelijk over welke cliënt/);
  });

  it('does nothing without medicalRecipients in the policy', () => {
    expect(check(plain('Graag ontvangen wij de medische gegevens.'), [], makePolicy(), noConsent).verdict).not.toBe('block');
  });

  it('counts the policy\'s added health terms as what is asked for', () => {
    expect(blocking(check(plain('Graag ontvangen wij informatie over de whiplash.'), [], medicalPolicy, noConsent))).toEqual(['HEALTH_CONSENT_MISSING:C-1042']);
  });
});

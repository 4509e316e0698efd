import { describe, expect, it } from 'vitest';
import { findings, t } from '../../../../utils/core/i18n/findings.ts';
import { isLang, LANGS } from '../../../../utils/core/i18n/lang.ts';
import { findings as nl } from '../../../../utils/core/i18n/nl/findings.ts';
import { findings as en } from '../../../../utils/core/i18n/en/findings.ts';
import { FINDING_CODES } from '../../../../utils/core/policy/types.ts';
import { EXCEPTION_GROUNDS } from '../../../../utils/core/policy/message-schema.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).toSorted();

describe('findings catalog', () => {
  it('have a Dutch and an English sentence for every finding code', () => {
    for (const code of FINDING_CODES) {
      expect(findings.has(code), code).toBe(true);
      for (const lang of LANGS) {
        const text = t(lang, code as never, {});
        expect(text.length, `${lang} ${code}`).toBeGreaterThan(20);
        expect(text.trim()).toBe(text);
      }
    }
  });

  it('have the same keys and the same placeholders in both languages', () => {
    expect(Object.keys(en).toSorted()).toEqual(Object.keys(nl).toSorted());
    for (const key of findings.keys()) expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
  });

  it('name every exception ground in words', () => {
    for (const g of EXCEPTION_GROUNDS) {
      expect(findings.has(`ground.${g}`)).toBe(true);
      expect(t('nl', `ground.${g}` as never)).not.toContain('ground.');
    }
  });

  it('tell what is wrong and what to do (two sentences) for blocking codes', () => {
    for (const code of ['RECIPIENT_NOT_WHITELISTED', 'APPROVAL_MISSING', 'HEALTH_CONSENT_MISSING', 'ATTACHMENT_UNSUPPORTED'] as const) {
      for (const lang of LANGS) expect(t(lang, code).split(/\.\s/).length, `${lang} ${code}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('fills parameters and leaves missing ones visible', () => {
    const s = t('nl', 'RECIPIENT_NOT_WHITELISTED', { address: 'hr@werkgever-b.nl', regio: 'Regiokantoor Utrecht' });
    expect(s).toBe(
      'Ontvanger hr@werkgever-b.nl staat niet op de lijst van Regiokantoor Utrecht. Verwijder deze ontvanger of vraag de beheerder de lijst aan te passen.',
    );
    expect(t('en', 'APPROVAL_MISSING', { client: 'C-1042' })).toContain('{file}');
    expect(t('en', 'APPROVAL_MISSING', { client: 'C-1042', file: 'r.pdf' })).toContain('r.pdf');
  });

  it('does not interpret replacement patterns in parameter values', () => {
    expect(t('en', 'RECIPIENT_INVALID', { address: '$& $1 {file}' })).toContain('$& $1 {file}');
  });

  it('recognises languages', () => {
    expect(isLang('nl')).toBe(true);
    expect(isLang('en')).toBe(true);
    expect(isLang('de')).toBe(false);
    expect(t('de' as never, 'CLIENT_UNKNOWN')).toBe(t('nl', 'CLIENT_UNKNOWN'));
  });
});

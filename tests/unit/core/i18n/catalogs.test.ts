// Every surface's catalog (utils/core/i18n/catalogs.ts), both languages: the same keys, the same
// placeholders, no empty or padded sentence. A new surface is checked once it is in CATALOGS.
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../../../utils/core/i18n/catalogs.ts';
import { LANGS, DEFAULT_LANG } from '../../../../utils/core/i18n/lang.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).toSorted();

describe('catalogs', () => {
  it('cover the surfaces: findings, dialog, options, background, manifest, records, console', () => {
    expect(CATALOGS.map((c) => c.surface)).toEqual(['findings', 'dialog', 'options', 'background', 'manifest', 'records', 'console']);
  });

  for (const catalog of CATALOGS) {
    describe(catalog.surface, () => {
      const base = catalog.messages[DEFAULT_LANG];
      it('has every key in every language, with the same placeholders', () => {
        for (const lang of LANGS) {
          const texts = catalog.messages[lang];
          expect(Object.keys(texts).toSorted(), lang).toEqual(Object.keys(base).toSorted());
          for (const key of Object.keys(base)) expect(placeholders(texts[key]!), `${lang} ${key}`).toEqual(placeholders(base[key]!));
        }
      });

      it('has no empty sentence and none with white space around it', () => {
        for (const lang of LANGS) {
          for (const [key, text] of Object.entries(catalog.messages[lang])) {
            expect(text.length, `${lang} ${key}`).toBeGreaterThan(0);
            expect(text.trim(), `${lang} ${key}`).toBe(text);
          }
        }
      });
    });
  }
});

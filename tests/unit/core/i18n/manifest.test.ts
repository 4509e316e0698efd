import { describe, expect, it } from 'vitest';
import { localeFiles, localeMessages } from '../../../../utils/core/i18n/manifest.ts';

describe('manifest strings', () => {
  it('become the browser _locales files, one per language', () => {
    expect(localeMessages('nl')).toEqual({ extDescription: { message: 'Controleert uitgaande rapportages op de privacyregels van de organisatie.' } });
    expect(localeMessages('en').extDescription.message).toBe("Checks outgoing reports against the organisation's privacy rules.");
    const files = localeFiles();
    expect(files.map((f) => f.path)).toEqual(['_locales/nl/messages.json', '_locales/en/messages.json']);
    for (const f of files) expect(Object.keys(JSON.parse(f.contents))).toEqual(['extDescription']);
  });
});

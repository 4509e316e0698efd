import { describe, expect, it } from 'vitest';
import { ui } from '../../../../utils/core/i18n/dialog.ts';
import { uiLangFrom } from '../../../../utils/core/i18n/lang.ts';

describe('dialog catalog', () => {
  it('is Dutch by default and English only for an English UI language', () => {
    expect(uiLangFrom('nl')).toBe('nl');
    expect(uiLangFrom('de-DE')).toBe('nl');
    expect(uiLangFrom(undefined)).toBe('nl');
    expect(uiLangFrom('en-GB')).toBe('en');
    expect(ui('nl', 'dialog.back')).toBe('Terug naar bericht');
    expect(ui('en', 'dialog.back')).toBe('Back to message');
  });
  it('fills placeholders and leaves a missing one visible', () => {
    expect(ui('nl', 'fail.layout', { missing: 'send button' })).toBe(
      'ReportGuard kan dit verzendscherm niet controleren (send button); daarom is verzenden geblokkeerd. Meld dit bij de beheerder.',
    );
    expect(ui('en', 'dialog.tooShort')).toContain('{n}');
  });
});

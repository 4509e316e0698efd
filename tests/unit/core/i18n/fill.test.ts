import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from '../../../../utils/core/i18n/fill.ts';
import { bg } from '../../../../utils/core/i18n/background.ts';
import { opt } from '../../../../utils/core/i18n/options.ts';
import { ui } from '../../../../utils/core/i18n/dialog.ts';

describe('fillPlaceholders', () => {
  it('fills every placeholder that has a value, numbers included', () => {
    expect(fillPlaceholders('{a} en {b}, nogmaals {a}', { a: 'x', b: 2 })).toBe('x en 2, nogmaals x');
  });

  it('leaves a placeholder without a value visible, and ignores inherited properties', () => {
    expect(fillPlaceholders('bijlage {file} ({toString})', {})).toBe('bijlage {file} ({toString})');
  });

  it('is what the background, options and dialog catalogs use', () => {
    expect(bg('en', 'check.attachmentNotChecked', { file: 'a.pdf' })).toBe('attachment a.pdf has not been checked yet');
    expect(opt('en', 'policy.loaded', { organisation: 'Org', regiokantoren: 3 })).toBe('Org: 3 regional offices');
    expect(ui('en', 'fail.attachment', { file: 'x.docx' })).toBe('ReportGuard could not read attachment x.docx ({reason}), so sending is blocked.');
  });
});

// What ReportGuard adds to the Roundcube page, as seen from outside: the per-attachment status
// badge and the send dialog. Selectors follow the extension's public markers
// (`data-reportguard-status` on each attachment row, `[data-reportguard-dialog]` as the dialog's
// host element with `data-verdict`, findings as `[data-code]`, buttons as `[data-action]`).
// Playwright locators pierce the dialog's open shadow root.
import type { Locator, Page } from '@playwright/test';

export const RG_SEL = {
  /** The dialog's host element; `data-verdict` is block | warn | allow while a verdict is shown. */
  dialog: '[data-reportguard-dialog]',
  dialogWithVerdict: (verdict: 'block' | 'warn' | 'allow') => `[data-reportguard-dialog][data-verdict="${verdict}"]`,
  /** One finding in the dialog; data-code is the contract's code (RECIPIENT_NOT_WHITELISTED, …). */
  finding: '[data-code]',
  /** Dialog buttons: back (to the message), confirm (send despite warnings), recheck. */
  action: (name: 'back' | 'confirm' | 'recheck') => `[data-action="${name}"]`,
  /** Status badge of one attachment row; data-state is 'checking' until the analysis is done. */
  attachmentStatus: '#attachment-list li[id^="rcmfile"] [data-reportguard-status]',
} as const;

/** Waits until every attachment row carries a finished ReportGuard status (not 'checking', no swap running). */
export async function waitForAttachmentChecks(page: Page, timeoutMs = 60_000, row = '#attachment-list li[id^="rcmfile"]'): Promise<void> {
  await page.waitForFunction((sel) => {
    const rows = [...document.querySelectorAll(sel)];
    return rows.length > 0 && rows.every((r) => {
      const state = r.querySelector('[data-reportguard-status]')?.getAttribute('data-state');
      return !!state && state !== 'checking' && state !== 'swapping';
    });
  }, row, { timeout: timeoutMs });
}

/** The dialog showing `verdict`, once visible. */
export async function waitForVerdictDialog(page: Page, verdict: 'block' | 'warn' | 'allow', timeoutMs = 30_000): Promise<Locator> {
  const dialog = page.locator(RG_SEL.dialogWithVerdict(verdict));
  await dialog.locator('[role="dialog"]').waitFor({ state: 'visible', timeout: timeoutMs });
  return dialog;
}

/** The finding codes a dialog shows, in order. */
export async function findingCodes(dialog: Locator): Promise<string[]> {
  return (await dialog.locator(RG_SEL.finding).evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''))).filter(Boolean);
}

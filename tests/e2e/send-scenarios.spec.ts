// ReportGuard's send check in real Roundcube (1.6, elastic) with the built extension in
// Chromium. Every scenario asserts on what the SMTP sink received, and after every block that
// the compose screen (recipients, subject, body, attachments) is exactly as the user left it.
import { test, expect, rc, type SinkMail } from './fixtures.ts';
import type { Page } from '@playwright/test';

const DIALOG = '[data-reportguard-dialog]';
/** Long enough for a released send to reach the sink (about 0.3 s in practice), so "nothing arrived" means something. */
const QUIET_MS = 2500;

declare const rcmail: {
  env: Record<string, unknown>;
  command(cmd: string, props?: unknown): unknown;
  submit_messageform(draft?: boolean, saveonly?: boolean): unknown;
  gui_objects: { messageform: HTMLFormElement };
};

async function expectNoNewMail(count: () => Promise<number>, before: number): Promise<void> {
  await new Promise((r) => setTimeout(r, QUIET_MS));
  expect(await count()).toBe(before);
}

async function composeState(page: Page) {
  return page.evaluate(() => ({
    to: (document.querySelector('#_to') as HTMLTextAreaElement).value,
    cc: (document.querySelector('#_cc') as HTMLTextAreaElement).value,
    bcc: (document.querySelector('#_bcc') as HTMLTextAreaElement).value,
    subject: (document.querySelector('#compose-subject') as HTMLInputElement).value,
    body: (document.querySelector('#composebody') as HTMLTextAreaElement).value,
    attachments: [...document.querySelectorAll('#attachment-list li[id^="rcmfile"] .attachment-name')].map((e) => e.textContent),
    url: location.href,
  }));
}

test.describe('send interception (no policy needed)', () => {
  test('a send without loaded policy is blocked, the message stays intact', async ({ page, login, openCompose, fillCompose, clickSend, webmail }) => {
    await login(page, 'a.jansen@focus-nederland.nl');
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Test C-1042', body: 'Hallo' });
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const dialog = page.locator(`${DIALOG}[data-verdict="block"] [role="dialog"]`);
    await expect(dialog).toBeVisible();
    
    await page.keyboard.press('Escape');
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });

  test('page scripts cannot send: rcmail.command, submit_messageform, form.submit, forged releases', async ({ page, login, openCompose, fillCompose, webmail }) => {
    await login(page, 'a.jansen@focus-nederland.nl');
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Scripted C-1042', body: 'Hallo' });
    const count = await webmail.mailCount();
    const before = await composeState(page);

    await page.evaluate(() => rcmail.command('send', ''));
    await expect(page.locator(`${DIALOG} [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator(DIALOG)).toHaveCount(0);

    await page.evaluate(() => rcmail.submit_messageform());
    await expect(page.locator(`${DIALOG} [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');

    await page.evaluate(() => rcmail.gui_objects.messageform.submit());
    await expect(page.locator(`${DIALOG} [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');

    // Forged releases: made-up MAC, and a replay of a MAC the page saw. Neither may send.
    const outcome = await page.evaluate(async () => {
      const seen: string[] = [];
      window.addEventListener('reportguard:to-content', (e) => seen.push(String((e as CustomEvent).detail)));
      const fire = (detail: unknown) => window.dispatchEvent(new CustomEvent('reportguard:to-bridge', { detail: JSON.stringify(detail) }));
      fire({ type: 'release', composeId: rcmail.env.compose_id, nonce: '0'.repeat(32), mac: 'a'.repeat(64) });
      fire({ type: 'release', composeId: rcmail.env.compose_id, nonce: '1'.repeat(32), mac: 'b'.repeat(64) });
      // A second key after the handshake is ignored by the bridge.
      window.dispatchEvent(new CustomEvent('reportguard:bridge-key', { detail: 'ab'.repeat(32) }));
      await new Promise((r) => setTimeout(r, 300));
      return seen;
    });
    expect(outcome.some((s) => s.includes('"ok":true'))).toBe(false);
    // The submit guard can't be put aside by assigning over it: the next call is still stopped.
    await page.evaluate(() => {
      try {
        (rcmail as unknown as Record<string, unknown>).submit_messageform = () => 'page';
      } catch {
        /* non-writable: expected */
      }
      rcmail.submit_messageform();
    });
    await expect(page.locator(`${DIALOG} [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');

    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });
});

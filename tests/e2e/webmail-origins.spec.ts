// Any webmail host without a rebuild (issue 13 item 2): the content scripts are registered at run
// time for the origins managed storage names, so a Roundcube on a second loopback origin is
// guarded by the same build, and a change of the managed origins applies without a restart. And an
// open compose screen whose extension is reloaded fails closed: nothing is sent, the page says why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { test, expect, rc, SCREENSHOT_DIR } from './fixtures.ts';
import { launchManaged, type ManagedBrowser } from './harness/managed-policy.ts';
import { startRoundcubeMirror } from './harness/roundcube.ts';
import { freePort } from './harness/ports.ts';
import { OPTIONS_SEL, axeViolations } from './harness/extension-pages.ts';
import { RG_SEL, findingCodes, waitForAttachmentChecks, waitForVerdictDialog } from './harness/reportguard-page.ts';
import { writeSendFixtures, type SendFixtures } from './send-fixtures.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
let fx: SendFixtures;
test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-origins-fixtures-')));
});
const pdf = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/pdf' });

async function registeredMatches(worker: Worker): Promise<string[]> {
  return worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome;
    return [...new Set((await c.scripting.getRegisteredContentScripts()).flatMap((s) => s.matches ?? []))].toSorted();
  });
}

/** Whether ReportGuard is on this compose screen: its badge on an attached file. */
async function badgeShown(page: Page, within = 8000): Promise<boolean> {
  return page
    .locator(RG_SEL.attachmentStatus)
    .first()
    .waitFor({ state: 'attached', timeout: within })
    .then(() => true, () => false);
}

test('a webmail on a second loopback origin, configured through managed storage, is guarded without a rebuild; a change applies live', async ({ webmail }) => {
  test.setTimeout(240_000);
  const port2 = await freePort();
  const mirror = await startRoundcubeMirror(join(webmail.state.dir, 'roundcube'), port2, webmail.logsDir);
  const origin2 = `http://127.0.0.1:${port2}`;
  const origin1 = new URL(webmail.url).origin;
  let b: ManagedBrowser | null = null;
  try {
    // Managed storage names only the second origin (admin mode: policy and records from files).
    b = await launchManaged({ webmailOrigins: [origin2], adminMode: true });
    const worker = b.context.serviceWorkers()[0]!;
    expect(await registeredMatches(worker)).toEqual([`${origin2}/*`]);

    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/options.html?lang=en`);
    const row = options.getByTestId('webmail-origins').locator(`[data-origin="${origin2}"]`);
    await expect(row).toHaveAttribute('data-source', 'managed');
    await expect(row).toHaveAttribute('data-access', 'true');
    // The network guard's rules are in (the background's last install, with the reason if not).
    await expect(options.getByTestId('guard-state')).toHaveAttribute('data-active', 'true');
    // Managed origins are listed, not editable here; the section is accessible.
    await expect(options.getByTestId('webmail-origins').getByRole('button', { name: /remove/i })).toHaveCount(0);
    expect(await axeViolations(options)).toEqual([]);
    await options.getByTestId('webmail-origins').screenshot({ path: join(SCREENSHOT_DIR, 'webmail-origins-en.png') });
    await options.setInputFiles(OPTIONS_SEL.policyInput, fx.policyPath);
    await expect(options.getByTestId('policy-status')).toContainText('Focus Nederland E2E');
    await options.setInputFiles(OPTIONS_SEL.recordsInput, fx.recordsPath);
    await expect(options.getByTestId('records-status')).toContainText('clients');

    // The second origin is guarded: the badge appears and a report outside the whitelist is blocked.
    const page2 = await b.context.newPage();
    await rc.login(page2, mirror.url, SENDER, webmail.user(SENDER).password);
    await rc.openCompose(page2, mirror.url);
    await rc.fillCompose(page2, { to: ['hr@werkgever-b.nl'], subject: 'Rapportage C-1042 origin 2', body: 'Bijgaand.' });
    await rc.attach(page2, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    expect(await badgeShown(page2, 30_000)).toBe(true);
    await waitForAttachmentChecks(page2);
    const count = await webmail.mailCount();
    await rc.clickSend(page2);
    const blocked = await waitForVerdictDialog(page2, 'block');
    expect(await findingCodes(blocked)).toContain('RECIPIENT_NOT_WHITELISTED');
    await blocked.locator(RG_SEL.action('back')).click();
    expect(await webmail.mailCount()).toBe(count);

    // The first origin is not configured here, so nothing of ReportGuard runs on it. (Both
    // origins are one host, so the Roundcube session cookie is shared: no second login.)
    const page1 = await b.context.newPage();
    await rc.openCompose(page1, webmail.url);
    await rc.attach(page1, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    expect(await badgeShown(page1, 5000)).toBe(false);

    // IT adds the first origin: the registration follows without a restart or rebuild; a
    // freshly loaded compose screen there is guarded.
    b.update({ webmailOrigins: [origin2, origin1], adminMode: true });
    await expect.poll(() => registeredMatches(worker), { timeout: 60_000 }).toEqual([`${origin1}/*`, `${origin2}/*`].toSorted());
    await rc.openCompose(page1, webmail.url);
    await rc.attach(page1, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    expect(await badgeShown(page1, 30_000)).toBe(true);
  } finally {
    await b?.close();
    await mirror.stop();
  }
});

test('an open compose screen whose extension is reloaded fails closed and says so', async ({ context, loadPolicy, page, login, openCompose, fillCompose, attach, clickSend, webmail }) => {
  const options = await loadPolicy(fx.policyPath, fx.recordsPath);
  await options.close();
  await login(page, SENDER);
  await openCompose(page);
  await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-1042 na herladen', body: 'Bijgaand de rapportage.' });
  await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
  await waitForAttachmentChecks(page);

  // The extension is reloaded (as an update does) while the compose screen stays open.
  const worker = context.serviceWorkers()[0]!;
  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => undefined);

  // The new version starts (as after an update) and puts its network rules in place; the page
  // keeps its old, orphaned content script (Chromium injects nothing into open tabs).
  const rules = async () => {
    const w = context.serviceWorkers()[0];
    if (!w) return -1;
    return w
      .evaluate(async () => (await (globalThis as unknown as { chrome: { declarativeNetRequest: { getDynamicRules(): Promise<unknown[]> } } }).chrome.declarativeNetRequest.getDynamicRules()).length)
      .catch(() => -1);
  };
  await expect.poll(rules, { timeout: 15_000 }).toBeGreaterThan(0);

  const count = await webmail.mailCount();
  // A page script posting the send itself from the orphaned page gets nothing out either: the
  // network rules stay with the extension (they are not the content script's).
  const direct = await page.evaluate(async () => {
    const form = (globalThis as unknown as { rcmail: { gui_objects: { messageform: HTMLFormElement } } }).rcmail.gui_objects.messageform;
    const fd = new FormData(form);
    fd.set('_draft', '');
    return fetch(form.action, { method: 'POST', body: fd }).then((r) => `HTTP ${r.status}`, (e: Error) => e.message);
  });
  expect(direct).toBe('Failed to fetch');

  await clickSend(page);
  const banner = page.locator('[data-reportguard-orphaned]');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(banner).toHaveText('ReportGuard was updated or reloaded, so this page can no longer send or save the message: copy your text and reload the page.');
  await new Promise((r) => setTimeout(r, 3000));
  expect(await webmail.mailCount()).toBe(count);
  // The draft is all there.
  await expect(page.locator('#compose-subject')).toHaveValue('Rapportage C-1042 na herladen');
  await expect(page.locator('#attachment-list li[id^="rcmfile"]')).toHaveCount(1);
});

// The core send scenarios in Debian's firefox-esr (MV3, event-page background) against the real
// Roundcube, Dovecot and SMTP sink global-setup.ts starts for the Chromium specs. Firefox is
// driven over WebDriver BiDi by puppeteer-core (harness/firefox.ts): Playwright's page steps
// (harness/roundcube-page.ts) cannot drive Debian's Firefox, so the same user steps are written
// here once more against puppeteer's API, with the same selectors (rc.SEL). Policy and records go
// through the extension's options page; every scenario asserts on what the sink received, and
// after a block that the compose screen is exactly as the user left it.
import { test, expect, type Webmail } from './fixtures.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './harness/firefox.ts';
import { SEL, type RecipientField } from './harness/roundcube-page.ts';
import { OPTIONS_SEL } from './harness/extension-pages.ts';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { DIALOG, QUIET_MS, SENDER, attachmentsOf, auditInExtension, pdfText, type AuditLine } from './send-helpers.ts';

declare const rcmail: { env: Record<string, unknown>; busy?: boolean; command(c: string, p?: unknown): unknown };

let fx: SendFixtures;
let ff: FirefoxWithExtension | null = null;
/** Page errors and console errors of the webmail tab, attached to a failing test. */
let consoleLines: string[] = [];

test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-ff-send-fixtures-')));
});

test.afterEach(async ({ webmail }, testInfo) => {
  if (ff && testInfo.status !== testInfo.expectedStatus) {
    for (const [i, p] of (await ff.browser.pages()).entries()) {
      const shot = await p.screenshot({ fullPage: true }).catch(() => null);
      if (shot) await testInfo.attach(`firefox-page-${i}.png`, { path: (writeFileSync(testInfo.outputPath(`firefox-page-${i}.png`), shot), testInfo.outputPath(`firefox-page-${i}.png`)), contentType: 'image/png' });
    }
    if (consoleLines.length) {
      writeFileSync(testInfo.outputPath('console.txt'), consoleLines.join('\n'));
      await testInfo.attach('console.txt', { path: testInfo.outputPath('console.txt'), contentType: 'text/plain' });
    }
    await testInfo.attach('roundcube-errors.log', { body: webmail.errorsTail(50), contentType: 'text/plain' });
  }
  await ff?.close();
  ff = null;
  consoleLines = [];
});

const subjectOf = (what: string) => `${what} [firefox ${Date.now().toString(36)}]`;

/** Policy and records through the options page (as an admin without managed deployment does it); returns the options page. */
async function loadPolicy(f: FirefoxWithExtension): Promise<Page> {
  const page = await f.openExtensionPage('options.html', OPTIONS_SEL.policyInput);
  const choose = async (selector: string, path: string, wanted: string) => {
    const input = (await page.$(selector)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout: 15_000 }, wanted);
  };
  const policy = JSON.parse(readFileSync(fx.policyPath, 'utf8')) as { organisation: string };
  await choose(OPTIONS_SEL.policyInput, fx.policyPath, policy.organisation);
  const records = JSON.parse(readFileSync(fx.recordsPath, 'utf8')) as { clients: unknown[] };
  await choose(OPTIONS_SEL.recordsInput, fx.recordsPath, String(records.clients.length));
  return page;
}

/** A tab in that Firefox, logged in to Roundcube as the sender, on a fresh compose screen. */
async function composeAsSender(f: FirefoxWithExtension, webmail: Webmail): Promise<Page> {
  const page = await f.browser.newPage();
  page.on('dialog', (d) => { d.accept().catch(() => { /* answered elsewhere */ }); });
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${page.url()}: ${(e as Error).message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') consoleLines.push(`[${m.type()}] ${page.url()}: ${m.text()}`); });
  await page.goto(webmail.url);
  await page.waitForSelector(SEL.loginUser);
  await page.type(SEL.loginUser, SENDER);
  await page.type(SEL.loginPassword, webmail.user(SENDER).password);
  await page.click(SEL.loginSubmit);
  await page.waitForSelector(SEL.folderList, { timeout: 20_000 });
  await page.waitForFunction(() => typeof rcmail !== 'undefined' && rcmail.env.task === 'mail');
  await page.goto(new URL('?_task=mail&_action=compose', webmail.url).href);
  await page.waitForSelector(SEL.recipientInput('to'), { visible: true, timeout: 20_000 });
  await page.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && !rcmail.busy);
  return page;
}

/** The elastic popup menu is attached and not inside a popover (see waitForMenuAtRest in harness/roundcube-page.ts). */
async function menuAtRest(page: Page, id: string): Promise<void> {
  await page.waitForFunction((menuId) => {
    const menu = document.getElementById(menuId);
    return !!menu && !menu.closest('.popover');
  }, {}, id);
}

async function addRecipients(page: Page, field: RecipientField, addresses: string[]): Promise<void> {
  if (addresses.length === 0) return;
  if (field !== 'to' && !(await page.$eval(`#compose_${field}`, (e) => (e as HTMLElement).offsetParent !== null))) {
    await menuAtRest(page, SEL.headersMenu);
    await page.click(SEL.addHeaderLink);
    await page.waitForSelector(`.popover.show #${SEL.headersMenu}`, { visible: true });
    await page.click(SEL.headersMenuItem(field));
    await menuAtRest(page, SEL.headersMenu);
    await page.waitForSelector(SEL.recipientInput(field), { visible: true });
  }
  for (const address of addresses) {
    const before = (await page.$$(SEL.recipientBox(field))).length;
    await page.click(SEL.recipientInput(field));
    await page.type(SEL.recipientInput(field), `${address},`);
    try {
      await page.waitForFunction((sel, n) => document.querySelectorAll(sel).length > n, { timeout: 5000 }, SEL.recipientBox(field), before);
    } catch {
      throw new Error(`Roundcube did not accept "${address}" as a ${field} recipient`);
    }
  }
}

async function fillCompose(page: Page, fields: { to: string[]; cc?: string[]; subject: string; body: string }): Promise<void> {
  await addRecipients(page, 'to', fields.to);
  await addRecipients(page, 'cc', fields.cc ?? []);
  await page.type(SEL.subject, fields.subject);
  await page.type(SEL.body, fields.body);
}

/** Uploads a PDF through the compose screen's file input, waits until Roundcube lists it and ReportGuard has a finished status on it; returns that status. */
async function attachAndAnalyse(page: Page, name: string, bytes: Uint8Array): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'rg-ff-att-')), name);
  writeFileSync(path, bytes);
  const before = (await page.$$(SEL.attachmentDone)).length;
  const input = (await page.$(SEL.fileInput)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
  try {
    await page.waitForFunction((sel, n) => document.querySelectorAll(sel).length > n, { timeout: 30_000 }, SEL.attachmentDone, before);
  } catch {
    throw new Error(`upload of ${name} did not complete`);
  }
  try {
    const state = await page.waitForFunction(
      (sel) => {
        const rows = [...document.querySelectorAll(sel)];
        const states = rows.map((r) => r.querySelector('[data-reportguard-status]')?.getAttribute('data-state'));
        // 'swapping': the attach-time swap of the analysed file is still running.
        return states.length > 0 && states.every((s) => !!s && s !== 'checking' && s !== 'swapping') ? states.join(',') : false;
      },
      { timeout: 60_000 },
      SEL.attachmentDone,
    );
    return (await state.jsonValue()) as string;
  } catch {
    throw new Error(`ReportGuard showed no finished status on ${name} (the webmail content script is not running in this tab, or the check hung)`);
  }
}

/** Roundcube's compose screen as the user sees it (same fields as harness/roundcube-page.ts composeState). */
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

/** The block dialog's finding with `code`, in its shadow root; returns its text. */
async function blockFinding(page: Page, code: string): Promise<string> {
  const sel = `${DIALOG}[data-verdict="block"] >>> [role="dialog"] [data-code="${code}"]`;
  try {
    const el = await page.waitForSelector(sel, { visible: true, timeout: 30_000 });
    return await el!.evaluate((e) => (e as HTMLElement).innerText);
  } catch {
    throw new Error(`no block dialog with ${code} appeared`);
  }
}

async function dialogGone(page: Page): Promise<void> {
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, { timeout: 10_000 }, DIALOG);
}

async function expectNoNewMail(webmail: Webmail, before: number): Promise<void> {
  await new Promise((r) => setTimeout(r, QUIET_MS));
  expect(webmail.mailCount()).toBe(before);
}

/** The extension's audit log, read from its IndexedDB on one of its own pages. */
async function readAudit(options: Page): Promise<AuditLine[]> {
  return options.evaluate(auditInExtension);
}

test.describe('Firefox: send check in real Roundcube (firefox-esr over WebDriver BiDi)', () => {
  test('whitelisted recipient and approved PDF: delivered with the flattened copy the background made', async ({ webmail }) => {
    test.setTimeout(150_000);
    ff = await launchFirefoxWithExtension();
    const options = await loadPolicy(ff);
    const page = await composeAsSender(ff, webmail);
    const subject = subjectOf('Rapportage C-1042');
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    // Swapped at attach time: the row is the flattened copy's.
    expect(await attachAndAnalyse(page, 'rapport-C-1042.pdf', fx.approvedUnflatPdf)).toBe('swapped');
    await page.click(SEL.sendButton);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    const atts = await attachmentsOf(mail);
    expect(atts.map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
    expect(sha256(atts[0]!.bytes)).not.toBe(sha256(fx.approvedUnflatPdf));
    expect(pdfText(atts[0]!.bytes)).toContain('Planning volgende periode.');
    // Exactly the copy the background made from the approved bytes; 'sent' once Roundcube answers.
    await expect
      .poll(async () => (await readAudit(options)).filter((e) => e.type === 'decision').map((e) => e.data.action), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['swapped', 'sent']));
    const swap = (await readAudit(options)).find((e) => e.type === 'decision' && e.data.action === 'swapped');
    const details = swap!.data.details as { from: string; to: string };
    expect(details.from).toBe(sha256(fx.approvedUnflatPdf));
    expect(sha256(atts[0]!.bytes)).toBe(details.to);
  });

  test('a Cc outside the whitelist blocks: the dialog names it, nothing delivered, the message intact', async ({ webmail }) => {
    test.setTimeout(150_000);
    ff = await launchFirefoxWithExtension();
    await loadPolicy(ff);
    const page = await composeAsSender(ff, webmail);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['hr@werkgever-b.nl'], subject: subjectOf('Rapportage C-1042'), body: 'Bijgaand.' });
    expect(await attachAndAnalyse(page, 'rapport-C-1042.pdf', fx.approvedPdf)).not.toBe('problem');
    const before = await composeState(page);
    const count = webmail.mailCount();
    await page.click(SEL.sendButton);
    expect(await blockFinding(page, 'RECIPIENT_NOT_WHITELISTED')).toContain('hr@werkgever-b.nl');
    await page.keyboard.press('Escape');
    await dialogGone(page);
    await expectNoNewMail(webmail, count);
    expect(await composeState(page)).toEqual(before);
  });

  test("a page script calling rcmail.command('send') goes through the check too", async ({ webmail }) => {
    test.setTimeout(150_000);
    ff = await launchFirefoxWithExtension();
    await loadPolicy(ff);
    const page = await composeAsSender(ff, webmail);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['iemand@gmail.com'], subject: subjectOf('Rapportage C-1042'), body: 'Bijgaand.' });
    expect(await attachAndAnalyse(page, 'rapport-C-1042.pdf', fx.approvedPdf)).not.toBe('problem');
    const before = await composeState(page);
    const count = webmail.mailCount();
    await page.evaluate(() => { rcmail.command('send', ''); });
    expect(await blockFinding(page, 'RECIPIENT_NOT_WHITELISTED')).toContain('iemand@gmail.com');
    await page.keyboard.press('Escape');
    await dialogGone(page);
    await expectNoNewMail(webmail, count);
    expect(await composeState(page)).toEqual(before);
  });
});

// ReportGuard's send check in real Roundcube (1.6, elastic) with the built extension in
// Chromium. Every scenario asserts on what the SMTP sink received, and after every block that
// the compose screen (recipients, subject, body, attachments) is exactly as the user left it.
import { test, expect, loadPolicy, rc } from './fixtures.ts';
import type { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { DIALOG, SENDER, attachmentsOf, composeState, dialogPanel, expectNoNewMail, pdf, pdfText, readAudit, waitAnalysed } from './send-helpers.ts';

declare const rcmail: {
  env: Record<string, unknown>;
  command(cmd: string, props?: unknown): unknown;
  submit_messageform(draft?: boolean, saveonly?: boolean): unknown;
  gui_objects: { messageform: HTMLFormElement };
};

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
    await expect(page.locator(`${DIALOG}[data-verdict="block"] [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.locator(DIALOG)).toHaveCount(0);

    await page.evaluate(() => rcmail.submit_messageform());
    await expect(page.locator(`${DIALOG}[data-verdict="block"] [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');
    // A send attempt while a check is still open is dropped (the native send stays blocked):
    // wait until the dialog is gone before trying the next path.
    await expect(page.locator(DIALOG)).toHaveCount(0);

    await page.evaluate(() => rcmail.gui_objects.messageform.submit());
    await expect(page.locator(`${DIALOG}[data-verdict="block"] [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');
    // A send attempt while a check is still open is dropped (the native send stays blocked):
    // wait until the dialog is gone before trying the next path.
    await expect(page.locator(DIALOG)).toHaveCount(0);

    // Forged releases: the old window-event wire and a port of the page's own offered as the
    // bridge's channel. The real channel was handed over before any page script ran; neither may send.
    const outcome = await page.evaluate(async () => {
      const oldWire = { type: 'release', composeId: rcmail.env.compose_id, nonce: '0'.repeat(32), mac: 'a'.repeat(64) };
      window.dispatchEvent(new CustomEvent('reportguard:to-bridge', { detail: JSON.stringify(oldWire) }));
      const channel = new MessageChannel();
      const heard: unknown[] = [];
      channel.port1.addEventListener('message', (e) => heard.push(e.data));
      channel.port1.start();
      window.dispatchEvent(new MessageEvent('reportguard:bridge-port', { ports: [channel.port2] }));
      channel.port1.postMessage({ kind: 'release', reqId: 'page', composeId: rcmail.env.compose_id });
      await new Promise((r) => setTimeout(r, 300));
      return heard;
    });
    expect(outcome).toEqual([]);
    // The submit guard can't be put aside by assigning over it: the next call is still stopped.
    await page.evaluate(() => {
      try {
        (rcmail as unknown as Record<string, unknown>).submit_messageform = () => 'page';
      } catch {
        /* non-writable: expected */
      }
      rcmail.submit_messageform();
    });
    await expect(page.locator(`${DIALOG}[data-verdict="block"] [role="dialog"]`)).toBeVisible();
    await page.keyboard.press('Escape');
    // A send attempt while a check is still open is dropped (the native send stays blocked):
    // wait until the dialog is gone before trying the next path.
    await expect(page.locator(DIALOG)).toHaveCount(0);

    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });
});

// ---------------------------------------------------------------- with policy and records

let fx: SendFixtures;

test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-send-fixtures-')));
});

/** Policy and records through the options page, then a fresh compose screen as the sender. */
async function loadPolicyAndCompose({ context, extensionId, login, page, openCompose }: {
  context: BrowserContext;
  extensionId: string;
  login: (page: Page, email: string) => Promise<void>;
  page: Page;
  openCompose: (page: Page) => Promise<void>;
}): Promise<void> {
  const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
  await options.close();
  await login(page, SENDER);
  await openCompose(page);
}

test.describe('send check with policy and records', () => {
  test.beforeEach(loadPolicyAndCompose);

  test('whitelisted recipient and approved PDF: delivered with exactly that attachment', async ({ page, fillCompose, attach, clickSend, webmail, context }) => {
    await fillCompose(page, { to: ['Personeelszaken <hr@werkgever-a.nl>'], subject: 'Rapportage C-1042', body: 'Bijgaand de rapportage.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042', 20_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    const atts = await attachmentsOf(mail);
    expect(atts.map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
    const sent = sha256(atts[0]!.bytes);
    // Every PDF leaves flattened and protected: exactly the copy the background produced from the
    // approved bytes, as the audit's swap entry records (original hash → sent hash).
    const swap = (await readAudit(context)).find((e) => e.type === 'decision' && e.data.action === 'swapped');
    expect(swap).toBeDefined();
    const details = swap!.data.details as { from: string; to: string };
    expect(details.from).toBe(sha256(fx.approvedPdf));
    expect(sent).toBe(details.to);
    expect(pdfText(atts[0]!.bytes)).toContain('Re-integratie verloopt volgens plan.');
    await rc.waitForSent(page);
  });

  test('a PDF with metadata is swapped for its flattened copy before sending', async ({ page, fillCompose, attach, clickSend, webmail, context }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Bijlage C-1042', body: 'Zie bijlage.' });
    await attach(page, pdf('bijlage-C-1042.pdf', fx.approvedUnflatPdf));
    await waitAnalysed(page);
    const state = await page.locator('#attachment-list li[id^="rcmfile"] [data-reportguard-status]').getAttribute('data-state');
    expect(state).toBe('flattened');
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Bijlage C-1042', 30_000);
    const atts = await attachmentsOf(mail);
    // Only the flattened copy left: same text, other bytes, the original is gone.
    expect(atts).toHaveLength(1);
    expect(atts[0]!.name).toMatch(/\.pdf$/);
    expect(sha256(atts[0]!.bytes)).not.toBe(sha256(fx.approvedUnflatPdf));
    expect(pdfText(atts[0]!.bytes)).toContain('Planning volgende periode.');
    const audit = await readAudit(context);
    expect(audit.some((e) => e.type === 'decision' && e.data.action === 'swapped')).toBe(true);
    expect(audit.some((e) => e.type === 'decision' && e.data.action === 'sent')).toBe(true);
  });

  test('an approved DOCX arrives as a verified flat PDF, and the DOCX itself is not in the mail', async ({ page, fillCompose, attach, clickSend, webmail, context }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage Word C-1042', body: 'Bijgaand de rapportage.' });
    await attach(page, {
      name: 'rapport-C-1042.docx',
      buffer: fx.approvedDocx,
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
    await waitAnalysed(page);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage Word C-1042', 30_000);
    const atts = await attachmentsOf(mail);
    expect(atts.map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
    expect(new TextDecoder().decode(atts[0]!.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(pdfText(atts[0]!.bytes)).toContain('De cliënt volgt een opleiding tot logistiek medewerker.');
    // The project's independent verifier (pdf.js) on what the receiver got: flat, exit 0.
    const dir = mkdtempSync(join(tmpdir(), 'rg-docx-sent-'));
    const file = join(dir, 'sent.pdf');
    writeFileSync(file, atts[0]!.bytes);
    const verify = JSON.parse(execFileSync(process.execPath, ['cli/reportguard.mjs', 'pdf', 'verify', file], { encoding: 'utf8' }));
    expect(verify).toEqual({ flat: true, problems: [] });
    // The approval was checked against the DOCX the client approved; the audit records both hashes.
    const swap = (await readAudit(context)).find((e) => e.type === 'decision' && e.data.action === 'swapped');
    const details = swap!.data.details as { from: string; to: string };
    expect(details.from).toBe(sha256(fx.approvedDocx));
    expect(details.to).toBe(sha256(atts[0]!.bytes));
  });

  test('a non-whitelisted Cc blocks: nothing delivered, the dialog names the address, message intact', async ({ page, fillCompose, attach, clickSend, webmail, saveScreenshot }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['hr@werkgever-b.nl'], subject: 'Rapportage C-1042', body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel).toBeVisible();
    await expect(panel.locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('hr@werkgever-b.nl');
    await saveScreenshot(page, 'dialog-block');
    await panel.getByRole('button', { name: /back to message|terug naar bericht/i }).click();
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });

  test('a lookalike domain is blocked', async ({ page, fillCompose, attach, clickSend, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl', 'info@uvw.nl'], subject: 'Rapportage C-1042', body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel.locator('[data-code="RECIPIENT_LOOKALIKE"]')).toContainText('uvw.nl');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });

  test('missing approval blocks; an exception ground with justification then sends, and is audited', async ({ page, fillCompose, attach, clickSend, webmail, context, saveScreenshot }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Nieuwe versie C-1042', body: 'Bijgaand de nieuwe versie.' });
    await attach(page, pdf('rapport-C-1042-v2.pdf', fx.unapprovedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const blocked = dialogPanel(page, 'block');
    await expect(blocked.locator('[data-code^="APPROVAL_"]')).toBeVisible();
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);

    await blocked.locator('select[name="ground"]').selectOption('legal-obligation');
    await blocked.locator('textarea[name="justification"]').fill('Wettelijke plicht: de Wet verbetering poortwachter vereist dit rapport.');
    await blocked.locator('button[data-action="recheck"]').click();
    const warned = dialogPanel(page, 'warn');
    await expect(warned.locator('[data-code="EXCEPTION_GROUND_USED"]')).toBeVisible();
    await saveScreenshot(page, 'dialog-warn');
    await warned.locator('button[data-action="confirm"]').click();
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Nieuwe versie C-1042', 20_000);
    const sentAtts = await attachmentsOf(mail);
    expect(sentAtts).toHaveLength(1);
    expect(pdfText(sentAtts[0]!.bytes)).toContain('Nieuwe versie, nog niet besproken.');

    const audit = await readAudit(context);
    const verdicts = audit.filter((e) => e.type === 'verdict');
    expect(verdicts.some((e) => e.data.verdict === 'block' && (e.data.codes as string[]).some((c) => c.startsWith('APPROVAL_')))).toBe(true);
    const warnEntry = verdicts.find((e) => e.data.verdict === 'warn' && e.data.exceptionGround === 'legal-obligation');
    expect(warnEntry).toBeTruthy();
    // 'sent' is recorded when the webmail has answered, which can be after the sink has the mail.
    await expect
      .poll(async () => (await readAudit(context)).filter((e) => e.type === 'decision').map((e) => e.data.action))
      .toEqual(expect.arrayContaining(['warning-confirmed', 'sent']));
  });

  test('health data without consent is blocked', async ({ page, fillCompose, attach, clickSend, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-2001', body: 'De cliënt herstelt van een whiplash en een hernia.' });
    await attach(page, pdf('rapport-C-2001.pdf', fx.c2001Pdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="HEALTH_CONSENT_MISSING"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });

  test('the HTML (TinyMCE) editor body is read as text: health data typed there blocks', async ({ page, fillCompose, attach, clickSend, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-2001', body: 'Bijgaand de rapportage.' });
    await page.evaluate(() => (rcmail as unknown as { toggle_editor(p: { html: boolean }): unknown }).toggle_editor({ html: true }));
    const editor = page.frameLocator('#composebody_ifr').locator('body');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Zij heeft last van whiplash.');
    await attach(page, pdf('rapport-C-2001.pdf', fx.c2001Pdf));
    await waitAnalysed(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="HEALTH_CONSENT_MISSING"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    await expect(editor).toContainText('whiplash');
  });

  test("rcmail.command('send') from a page script goes through the check too", async ({ page, fillCompose, attach, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['iemand@gmail.com'], subject: 'Rapportage C-1042', body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = await webmail.mailCount();
    await page.evaluate(() => rcmail.command('send', ''));
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
  });

  test("Roundcube's own no-subject prompt still works after the check", async ({ page, fillCompose, attach, clickSend, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: '', body: 'Rapportage C-1042 in de bijlage.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    await clickSend(page);
    // ReportGuard allows (client from the file name); Roundcube then asks for a subject itself.
    const prompt = page.locator('.ui-dialog:has(.prompt)');
    await expect(prompt).toBeVisible();
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await prompt.locator('.prompt input').fill('Rapportage C-1042 (onderwerp achteraf)');
    await prompt.locator('button.send').click();
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Rapportage C-1042 (onderwerp achteraf)', 20_000);
    const sentAtts = await attachmentsOf(mail);
    expect(sentAtts).toHaveLength(1);
    expect(pdfText(sentAtts[0]!.bytes)).toContain('Re-integratie verloopt volgens plan.');
  });

  test('saving a draft still works and sends nothing', async ({ page, fillCompose, attach, saveDraft, webmail }) => {
    await fillCompose(page, { to: ['hr@werkgever-b.nl'], subject: 'Concept C-1042', body: 'Nog niet klaar.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    const count = await webmail.mailCount();
    await saveDraft(page);
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expect.poll(async () => (await webmail.mailbox(SENDER, 'Drafts')).some((m) => m.subject === 'Concept C-1042'), { timeout: 15_000 }).toBe(true);
    expect(await webmail.mailCount()).toBe(count);
  });

  test('the dialog is accessible (axe) and keyboard operable', async ({ page, fillCompose, attach, clickSend }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Nieuwe versie C-1042', body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042-v2.pdf', fx.unapprovedPdf));
    await waitAnalysed(page);
    await clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel).toBeVisible();
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const result = await page.evaluate(async () => {
      const host = document.querySelector('[data-reportguard-dialog]')!;
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> } }).axe;
      const r = await axe.run({ include: [host] }, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
    });
    expect(result).toEqual([]);
    // Focus is inside the dialog and Tab cycles within it.
    const insideAfterTabs = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      insideAfterTabs.push(await page.evaluate(() => document.activeElement?.hasAttribute('data-reportguard-dialog') ?? false));
    }
    expect(insideAfterTabs.every(Boolean)).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.locator(DIALOG)).toHaveCount(0);
  });
});

// ---------------------------------------------------------------- Dutch staff

test.describe('for staff with a Dutch browser', () => {
  test.use({ uiLanguage: 'nl' });

  test.beforeEach(loadPolicyAndCompose);

  test('the block dialog and its findings are in Dutch', async ({ page, fillCompose, attach, clickSend, webmail, saveScreenshot }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['hr@werkgever-b.nl'], subject: 'Rapportage C-1042', body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const count = await webmail.mailCount();
    await clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Deze mail kan zo niet verstuurd worden');
    await expect(panel.locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('staat niet op de lijst');
    await saveScreenshot(page, 'dialog-block-nl');
    await panel.getByRole('button', { name: /terug naar bericht/i }).click();
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expectNoNewMail(() => webmail.mailCount(), count);
  });
});

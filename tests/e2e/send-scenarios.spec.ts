// ReportGuard's send check in real Roundcube (1.6, elastic) with the built extension in
// Chromium: Roundcube's own paths (its submit functions, TinyMCE, its no-subject prompt) and
// the dialog's accessibility. The scenarios every webmail shares (delivered, blocked, exception
// ground, health data, DOCX, scripted send, draft, Dutch) are in send-webmails.spec.ts, which
// runs against Roundcube and SOGo. Every scenario asserts on what the SMTP sink received, and
// after every block that the compose screen is exactly as the user left it.
import { test, expect } from './fixtures.ts';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { DIALOG, attachmentsOf, composeState, dialogPanel, expectNoNewMail, expectSwappedAtAttach, pdf, pdfText, readAudit, sendExpectingSwappedPdf, waitAnalysed, policyAndCompose } from './send-helpers.ts';

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
const loadPolicyAndCompose = policyAndCompose(() => fx);

test.describe('send check with policy and records', () => {
  test.beforeEach(loadPolicyAndCompose);

  test('a PDF with metadata is swapped for its flattened copy before sending', async ({ page, fillCompose, attach, clickSend, webmail, context }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Bijlage C-1042', body: 'Zie bijlage.' });
    await attach(page, pdf('bijlage-C-1042.pdf', fx.approvedUnflatPdf));
    await waitAnalysed(page);
    // Swapped at attach time: the row is the flattened copy's.
    const state = await page.locator('#attachment-list li[id^="rcmfile"] [data-reportguard-status]').getAttribute('data-state');
    expect(state).toBe('swapped');
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Bijlage C-1042', 30_000);
    const atts = await attachmentsOf(mail);
    // Only the flattened copy left: same text, other bytes, the original is gone.
    expect(atts).toHaveLength(1);
    expect(atts[0]!.name).toMatch(/\.pdf$/);
    expect(sha256(atts[0]!.bytes)).not.toBe(sha256(fx.approvedUnflatPdf));
    expect(pdfText(atts[0]!.bytes)).toContain('Planning volgende periode.');
    // 'sent' is recorded when Roundcube answers the send, which can be after the sink has the mail.
    await expect
      .poll(async () => (await readAudit(context)).filter((e) => e.type === 'decision').map((e) => e.data.action), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['swapped', 'sent']));
  });

  // Issue 11 item 1: the PDF takes the DOCX's place as soon as it is made, before any Send; the
  // link to the approved DOCX is the extension's own record in IndexedDB, so a reload of the
  // compose screen still sends it as approved (a draft reopened later, and the swap itself, are
  // shared scenarios: send-webmails.spec.ts).
  test('a DOCX swapped for its flat PDF at attach time keeps its approval over a reload of the compose screen', async ({ page, fillCompose, attach, clickSend, webmail, context, steps }) => {
    const subject = 'Rapportage herladen C-1042';
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    await attach(page, { name: 'rapport-C-1042.docx', buffer: fx.approvedDocx, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    const swap = await expectSwappedAtAttach(page, context, { row: steps.attachmentRow, name: steps.attachmentName }, 'rapport-C-1042.docx', 'rapport-C-1042.pdf');
    expect(swap.from).toBe(sha256(fx.approvedDocx));
    await page.reload();
    await page.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && !(rcmail as unknown as { busy: boolean }).busy);
    await waitAnalysed(page);
    await expect(page.locator('#attachment-list li[id^="rcmfile"] [data-reportguard-status]')).toHaveAttribute('data-state', 'swapped');
    // Roundcube keeps the session's attachments over a reload, not the fields: fill them again.
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    // Exactly the PDF swapped in at attach time, judged by the DOCX's approval: nothing swapped at Send.
    await sendExpectingSwappedPdf(page, { clickSend, webmail, context }, subject, swap);
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


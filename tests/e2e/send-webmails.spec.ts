// The send check's scenarios, the same for every webmail: this spec runs in each Playwright
// project (playwright.config.ts: `roundcube`, `sogo`), through the fixtures' webmail steps, so
// Roundcube and SOGo meet the same guarantees with the same assertions. Each asserts on what the
// SMTP sink received, and after every block that the compose screen is exactly as the user left
// it (for SOGo also: no "Sending…" overlay, the editor stays editable). Webmail-specific paths
// (Roundcube's TinyMCE, its no-subject prompt, the attack suite) stay in their own specs.
import { test, expect, sg } from './fixtures.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { DIALOG, SENDER, attachmentsOf, dialogPanel, expectNoNewMail, expectSwappedAtAttach, pdf, pdfText, readAudit, sendExpectingSwappedPdf, waitAnalysed, policyAndCompose } from './send-helpers.ts';

let fx: SendFixtures;

test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-send-fixtures-')));
});

const docx = (name: string, bytes: Uint8Array) => ({ name, buffer: bytes, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });

/** A subject this run and this webmail alone use: the sinks are searched by subject. */
const subjectOf = (what: string, kind: string) => `${what} [${kind} ${Date.now().toString(36)}]`;

/** Policy and records through the options page, then a fresh compose screen as the sender. */
const loadPolicyAndCompose = policyAndCompose(() => fx);

test.describe('send check with policy and records', () => {
  test.beforeEach(loadPolicyAndCompose);

  test('whitelisted recipient and approved PDF: delivered with exactly that attachment, the body as written @body', async ({ page, fillCompose, attach, clickSend, waitForSent, webmail, webmailKind, steps, context, composeMode }) => {
    const subject = subjectOf('Rapportage C-1042', webmailKind);
    await fillCompose(page, { to: ['Personeelszaken <hr@werkgever-a.nl>'], subject, body: 'Bijgaand de rapportage.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page, steps.attachmentRow);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    const atts = await attachmentsOf(mail);
    expect(atts.map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
    // Exactly the flattened, protected copy the background made from the approved bytes.
    const swap = (await readAudit(context)).find((e) => e.type === 'decision' && e.data.action === 'swapped');
    const details = swap!.data.details as { from: string; to: string };
    expect(details.from).toBe(sha256(fx.approvedPdf));
    expect(sha256(atts[0]!.bytes)).toBe(details.to);
    expect(pdfText(atts[0]!.bytes)).toContain('Re-integratie verloopt volgens plan.');
    // The body as the user wrote it. SOGo composing in plain text sends plain text only (no
    // HTML part, no markup in the text); in HTML mode it adds its HTML part.
    expect(mail.parsed.text).toContain('Bijgaand de rapportage.');
    if (webmailKind === 'sogo') {
      if (composeMode === 'text') {
        expect(mail.parsed.html).toBe(false);
        expect(mail.parsed.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      } else expect(mail.parsed.html).toContain('Bijgaand de rapportage.');
    }
    await waitForSent(page);
  });

  // Issue 11 item 1, the same in every webmail: the PDF takes the DOCX's place in the compose
  // screen as soon as it is made; Send then delivers exactly that PDF and swaps nothing.
  test('an approved DOCX turns into its verified flat PDF in the compose screen before Send; exactly that PDF is delivered, without the DOCX', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps, context, saveScreenshot }) => {
    const subject = subjectOf('Rapportage Word C-1042', webmailKind);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    await attach(page, docx('rapport-C-1042.docx', fx.approvedDocx));
    const swap = await expectSwappedAtAttach(page, context, { row: steps.attachmentRow, name: steps.attachmentName }, 'rapport-C-1042.docx', 'rapport-C-1042.pdf');
    expect(swap.from).toBe(sha256(fx.approvedDocx));
    await saveScreenshot(page, `attach-time-swap-${webmailKind}`);
    // Nothing heavy left at Send: no swap made there; exactly the swapped-in PDF leaves.
    const sent = await sendExpectingSwappedPdf(page, { clickSend, webmail, context }, subject, swap);
    expect(pdfText(sent)).toContain('De cliënt volgt een opleiding tot logistiek medewerker.');
    // The project's independent verifier (pdf.js) on what the receiver got.
    const file = join(mkdtempSync(join(tmpdir(), 'rg-docx-sent-')), 'sent.pdf');
    writeFileSync(file, sent);
    expect(JSON.parse(execFileSync(process.execPath, ['cli/reportguard.mjs', 'pdf', 'verify', file], { encoding: 'utf8' }))).toEqual({ flat: true, problems: [] });
  });

  // The link from the swapped-in PDF to the approved DOCX is the extension's own record
  // (IndexedDB), so the draft opened again later still sends as approved.
  test('a draft with the swapped-in PDF, reopened later, keeps its approval', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps, context }) => {
    const subject = subjectOf('Rapportage concept C-1042', webmailKind);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    await attach(page, docx('rapport-C-1042.docx', fx.approvedDocx));
    const swap = await expectSwappedAtAttach(page, context, { row: steps.attachmentRow, name: steps.attachmentName }, 'rapport-C-1042.docx', 'rapport-C-1042.pdf');
    await steps.reopenDraft(page, subject);
    await waitAnalysed(page, steps.attachmentRow);
    const row = page.locator(steps.attachmentRow);
    await expect(row.locator(steps.attachmentName)).toHaveText(['rapport-C-1042.pdf']);
    await expect(row.locator('[data-reportguard-status]')).toHaveAttribute('data-state', 'swapped');
    await sendExpectingSwappedPdf(page, { clickSend, webmail, context }, subject, swap);
  });

  for (const c of [
    { name: 'a Cc outside the whitelist', cc: ['hr@werkgever-b.nl'], to: ['hr@werkgever-a.nl'], code: 'RECIPIENT_NOT_WHITELISTED', names: 'hr@werkgever-b.nl', file: () => fx.approvedPdf },
    { name: 'a lookalike domain', cc: [], to: ['hr@werkgever-a.nl', 'info@uvw.nl'], code: 'RECIPIENT_LOOKALIKE', names: 'uvw.nl', file: () => fx.approvedPdf },
  ]) {
    test(`${c.name} blocks: nothing delivered, the dialog names it, the message intact and editable`, async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps }) => {
      await fillCompose(page, { to: c.to, cc: c.cc, subject: subjectOf('Rapportage C-1042', webmailKind), body: 'Bijgaand.' });
      await attach(page, pdf('rapport-C-1042.pdf', c.file()));
      await waitAnalysed(page, steps.attachmentRow);
      const before = await steps.composeState(page);
      const count = webmail.mailCount();
      await clickSend(page);
      const panel = dialogPanel(page, 'block');
      await expect(panel.locator(`[data-code="${c.code}"]`)).toContainText(c.names);
      await panel.getByRole('button', { name: /back to message|terug naar bericht/i }).click();
      await expect(page.locator(DIALOG)).toHaveCount(0);
      await expectNoNewMail(() => webmail.mailCount(), count);
      expect(await steps.composeState(page)).toEqual(before);
    });
  }

  test('missing approval blocks; an exception ground with justification then sends, and is audited', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps, context }) => {
    const subject = subjectOf('Nieuwe versie C-1042', webmailKind);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de nieuwe versie.' });
    await attach(page, pdf('rapport-C-1042-v2.pdf', fx.unapprovedPdf));
    await waitAnalysed(page, steps.attachmentRow);
    const before = await steps.composeState(page);
    const count = webmail.mailCount();
    await clickSend(page);
    const blocked = dialogPanel(page, 'block');
    await expect(blocked.locator('[data-code^="APPROVAL_"]')).toBeVisible();
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await steps.composeState(page)).toEqual(before);
    await blocked.locator('select[name="ground"]').selectOption('legal-obligation');
    await blocked.locator('textarea[name="justification"]').fill('Wettelijke plicht: de Wet verbetering poortwachter vereist dit rapport.');
    await blocked.locator('button[data-action="recheck"]').click();
    const warned = dialogPanel(page, 'warn');
    await expect(warned.locator('[data-code="EXCEPTION_GROUND_USED"]')).toBeVisible();
    await warned.locator('button[data-action="confirm"]').click();
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
    expect(pdfText((await attachmentsOf(mail))[0]!.bytes)).toContain('Nieuwe versie, nog niet besproken.');
    // 'sent' is recorded once the webmail has answered the release, which is after the sink has the mail.
    await expect.poll(async () => (await readAudit(context)).filter((e) => e.type === 'decision').map((e) => e.data.action), { timeout: 15_000 }).toEqual(expect.arrayContaining(['warning-confirmed', 'sent']));
    const audit = await readAudit(context);
    expect(audit.some((e) => e.type === 'verdict' && e.data.verdict === 'warn' && e.data.exceptionGround === 'legal-obligation')).toBe(true);
  });

  // The health words are in the body only (the C-2001 PDF holds none): the body is what is read.
  test('health data in the body without consent is blocked @body', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps, composeMode }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: subjectOf('Rapportage C-2001', webmailKind), body: 'De cliënt herstelt van een whiplash en een hernia.' });
    await attach(page, pdf('rapport-C-2001.pdf', fx.c2001Pdf));
    await waitAnalysed(page, steps.attachmentRow);
    const before = await steps.composeState(page);
    const count = webmail.mailCount();
    await clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="HEALTH_CONSENT_MISSING"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await steps.composeState(page)).toEqual(before);
    // The body was typed into the editor of that mode (CKEditor's frame or the plain textarea).
    if (webmailKind === 'sogo') await expect(page.locator(composeMode === 'text' ? sg.SEL.bodyText : sg.SEL.bodyFrame)).toHaveCount(1);
  });

  // LibreOffice DOCX files (tests/fixtures/health-places), both approved by C-2001 (no health
  // consent). In the first the health terms sit only in the header, footer, footnote and a text
  // box: they are in the PDF that would be sent, so they are checked and block. In the second
  // they are only in a comment, a tracked deletion and hidden text: not sent, so not held
  // against it; the mail goes out and the delivered PDF indeed holds none of them.
  test('health data only in a DOCX header, footer, footnote and text box is blocked', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: subjectOf('Rapportage C-2001', webmailKind), body: 'Bijgaand de rapportage.' });
    await attach(page, docx('rapport-C-2001.docx', fx.healthSentDocx));
    await waitAnalysed(page, steps.attachmentRow);
    const before = await steps.composeState(page);
    const count = webmail.mailCount();
    await clickSend(page);
    const blocked = dialogPanel(page, 'block');
    await expect(blocked.locator('[data-code="HEALTH_CONSENT_MISSING"]')).toBeVisible();
    // Approved, whitelisted: the health data is the one reason.
    await expect(blocked.locator('[data-code^="APPROVAL_"], [data-code^="RECIPIENT_"]')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await steps.composeState(page)).toEqual(before);
  });

  test('health words only in a DOCX comment, tracked deletion or hidden text are not sent, so not held against it', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps }) => {
    const subject = subjectOf('Rapportage C-2001 zonder', webmailKind);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand de rapportage.' });
    await attach(page, docx('rapport-C-2001.docx', fx.healthUnsentDocx));
    await waitAnalysed(page, steps.attachmentRow);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
    const atts = await attachmentsOf(mail);
    expect(atts.map((a) => a.name)).toEqual(['rapport-C-2001.pdf']);
    const text = pdfText(atts[0]!.bytes);
    expect(text).toContain('Voortgangsrapportage C-1042');
    for (const word of ['chemotherapie', 'epilepsie', 'astma']) expect(text).not.toContain(word);
  });

  test("a page script making the webmail send (its own code path, no click) goes through the check too", async ({ page, fillCompose, attach, webmail, webmailKind, steps }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['iemand@gmail.com'], subject: subjectOf('Rapportage C-1042', webmailKind), body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page, steps.attachmentRow);
    const before = await steps.composeState(page);
    const count = webmail.mailCount();
    await steps.scriptedSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await steps.composeState(page)).toEqual(before);
  });

  test('saving a draft still works and sends nothing', async ({ page, fillCompose, attach, saveDraft, webmail, webmailKind }) => {
    const subject = subjectOf('Concept C-1042', webmailKind);
    await fillCompose(page, { to: ['hr@werkgever-b.nl'], subject, body: 'Nog niet klaar.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    const count = webmail.mailCount();
    await saveDraft(page);
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expect.poll(async () => (await webmail.mailbox(SENDER, 'Drafts')).some((m) => m.subject === subject), { timeout: 15_000 }).toBe(true);
    expect(webmail.mailCount()).toBe(count);
  });
});

test.describe('for staff with a Dutch browser', () => {
  test.use({ uiLanguage: 'nl' });
  test.beforeEach(loadPolicyAndCompose);

  test('the block dialog and its findings are in Dutch', async ({ page, fillCompose, attach, clickSend, webmail, webmailKind, steps, saveScreenshot }) => {
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['hr@werkgever-b.nl'], subject: subjectOf('Rapportage C-1042', webmailKind), body: 'Bijgaand.' });
    await attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page, steps.attachmentRow);
    const count = webmail.mailCount();
    await clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel).toContainText('Deze mail kan zo niet verstuurd worden');
    await expect(panel.locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('staat niet op de lijst');
    await saveScreenshot(page, `dialog-block-nl-${webmailKind}`);
    await panel.getByRole('button', { name: /terug naar bericht/i }).click();
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expectNoNewMail(() => webmail.mailCount(), count);
  });
});

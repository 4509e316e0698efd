// Baseline for the second webmail: SOGo itself works end to end on the harness (tests/e2e/
// harness/sogo.ts), without the extension. A plain message with To, Cc and Bcc reaches the sink
// as SOGo sends it (Bcc in the envelope only), an attachment arrives byte for byte, and a saved
// draft lands in Drafts without anything being sent. And the adapter's selectors and detection
// (utils/browser/webmail/sogo/) match the real pages: login, mail view, editor, pop-up window.
import { randomBytes } from 'node:crypto';
import { test, expect, sg, type SinkMail } from './fixtures.ts';
import * as sel from '../../utils/browser/webmail/sogo/selectors.ts';
import { hasSogoEditor, isSogoMail, isSogoPage, isSogoPopup, type DetectDoc } from '../../utils/browser/webmail/sogo/detect.ts';
import type { Page } from '@playwright/test';

const SENDER = 'a.jansen@focus-nederland.nl';
const uniqueSubject = (what: string) => `${what} ${Date.now()}-${randomBytes(3).toString('hex')}`;
const addresses = (h: SinkMail['parsed']['to']) => (Array.isArray(h) ? h : h ? [h] : []).flatMap((a) => a.value.map((v) => v.address));

/** The detection functions on the page's real document (the selectors they ask for, answered by the page). */
async function detected(page: Page) {
  const asked: string[] = [sel.page.resources, sel.page.mailApp, sel.compose.editor];
  const { pathname, present } = await page.evaluate((ss) => ({ pathname: location.pathname, present: ss.filter((s) => document.querySelector(s) !== null) }), asked);
  const doc: DetectDoc = { location: { pathname }, querySelector: (s) => (present.includes(s) ? {} : null) };
  return { page: isSogoPage(doc), mail: isSogoMail(doc), popup: isSogoPopup(doc), editor: hasSogoEditor(doc) };
}

// The page world, as the MAIN-world bridge sees it.
// oxlint-disable-next-line typescript/no-explicit-any -- AngularJS page objects are untyped
type Angular = { element(el: Element | null): { controller(): any; injector(): any } };

/** Every selector of the compose screen matches exactly once, and the hook points are there. */
async function expectEditorAsSelectorsSay(page: Page, baseUrl: string) {
  for (const s of [sel.compose.editor, sel.compose.form, sel.compose.sendOverlay, sel.headers.from, sel.headers.to, sel.headers.cc, sel.headers.bcc, sel.headers.subject, sel.body.htmlContainer, sel.body.htmlIframe, sel.attachments.list, sel.attachments.fileInput, sel.send.button, sel.send.saveButton]) {
    expect(await page.locator(s).count(), s).toBe(1);
  }
  const hooks = await page.evaluate(({ module, service, send, save, editorId }) => {
    const { angular } = window as unknown as { angular: Angular };
    const Message = angular.element(document.body).injector().get(service);
    const ctrl = angular.element(document.getElementById(editorId)).controller();
    return {
      module: document.querySelector('[ng-app]')?.getAttribute('ng-app') === module,
      send: typeof Message.prototype[send],
      save: typeof Message.prototype[save],
      draft: String(ctrl.message.$absolutePath({ asDraft: true, withResourcePath: true })),
      state: ctrl.sendState,
      uploader: Array.isArray(ctrl.uploader.queue),
      remove: typeof ctrl.removeAttachment,
    };
  }, { module: sel.hooks.module, service: sel.hooks.messageService, send: sel.hooks.send, save: sel.hooks.save, editorId: sel.compose.editorId });
  expect(hooks).toMatchObject({ module: true, send: 'function', save: 'function', state: false, uploader: true, remove: 'function' });
  expect(new URL(hooks.draft, baseUrl).pathname).toMatch(sel.urls.draft);
}

test.describe('SOGo alone (no extension)', () => {
  test.use({ extension: false });

  test("the adapter's selectors and detection match SOGo's real pages", async ({ page, context, login, openCompose, fillCompose, attach, webmail }) => {
    await page.goto(webmail.url);
    await page.locator(sg.SEL.loginUser).waitFor();
    expect(await detected(page)).toEqual({ page: true, mail: false, popup: false, editor: false });
    await login(page, SENDER);
    expect(await detected(page)).toEqual({ page: true, mail: true, popup: false, editor: false });
    await openCompose(page);
    expect(await detected(page)).toEqual({ page: true, mail: true, popup: false, editor: true });
    await fillCompose(page, { to: ['Mark de Vries <m.devries@example.org>'], subject: 'Selectors', body: 'Tekst.' });
    await attach(page, { name: 'x.txt', buffer: Buffer.from('x'), mimeType: 'text/plain' });
    await expectEditorAsSelectorsSay(page, webmail.url);
    await expect(page.locator(`${sel.headers.to} ${sel.headers.chip} ${sel.headers.chipText}`)).toContainText('m.devries@example.org');
    const chip = page.locator(sel.attachments.item);
    await expect(chip).toHaveCount(1);
    await expect(chip.locator(sel.attachments.link)).toHaveText('x.txt');
    expect(await chip.locator(sel.attachments.link).getAttribute('href')).toMatch(/\/folderDrafts\/[^/]+\/\d+\/x\.txt$/);
    await expect(chip.locator(sel.attachments.progress)).toBeHidden();

    // The pop-up compose window (the mailbox controller's newMessage($event, true)) is a page of its own with the same editor.
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.evaluate((trigger) => (window as unknown as { angular: Angular }).angular.element(document.querySelector(trigger)).controller().newMessage({}, true), sg.SEL.composeNew),
    ]);
    await popup.locator(sel.compose.editor).waitFor();
    expect(await detected(popup)).toEqual({ page: true, mail: true, popup: true, editor: true });
    await expectEditorAsSelectorsSay(popup, webmail.url);
    await popup.close();
  });

  test('a plain message reaches the sink with its subject, To, Cc and Bcc', async ({ page, login, openCompose, fillCompose, clickSend, waitForSent, webmail, saveScreenshot }) => {
    const subject = uniqueSubject('Afspraak volgende week');
    await login(page, SENDER);
    await openCompose(page);
    await fillCompose(page, {
      to: ['hr@werkgever-a.nl'],
      cc: ['b.bakker@focus-nederland.nl'],
      bcc: ['utrecht@focus-nederland.nl'],
      subject,
      body: 'Beste collega,\n\nZullen we dinsdag om tien uur afspreken?\n\nGroet, Anna',
    });
    await expect(page.locator(sg.SEL.recipientChip('to'))).toHaveCount(1);
    await expect(page.locator(sg.SEL.recipientChip('cc'))).toHaveCount(1);
    await expect(page.locator(sg.SEL.recipientChip('bcc'))).toHaveCount(1);
    await saveScreenshot(page, 'sogo-compose-plain-no-extension');
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject);
    expect(mail.envelope.from).toBe(SENDER);
    expect(mail.envelope.to.toSorted()).toEqual(['b.bakker@focus-nederland.nl', 'hr@werkgever-a.nl', 'utrecht@focus-nederland.nl']);
    expect(mail.parsed.from?.value.map((a) => a.address)).toEqual([SENDER]);
    expect(addresses(mail.parsed.to)).toEqual(['hr@werkgever-a.nl']);
    expect(addresses(mail.parsed.cc)).toEqual(['b.bakker@focus-nederland.nl']);
    expect(mail.parsed.headers.has('bcc')).toBe(false);
    // HTML compose: SOGo sends multipart/alternative with a generated text part.
    expect(mail.parsed.text).toContain('dinsdag om tien uur');
    expect(mail.parsed.html || '').toContain('dinsdag om tien uur');
    expect(mail.parsed.attachments).toHaveLength(0);
    await waitForSent(page);
  });

  test('an attachment arrives with identical bytes; a saved draft is stored and nothing sent', async ({ page, login, openCompose, fillCompose, attach, clickSend, saveDraft, webmail }) => {
    const bytes = randomBytes(200 * 1024);
    await login(page, SENDER);

    const draftSubject = uniqueSubject('Concept rapportage');
    const before = webmail.mailCount();
    await openCompose(page);
    await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: draftSubject, body: 'Nog niet versturen.' });
    await saveDraft(page);
    const drafts = await webmail.mailbox(SENDER, 'Drafts');
    const draft = drafts.find((m) => m.subject === draftSubject);
    expect(draft, `draft "${draftSubject}" in Drafts`).toBeDefined();
    expect(draft!.text).toContain('Nog niet versturen.');
    expect(webmail.mailCount()).toBe(before);
    await page.locator(sg.SEL.editor).locator('button[ng-click="editor.cancel()"]').click();
    await page.locator(sg.SEL.editor).waitFor({ state: 'detached' });

    const subject = uniqueSubject('Notulen overleg');
    await openCompose(page);
    await fillCompose(page, { to: ['b.bakker@focus-nederland.nl'], subject, body: 'Zie bijlage.' });
    await attach(page, { name: 'notulen.bin', buffer: bytes, mimeType: 'application/octet-stream' });
    await expect(page.locator(sg.SEL.attachment)).toHaveCount(1);
    await clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === subject);
    expect(mail.envelope.to).toEqual(['b.bakker@focus-nederland.nl']);
    expect(mail.parsed.attachments).toHaveLength(1);
    const att = mail.parsed.attachments[0]!;
    expect(att.filename).toBe('notulen.bin');
    expect(Buffer.compare(att.content, bytes)).toBe(0);
  });
});

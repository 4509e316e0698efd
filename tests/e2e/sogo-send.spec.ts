// SOGo's own send paths beyond the shared scenarios (send-webmails.spec.ts): the pop-up compose
// window is a page of its own, with its own editor and its own page-world hooks, and goes
// through the same check; the in-page editor is never left under SOGo's "Sending…" overlay.
import { test, expect, loadPolicy, sg } from './fixtures.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSendFixtures } from './send-fixtures.ts';
import { DIALOG, SENDER, dialogPanel, expectNoNewMail, pdf, waitAnalysed } from './send-helpers.ts';

// oxlint-disable-next-line typescript/no-explicit-any -- AngularJS page objects are untyped
type Angular = { element(el: Element | null): { controller(): any } };

test('the pop-up compose window is checked too: a Cc outside the whitelist is blocked there, nothing delivered, the editor editable', async ({ page, context, extensionId, login, webmail }) => {
  const fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-sogo-popup-')));
  const options = await loadPolicy(context, extensionId, fx.policyPath, fx.recordsPath);
  await options.close();
  await login(page, SENDER);
  // SOGo's mailbox controller opens the editor in a window of its own (newMessage($event, true)).
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate((trigger) => (window as unknown as { angular: Angular }).angular.element(document.querySelector(trigger)).controller().newMessage({}, true), sg.SEL.composeNew),
  ]);
  await popup.locator(sg.SEL.recipientInput('to')).waitFor();
  await popup.waitForFunction(() => !!(window as unknown as { angular: Angular }).angular.element(document.getElementById('mailEditor')).controller()?.message?.draftId);
  const subject = `Rapportage C-1042 pop-up ${Date.now().toString(36)}`;
  await sg.fillCompose(popup, { to: ['hr@werkgever-a.nl'], cc: ['iemand@gmail.com'], subject, body: 'Bijgaand.' });
  await sg.attach(popup, pdf('rapport-C-1042.pdf', fx.approvedPdf));
  await waitAnalysed(popup, sg.attachmentRow);
  const before = await sg.composeState(popup);
  const count = webmail.mailCount();
  await sg.clickSend(popup);
  const panel = dialogPanel(popup, 'block');
  await expect(panel.locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
  await panel.getByRole('button', { name: /back to message|terug naar bericht/i }).click();
  await expect(popup.locator(DIALOG)).toHaveCount(0);
  await expectNoNewMail(() => webmail.mailCount(), count);
  const after = await sg.composeState(popup);
  expect(after).toEqual(before);
  expect(after.editable).toBe(true);
  // Nothing of SOGo's overlay is left over the editor: its Cc field takes a click.
  await popup.locator(sg.SEL.recipientChip('cc')).locator('.md-chip-remove').click();
  await expect(popup.locator(sg.SEL.recipientChip('cc'))).toHaveCount(0);
});

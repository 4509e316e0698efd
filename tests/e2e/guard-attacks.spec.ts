// The guard holds (issue 9): what leaves is what was checked, on every path a staff member or a
// page script can take. Real Roundcube, real Chromium with the built extension, real SMTP sink.
// One describe per class of the issue; every scenario asserts on what the sink received (or
// that nothing arrived) and on the compose screen afterwards (nothing lost).
import { test, expect, rc } from './fixtures.ts';
import type { Frame, Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, writeSendFixtures, type SendFixtures } from './send-fixtures.ts';
import { DIALOG, SENDER, attachmentsOf, composeState, dialogPanel, expectNoNewMail, pdf, readAudit, waitAnalysed, type AuditLine, policyAndCompose } from './send-helpers.ts';

declare const rcmail: {
  env: Record<string, unknown>;
  command(cmd: string, props?: unknown): unknown;
  gui_objects: { messageform: HTMLFormElement };
  editor: { editor: { insertContent(html: string): void } };
  message_list: { rows: Record<string, unknown> };
  file_upload(files: File[], post: Record<string, unknown>, props: Record<string, unknown>): unknown;
  toggle_editor(p: { html: boolean }): unknown;
};

let fx: SendFixtures;
test.beforeAll(async () => {
  fx = await writeSendFixtures(mkdtempSync(join(tmpdir(), 'rg-guard-fixtures-')));
});

/** A 1×1 PNG. */
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Policy and records through the options page, then a fresh compose screen as the sender. */
const setUp = policyAndCompose(() => fx);

/** The one-sentence answer the extension shows for a stopped path (an error view of the dialog). */
const notice = (page: Page | Frame) => page.locator(`${DIALOG}[data-state="error"] [role="dialog"]`);

const entries = (audit: AuditLine[], type: string) => audit.filter((e) => e.type === type);

/** Sends one allowed mail and returns its uid in the Sent folder. */
async function sendAndFindInSent(page: Page, webmail: { url: string; waitForMail(p: (m: { parsed: { subject?: string } }) => boolean, t?: number): Promise<unknown> }, subject: string, attachment?: Uint8Array): Promise<string> {
  await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Bijgaand.' });
  if (attachment) {
    await rc.attach(page, pdf('rapport-C-1042.pdf', attachment));
    await waitAnalysed(page);
  }
  await rc.clickSend(page);
  await webmail.waitForMail((m) => m.parsed.subject === subject, 30_000);
  await rc.waitForSent(page);
  await page.goto(new URL('?_task=mail&_mbox=Sent', webmail.url).href);
  await page.waitForSelector('#messagelist tbody tr');
  return page.evaluate((s) => {
    const list = rcmail.message_list as unknown as { rows: Record<string, { obj: HTMLElement }> };
    const hit = Object.entries(list.rows).find(([, r]) => (r.obj.textContent ?? '').includes(s));
    return hit ? hit[0] : '';
  }, subject);
}

// ---------------------------------------------------------------- reachable through the normal UI

test.describe('staff through the normal UI', () => {
  test.beforeEach(setUp);

  test('Redirect (bounce) of a sent report is stopped with one sentence; nothing leaves', async ({ page, webmail, context }) => {
    const uid = await sendAndFindInSent(page, webmail, 'Bounce-bron C-1042', fx.approvedPdf);
    expect(uid).not.toBe('');
    await page.goto(new URL(`?_task=mail&_mbox=Sent&_uid=${uid}&_action=show`, webmail.url).href);
    const count = webmail.mailCount();
    await page.click('#forwardmenulink');
    await page.click('#forward-menu a.bounce');
    const form = page.frameLocator('.ui-dialog iframe');
    const input = form.locator('.recipient-input input').first();
    await input.fill('prive@gmail.com');
    await input.press(',');
    await page.click('.ui-dialog-buttonpane button.mainaction');
    await expect(notice(page)).toContainText(/redirect|omleiden/i);
    await expectNoNewMail(() => webmail.mailCount(), count);
    const stopped = entries(await readAudit(context), 'send-stopped');
    expect(stopped.some((e) => e.data.route === 'bounce' && (e.data.to as string[]).includes('prive@gmail.com'))).toBe(true);
  });

  test('a picture pasted into the HTML body counts as an attachment and blocks; the body keeps it', async ({ page, webmail }) => {
    await rc.fillCompose(page, { to: ['iemand@gmail.com'], subject: 'Screenshot C-1042', body: 'Zie afbeelding.' });
    await page.evaluate(() => rcmail.toggle_editor({ html: true }));
    await page.waitForSelector('#composebody_ifr');
    await page.evaluate((b64) => rcmail.editor.editor.insertContent(`<p><img src="data:image/png;base64,${b64}" alt="rapport"></p>`), PNG_B64);
    const count = webmail.mailCount();
    await rc.clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel.locator('[data-code="ATTACHMENT_INLINE"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    // TinyMCE keeps the picture (it shows it from a blob: URL and posts it as data:).
    await expect(page.frameLocator('#composebody_ifr').locator('img[alt="rapport"]')).toHaveCount(1);
  });

  test('a duplicated compose tab shares the session: its attachment is checked too, and after removing it the mail goes', async ({ page, context, webmail }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Gedeelde sessie C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const twin = await context.newPage();
    await twin.goto(page.url());
    await twin.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id);
    await rc.attach(twin, pdf('concept-C-1042.pdf', fx.unapprovedPdf));
    const count = webmail.mailCount();
    const before = await composeState(page);
    await rc.clickSend(page);
    const panel = dialogPanel(page, 'block');
    await expect(panel.locator('[data-code^="APPROVAL_"]')).toContainText('concept-C-1042.pdf');
    await panel.getByRole('button', { name: /back to message|terug naar bericht/i }).click();
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
    // The twin takes its attachment out again: now the first tab's send is allowed.
    const twinRow = twin.locator('#attachment-list li[id^="rcmfile"]', { hasText: 'concept-C-1042.pdf' });
    const twinId = await twinRow.getAttribute('id');
    await twin.evaluate((id) => rcmail.command('remove-attachment', id), twinId);
    await expect(twinRow).toHaveCount(0);
    await rc.clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Gedeelde sessie C-1042', 30_000);
    expect((await attachmentsOf(mail)).map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
  });

  test('a Cc added while the warning waits for its confirmation is checked before anything leaves', async ({ page, webmail }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Tussendoor C-1042', body: 'Bijgaand de nieuwe versie.' });
    await rc.attach(page, pdf('rapport-C-1042-v2.pdf', fx.unapprovedPdf));
    await waitAnalysed(page);
    const count = webmail.mailCount();
    await rc.clickSend(page);
    const blocked = dialogPanel(page, 'block');
    await blocked.locator('select[name="ground"]').selectOption('legal-obligation');
    await blocked.locator('textarea[name="justification"]').fill('Wettelijke plicht: de Wet verbetering poortwachter vereist dit rapport.');
    await blocked.locator('button[data-action="recheck"]').click();
    const warned = dialogPanel(page, 'warn');
    await expect(warned.locator('[data-code="EXCEPTION_GROUND_USED"]')).toBeVisible();
    // While the warning waits for its confirmation a Cc appears in the form (as Roundcube's
    // recipient widget writes it) …
    await page.evaluate(() => {
      (document.querySelector('#_cc') as HTMLTextAreaElement).value = 'iemand@gmail.com, ';
    });
    await warned.locator('button[data-action="confirm"]').click();
    // … so the confirmation does not release: the message is checked again and blocks.
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect((await composeState(page)).cc).toBe('iemand@gmail.com, ');
  });

  test('an attachment uploaded in another tab while the warning waits is checked before anything leaves or is swapped', async ({ page, context, webmail }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Upload tussendoor C-1042', body: 'Bijgaand de nieuwe versie.' });
    await rc.attach(page, pdf('rapport-C-1042-v2.pdf', fx.unapprovedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = webmail.mailCount();
    await rc.clickSend(page);
    const blocked = dialogPanel(page, 'block');
    await blocked.locator('select[name="ground"]').selectOption('legal-obligation');
    await blocked.locator('textarea[name="justification"]').fill('Wettelijke plicht: de Wet verbetering poortwachter vereist dit rapport.');
    await blocked.locator('button[data-action="recheck"]').click();
    const warned = dialogPanel(page, 'warn');
    await expect(warned.locator('[data-code="EXCEPTION_GROUND_USED"]')).toBeVisible();
    // While the warning waits, the same compose session gets a file from a second tab: this
    // tab's list never shows it, but Roundcube would send it.
    const twin = await context.newPage();
    await twin.goto(page.url());
    await twin.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id);
    await rc.attach(twin, { name: 'notities.html', mimeType: 'text/html', buffer: Buffer.from('<html><body><p>Medische notities C-1042</p></body></html>') });
    await waitAnalysed(twin);
    await warned.locator('button[data-action="confirm"]').click();
    // The confirmation does not release: the session is read again, the new file is checked and refused.
    await expect(dialogPanel(page, 'block')).toContainText('notities.html');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    expect(await composeState(page)).toEqual(before);
    // Checked again before anything was swapped for the send: the PDF swapped in at attach time
    // (its own audit key, attach-<compose id>) is still the one in the message.
    const decisions = entries(await readAudit(context), 'decision');
    const ofTheSend = decisions.filter((e) => !String(e.data.checkId).startsWith('attach-')).map((e) => e.data.action);
    expect(ofTheSend).toContain('rechecked');
    expect(ofTheSend).not.toContain('swapped');
    expect(decisions.filter((e) => e.data.action === 'swapped')).toHaveLength(1);
  });

  test('forwarding a report sent before keeps its approval (its flattened copy maps back to the original)', async ({ page, webmail, openCompose, context }) => {
    const uid = await sendAndFindInSent(page, webmail, 'Eerste zending C-1042', fx.approvedUnflatPdf);
    expect(uid).not.toBe('');
    const first = (await webmail.listMail()).find((m) => m.parsed.subject === 'Eerste zending C-1042')!;
    const sentCopy = (await attachmentsOf(first))[0]!;
    expect(sha256(sentCopy.bytes)).not.toBe(sha256(fx.approvedUnflatPdf));
    void openCompose;
    await page.goto(new URL(`?_task=mail&_action=compose&_forward_uid=${uid}&_mbox=Sent`, webmail.url).href);
    await page.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id);
    await page.locator('#attachment-list li[id^="rcmfile"]').first().waitFor();
    await rc.addRecipients(page, 'to', ['hr@werkgever-a.nl']);
    await waitAnalysed(page);
    await rc.clickSend(page);
    const mail = await webmail.waitForMail((m) => /Eerste zending C-1042/.test(m.parsed.subject ?? '') && m.parsed.subject !== 'Eerste zending C-1042', 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    expect(await attachmentsOf(mail)).toHaveLength(1);
    const verdicts = entries(await readAudit(context), 'verdict');
    const last = verdicts.at(-1)!;
    expect(last.data.verdict).not.toBe('block');
    expect(Object.values(last.data.approvedAs as Record<string, string>)).toContain(sha256(fx.approvedUnflatPdf));
  });

  test('a compose URL without _task is guarded; after a removed dialog the user gets an answer, fixes the message and sends without a reload', async ({ page, webmail }) => {
    const id = await page.evaluate(() => String(rcmail.env.compose_id));
    await page.goto(new URL(`?_action=compose&_id=${id}`, webmail.url).href);
    await page.waitForFunction(() => typeof rcmail !== 'undefined' && rcmail.env.compose_id);
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], cc: ['hr@werkgever-b.nl'], subject: 'Zonder task C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const count = webmail.mailCount();
    await rc.clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toBeVisible();
    // A page script (or an extension of the user's) takes the dialog away.
    await page.evaluate(() => document.querySelector('[data-reportguard-dialog]')?.remove());
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await rc.clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
    // The user fixes it: the Cc goes, the mail goes.
    await page.click('#compose_cc li.recipient a.button');
    await expect(page.locator('#compose_cc li.recipient')).toHaveCount(0);
    await rc.clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Zonder task C-1042', 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
  });

  test('a compose screen in a pop-out window is checked like any other', async ({ page, context, webmail }) => {
    const popupOpened = context.waitForEvent('page');
    await page.evaluate(() => window.open('?_task=mail&_action=compose&_extwin=1', 'compose', 'width=900,height=700'));
    const popup = await popupOpened;
    await popup.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && location.search.includes('_id='));
    await rc.fillCompose(popup, { to: ['iemand@gmail.com'], subject: 'Pop-out C-1042', body: 'Bijgaand.' });
    await rc.attach(popup, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(popup);
    const count = webmail.mailCount();
    await rc.clickSend(popup);
    await expect(dialogPanel(popup, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
    await popup.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });
});

// ---------------------------------------------------------------- reachable by a page script

test.describe('a page script', () => {
  test.beforeEach(setUp);

  test('posting the send endpoint itself gets nothing out: fetch, XHR with a safe URL, sendBeacon, a cloned form, a pristine submit, _saveonly tricks, a planted cookie', async ({ page, webmail, context }) => {
    await rc.fillCompose(page, { to: ['iemand@gmail.com'], subject: 'Direct C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    const before = await composeState(page);
    const count = webmail.mailCount();
    const outcome = await page.evaluate(async () => {
      const form = rcmail.gui_objects.messageform;
      const data = () => {
        const fd = new FormData(form);
        fd.set('_draft', '');
        return fd;
      };
      const asText = () => new URLSearchParams(data() as unknown as Record<string, string>).toString();
      const results: string[] = [];
      const attempt = async (what: string, run: () => Promise<unknown>) => {
        try {
          const r = await run();
          results.push(`${what}: ${r instanceof Response ? `HTTP ${r.status}` : String(r)}`);
        } catch (e) {
          results.push(`${what}: ${(e as Error).message}`);
        }
      };
      await attempt('fetch', () => fetch(form.action, { method: 'POST', body: data() }));
      await attempt('fetch _action=send in URL', () => fetch('./?_task=mail&_action=send', { method: 'POST', body: data() }));
      // The URL names a harmless action, the body says send: the server runs what the URL says.
      await attempt('xhr mark+send', () => fetch('./?_task=mail&_action=mark', { method: 'POST', body: asText(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-roundcube-request': String(rcmail.env.request_token) } }));
      await attempt('saveonly', () => fetch('./?_task=mail&_saveonly=1&_saveonly=', { method: 'POST', body: data() }));
      results.push(`beacon: ${navigator.sendBeacon(form.action, data())}`);
      // A planted routing cookie would beat the pinned one: it is refused.
      document.cookie = '_action=send; path=/';
      results.push(`cookie: ${document.cookie.includes('_action')}`);
      // A clone of the form, submitted with the pristine submit of a fresh frame.
      const clone = form.cloneNode(true) as HTMLFormElement;
      clone.removeAttribute('name');
      clone.target = 'rg-sink';
      const sink = document.createElement('iframe');
      sink.name = 'rg-sink';
      document.body.append(sink);
      document.body.append(clone);
      const fresh = document.createElement('iframe');
      document.body.append(fresh);
      (fresh.contentWindow as unknown as typeof window).HTMLFormElement.prototype.submit.call(clone);
      await new Promise((r) => setTimeout(r, 1500));
      // The script's own copies go again (their ids repeat the compose screen's).
      for (const el of [clone, sink, fresh]) el.remove();
      return results;
    });
    expect(outcome).toContain('cookie: false');
    await expectNoNewMail(() => webmail.mailCount(), count);
    const audit = await readAudit(context);
    // The held requests are on record (what they tried to send, to whom).
    expect(entries(audit, 'send-stopped').length).toBeGreaterThanOrEqual(3);
    expect(entries(audit, 'send-unguarded')).toEqual([]);
    await expect(notice(page)).toBeVisible();
    await page.keyboard.press('Escape');
    expect(await composeState(page)).toEqual(before);
    // No reload needed: the user puts the right recipient in and the checked mail goes, to exactly them.
    await page.click('#compose_to li.recipient a.button');
    await expect(page.locator('#compose_to li.recipient')).toHaveCount(0);
    await rc.addRecipients(page, 'to', ['hr@werkgever-a.nl']);
    await rc.clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Direct C-1042', 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    expect((await attachmentsOf(mail)).map((a) => a.name)).toEqual(['rapport-C-1042.pdf']);
  });

  test('a compose screen inside a same-origin frame is checked there, and the frame cannot post around it', async ({ page, webmail }) => {
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'rg-frame';
      f.style.cssText = 'width:1000px;height:800px';
      f.src = './?_task=mail&_action=compose';
      document.body.append(f);
    });
    const handle = await page.waitForSelector('#rg-frame');
    const frame = (await handle.contentFrame())!;
    await frame.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && location.search.includes('_id='));
    await frame.evaluate(() => {
      (document.querySelector('#_to') as HTMLTextAreaElement).value = 'iemand@gmail.com';
      (document.querySelector('#compose-subject') as HTMLInputElement).value = 'In een frame C-1042';
      (document.querySelector('#composebody') as HTMLTextAreaElement).value = 'Bijgaand.';
    });
    const done = frame.locator(rc.SEL.attachmentDone);
    await frame.setInputFiles(rc.SEL.fileInput, { name: 'rapport-C-1042.pdf', mimeType: 'application/pdf', buffer: Buffer.from(fx.approvedPdf) });
    await done.first().waitFor({ timeout: 30_000 });
    await expect(frame.locator('[data-reportguard-status][data-state="swapped"]')).toHaveCount(1, { timeout: 60_000 });
    const count = webmail.mailCount();
    const raw = await frame.evaluate(async () => {
      const fd = new FormData(rcmail.gui_objects.messageform);
      fd.set('_draft', '');
      return fetch('./?_task=mail', { method: 'POST', body: fd }).then((r) => `HTTP ${r.status}`, (e: Error) => e.message);
    });
    expect(raw).not.toMatch(/HTTP/);
    await frame.evaluate(() => rcmail.command('send', ''));
    await expect(frame.locator(`${DIALOG}[data-verdict="block"] [data-code="RECIPIENT_NOT_WHITELISTED"]`)).toContainText('iemand@gmail.com');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });

  test('the guard judges the form as PHP reads it: an extra _cc field (last wins) is checked', async ({ page, webmail }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Extra veld C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    await page.evaluate(() => {
      const extra = document.createElement('input');
      extra.type = 'hidden';
      extra.name = '_cc';
      extra.value = 'lek@gmail.com';
      rcmail.gui_objects.messageform.append(extra);
    });
    const count = webmail.mailCount();
    await rc.clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('lek@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });

  test('planted _draft and _saveonly fields change nothing: a draft save stays a draft, a send is still a checked send', async ({ page, webmail }) => {
    await rc.fillCompose(page, { to: ['iemand@gmail.com'], subject: 'Geplant C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    await page.evaluate(() => {
      const form = rcmail.gui_objects.messageform;
      // PHP takes the last field of a name: these would turn a draft save into a send, and a
      // send into a save (or the other way round), if the guard trusted the form's mode.
      const radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = '_draft';
      radio.value = '';
      radio.checked = true;
      const save = document.createElement('input');
      save.type = 'hidden';
      save.name = '_saveonly';
      save.value = '1';
      form.append(radio, save);
    });
    const count = webmail.mailCount();
    await rc.saveDraft(page);
    await expect(page.locator(DIALOG)).toHaveCount(0);
    await expect.poll(async () => (await webmail.mailbox(SENDER, 'Drafts')).some((m) => m.subject === 'Geplant C-1042'), { timeout: 15_000 }).toBe(true);
    expect(webmail.mailCount()).toBe(count);
    await rc.clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('iemand@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });

  test('a swapped messageform and a formdata listener change nothing: exactly the checked recipients leave, and the audit says so', async ({ page, webmail, context }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Ongewijzigd C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('rapport-C-1042.pdf', fx.approvedPdf));
    await waitAnalysed(page);
    await page.evaluate(() => {
      // A form of the page's own as "the" compose form, with an extra Bcc …
      const fake = rcmail.gui_objects.messageform.cloneNode(true) as HTMLFormElement;
      (fake.querySelector('[name="_bcc"]') as HTMLTextAreaElement).value = 'stil@gmail.com';
      fake.style.display = 'none';
      document.body.append(fake);
      rcmail.gui_objects.messageform = fake;
      // … and whatever entry list is built, a Bcc is slipped in.
      window.addEventListener('formdata', (e) => (e as FormDataEvent).formData.append('_bcc', 'stil@gmail.com'), true);
    });
    await rc.clickSend(page);
    const mail = await webmail.waitForMail((m) => m.parsed.subject === 'Ongewijzigd C-1042', 30_000);
    expect(mail.envelope.to).toEqual(['hr@werkgever-a.nl']);
    const sent = await attachmentsOf(mail);
    const observed = entries(await readAudit(context), 'send-observed').at(-1)!;
    expect(observed.data.matched).toBe(true);
    expect(observed.data.to).toEqual(['hr@werkgever-a.nl']);
    expect((observed.data.attachments as { sha256: string }[]).map((a) => a.sha256)).toEqual(sent.map((a) => sha256(a.bytes)));
  });

  test('a change made while the release is on its way means a new check, not a release', async ({ page, webmail, context }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Op het laatst C-1042', body: 'Bijgaand.' });
    await rc.attach(page, pdf('bijlage-C-1042.pdf', fx.approvedUnflatPdf));
    await waitAnalysed(page);
    // The allow verdict is in and the one-time release is being made (its network rule is on
    // its way in the service worker): held there until a Cc has appeared in the form.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(() => {
      const g = globalThis as unknown as { rgReleaseHeld?: boolean; rgLetReleaseGo?: () => void };
      type Update = (u: { addRules?: unknown[] }) => Promise<void>;
      const dnr = (globalThis as unknown as { chrome: { declarativeNetRequest: { updateSessionRules: Update } } }).chrome.declarativeNetRequest;
      const update = dnr.updateSessionRules.bind(dnr);
      g.rgReleaseHeld = false;
      dnr.updateSessionRules = async (u) => {
        if (u.addRules?.length && !g.rgReleaseHeld) {
          g.rgReleaseHeld = true;
          await new Promise<void>((r) => (g.rgLetReleaseGo = r));
        }
        return update(u);
      };
    });
    const count = webmail.mailCount();
    await rc.clickSend(page);
    await expect.poll(() => worker.evaluate(() => (globalThis as unknown as { rgReleaseHeld?: boolean }).rgReleaseHeld), { timeout: 30_000 }).toBe(true);
    await page.evaluate(() => ((document.querySelector('#_cc') as HTMLTextAreaElement).value = 'laat@gmail.com'));
    await worker.evaluate(() => (globalThis as unknown as { rgLetReleaseGo?: () => void }).rgLetReleaseGo?.());
    await expect(dialogPanel(page, 'block').locator('[data-code="RECIPIENT_NOT_WHITELISTED"]')).toContainText('laat@gmail.com');
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });

  test('text hidden with CSS in the HTML body is read: health data there blocks', async ({ page, webmail }) => {
    await rc.fillCompose(page, { to: ['hr@werkgever-a.nl'], subject: 'Rapportage C-2001', body: 'Bijgaand.' });
    await page.evaluate(() => rcmail.toggle_editor({ html: true }));
    await page.waitForSelector('#composebody_ifr');
    await page.evaluate(() => rcmail.editor.editor.insertContent('<div style="display:none">De cliënt heeft whiplash.</div>'));
    await rc.attach(page, pdf('rapport-C-2001.pdf', fx.c2001Pdf));
    await waitAnalysed(page);
    const count = webmail.mailCount();
    await rc.clickSend(page);
    await expect(dialogPanel(page, 'block').locator('[data-code="HEALTH_CONSENT_MISSING"]')).toBeVisible();
    await page.keyboard.press('Escape');
    await expectNoNewMail(() => webmail.mailCount(), count);
  });
});

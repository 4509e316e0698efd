// Baseline for the second webmail: SOGo itself works end to end on the harness (tests/e2e/
// harness/sogo.ts), without the extension. A plain message with To, Cc and Bcc reaches the sink
// as SOGo sends it (Bcc in the envelope only), an attachment arrives byte for byte, and a saved
// draft lands in Drafts without anything being sent.
import { randomBytes } from 'node:crypto';
import { test, expect, sg, type SinkMail } from './fixtures.ts';

const SENDER = 'a.jansen@focus-nederland.nl';
const uniqueSubject = (what: string) => `${what} ${Date.now()}-${randomBytes(3).toString('hex')}`;
const addresses = (h: SinkMail['parsed']['to']) => (Array.isArray(h) ? h : h ? [h] : []).flatMap((a) => a.value.map((v) => v.address));

test.describe('SOGo alone (no extension)', () => {
  test.use({ extension: false });

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

// Baseline: the webmail itself works end to end with the extension loaded. These are ordinary
// (non-report) actions that must keep working whatever ReportGuard checks on report mail;
// when one fails, the harness or Roundcube is broken, not a policy rule.
import { randomBytes } from 'node:crypto';
import { test, expect, rc, SCREENSHOT_DIR } from './fixtures.ts';

const SENDER = 'a.jansen@focus-nederland.nl';

// A subject no other test uses, so that sink and folder lookups find exactly this message.
const uniqueSubject = (what: string) => `${what} ${Date.now()}-${randomBytes(3).toString('hex')}`;

test('logs in to Roundcube and shows the inbox', async ({ page, login, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  await login(page, SENDER);
  await expect(page.locator(rc.SEL.folderList)).toBeVisible();
  await expect(page.locator(rc.SEL.folderList)).toContainText('Inbox');
  await expect(page.locator(rc.SEL.username)).toHaveText(SENDER);
});

test('a plain message without attachment reaches the sink with its subject and recipients', async ({ page, login, openCompose, fillCompose, clickSend, webmail, saveScreenshot }) => {
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
  const shot = await saveScreenshot(page, 'compose-plain');
  expect(shot.startsWith(SCREENSHOT_DIR)).toBe(true);
  await clickSend(page);

  const mail = await webmail.waitForMail((m) => m.parsed.subject === subject);
  expect(mail.envelope.from).toBe(SENDER);
  expect([...mail.envelope.to].sort()).toEqual(['b.bakker@focus-nederland.nl', 'hr@werkgever-a.nl', 'utrecht@focus-nederland.nl']);
  expect(mail.parsed.from?.value.map((a) => a.address)).toEqual([SENDER]);
  const addresses = (h: typeof mail.parsed.to) => (Array.isArray(h) ? h : h ? [h] : []).flatMap((a) => a.value.map((v) => v.address));
  expect(addresses(mail.parsed.to)).toEqual(['hr@werkgever-a.nl']);
  expect(addresses(mail.parsed.cc)).toEqual(['b.bakker@focus-nederland.nl']);
  // Bcc goes in the envelope only, never in the headers.
  expect(mail.parsed.headers.has('bcc')).toBe(false);
  expect(mail.parsed.text).toContain('dinsdag om tien uur');
  expect(mail.parsed.attachments).toHaveLength(0);
});

test('an attachment uploaded in the compose screen arrives with identical bytes', async ({ page, login, openCompose, fillCompose, attach, clickSend, webmail, saveScreenshot }) => {
  const subject = uniqueSubject('Notulen overleg');
  // Random bytes: any re-encoding or truncation on the way shows up as a difference.
  const bytes = randomBytes(200 * 1024);
  await login(page, SENDER);
  await openCompose(page);
  await fillCompose(page, { to: ['b.bakker@focus-nederland.nl'], subject, body: 'Zie bijlage.' });
  await attach(page, { name: 'notulen.bin', buffer: bytes, mimeType: 'application/octet-stream' });
  await expect(page.locator('#attachment-list li')).toHaveCount(1);
  await saveScreenshot(page, 'compose-attachment');
  await clickSend(page);

  const mail = await webmail.waitForMail((m) => m.parsed.subject === subject);
  expect(mail.envelope.to).toEqual(['b.bakker@focus-nederland.nl']);
  expect(mail.parsed.attachments).toHaveLength(1);
  const [att] = mail.parsed.attachments;
  expect(att!.filename).toBe('notulen.bin');
  expect(att!.content.length).toBe(bytes.length);
  expect(Buffer.compare(att!.content, bytes)).toBe(0);
});

test('saving a draft stores it in Drafts and sends nothing', async ({ page, login, openCompose, fillCompose, saveDraft, webmail }) => {
  const subject = uniqueSubject('Concept rapportage');
  const sentBefore = webmail.mailCount();
  await login(page, SENDER);
  await openCompose(page);
  await fillCompose(page, { to: ['hr@werkgever-a.nl'], subject, body: 'Nog niet versturen.' });
  await saveDraft(page);

  const drafts = await webmail.mailbox(SENDER, 'Drafts');
  const draft = drafts.find((m) => m.subject === subject);
  expect(draft, `draft "${subject}" in Drafts`).toBeDefined();
  expect(draft!.text).toContain('Nog niet versturen.');
  expect(webmail.mailCount()).toBe(sentBefore);
});

// What a user does in Roundcube 1.6 (elastic skin), as Playwright steps. The selectors are the
// real page's, listed here once, each with what it matches, so that a Roundcube update breaks
// one file. Shared by the e2e fixtures, the demo and the bench.
import type { Page } from '@playwright/test';
import { basename } from 'node:path';

export const SEL = {
  /** Login form fields and button. */
  loginUser: '#rcmloginuser',
  loginPassword: '#rcmloginpwd',
  loginSubmit: '#rcmloginsubmit',
  /** The folder list, visible once the mail view has loaded after login (the message list is hidden while empty). */
  folderList: '#mailboxlist',
  /** The logged-in address in the header. */
  username: '.header-title.username',
  /** Compose: the visible text input inside each recipient widget (elastic replaces the textarea). */
  recipientInput: (field: RecipientField) => `#compose_${field} .recipient-input input`,
  /** Compose: one finished recipient "box" in a recipient widget. */
  recipientBox: (field: RecipientField) => `#compose_${field} .recipient-input li.recipient`,
  /** The "add header" (+) link beside To, opening the menu with Cc, Bcc, Reply-To, Followup-To. */
  addHeaderLink: '#compose_to a[data-popup="headers-menu"]',
  /** The id of that menu (an elastic popup menu, shown inside a Bootstrap popover while open). */
  headersMenu: 'headers-menu',
  /** An entry of that menu; data-target is cc or bcc. */
  headersMenuItem: (field: 'cc' | 'bcc') => `#headers-menu a[data-target="${field}"]`,
  subject: '#compose-subject',
  /** Plain-text body (the harness configures the plain-text editor). */
  body: '#composebody',
  /** The hidden file input of the upload form; changing it uploads at once. */
  fileInput: 'input[type=file][name="_attachments[]"]',
  /** Attachments in the compose screen: li#rcmupload… while uploading, li#rcmfile… when done. */
  attachment: '#attachment-list li',
  attachmentDone: '#attachment-list li[id^="rcmfile"]',
  /** The toolbar's Send and Save (draft) buttons. */
  sendButton: 'button.send',
  saveDraftButton: 'a.save.draft',
} as const;

export type RecipientField = 'to' | 'cc' | 'bcc';

export interface ComposeFields {
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
}

/** A file to attach: a path on disk, bare bytes (named attachment.bin), or bytes with a name (and optional MIME type). */
export type Attachment = string | Uint8Array | { name: string; buffer: Buffer | Uint8Array; mimeType?: string };

// `rcmail` is Roundcube's client object in the page's own JavaScript world.
interface RcmailLike {
  env: Record<string, unknown>;
  busy?: boolean;
}
declare const rcmail: RcmailLike;

/** Logs in and waits for the mail view. */
export async function login(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.fill(SEL.loginUser, email);
  await page.fill(SEL.loginPassword, password);
  await page.click(SEL.loginSubmit);
  try {
    await page.waitForSelector(SEL.folderList, { timeout: 15_000 });
    await page.waitForFunction(() => typeof rcmail !== 'undefined' && rcmail.env.task === 'mail');
  } catch {
    const msg = await page.locator('#messagestack, .ui-dialog, .alert').allInnerTexts().catch(() => []);
    throw new Error(`login as ${email} failed at ${page.url()}${msg.length ? `: ${msg.join(' ').trim()}` : ''}`);
  }
}

/** Opens an empty compose screen and waits until Roundcube has initialised it. */
export async function openCompose(page: Page, url: string): Promise<void> {
  await page.goto(new URL('?_task=mail&_action=compose', url).href);
  const ready = page.locator(SEL.recipientInput('to'));
  // Roundcube shows an error box instead of the form when it lost the compose session.
  const error = page.locator('.boxerror, #messagestack .error').first();
  await ready.or(error).first().waitFor();
  if (!(await ready.isVisible())) {
    throw new Error(`Roundcube did not open the compose screen: ${(await error.innerText()).replace(/\s+/g, ' ').trim()}`);
  }
  await page.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && !rcmail.busy);
}

/**
 * Waits until an elastic popup menu is at rest: attached to the page and not inside a Bootstrap
 * popover. Roundcube's skin (skins/elastic/ui.js, popup_init) closes a menu in two steps: the
 * popover fades out and is detached at once, and a `setTimeout(…, 200)` in its `hide.bs.popover`
 * handler later parks the menu element back in the page with class `hidden`. That timer is not
 * cancelled when the menu is opened again: a menu reopened within those 200 ms is hidden and
 * pulled out of its new popover by the old close ("element is not visible"). So a menu is
 * opened only from rest, and left only once it is at rest again.
 */
async function waitForMenuAtRest(page: Page, menuId: string): Promise<void> {
  await page.waitForFunction((id) => {
    const menu = document.getElementById(id);
    return !!menu && !menu.closest('.popover');
  }, menuId);
}

/**
 * Picks an entry of an elastic popup menu as a user does: click its button, wait until the menu
 * is shown inside an open popover, click the entry. Resolves once the menu is closed and at rest.
 */
async function pickFromPopupMenu(page: Page, button: string, menuId: string, item: string): Promise<void> {
  await waitForMenuAtRest(page, menuId);
  await page.click(button);
  await page.locator(`.popover.show #${menuId}`).waitFor({ state: 'visible' });
  await page.click(item);
  await waitForMenuAtRest(page, menuId);
}

/** Makes the Cc or Bcc row visible the way a user does: "+" beside To, then Cc/Bcc. */
export async function revealHeader(page: Page, field: 'cc' | 'bcc'): Promise<void> {
  if (await page.locator(`#compose_${field}`).isVisible()) return;
  await pickFromPopupMenu(page, SEL.addHeaderLink, SEL.headersMenu, SEL.headersMenuItem(field));
  await page.locator(SEL.recipientInput(field)).waitFor({ state: 'visible' });
}

/**
 * Adds recipients to a field: type the address, then a comma, which turns it into a recipient
 * box (as the widget does for a typing user). Checks that each one became a box.
 */
export async function addRecipients(page: Page, field: RecipientField, addresses: string[]): Promise<void> {
  if (addresses.length === 0) return;
  if (field !== 'to') await revealHeader(page, field);
  const input = page.locator(SEL.recipientInput(field));
  const boxes = page.locator(SEL.recipientBox(field));
  for (const address of addresses) {
    const before = await boxes.count();
    await input.click();
    await input.fill(address);
    await input.press(',');
    try {
      await boxes.nth(before).waitFor({ timeout: 5000 });
    } catch {
      throw new Error(`Roundcube did not accept "${address}" as a ${field} recipient`);
    }
  }
}

export async function fillCompose(page: Page, fields: ComposeFields): Promise<void> {
  await addRecipients(page, 'to', fields.to);
  await addRecipients(page, 'cc', fields.cc ?? []);
  await addRecipients(page, 'bcc', fields.bcc ?? []);
  await page.fill(SEL.subject, fields.subject);
  await page.fill(SEL.body, fields.body);
}

/** Uploads one file through the compose screen's file input and waits until Roundcube lists it as done. */
export async function attach(page: Page, file: Attachment): Promise<void> {
  const done = page.locator(SEL.attachmentDone);
  const before = await done.count();
  const named = file instanceof Uint8Array ? { name: 'attachment.bin', buffer: file } : file;
  const name = typeof named === 'string' ? basename(named) : named.name;
  await page.setInputFiles(SEL.fileInput, typeof named === 'string'
    ? named
    : { name: named.name, mimeType: named.mimeType ?? 'application/octet-stream', buffer: Buffer.from(named.buffer) });
  try {
    await done.nth(before).waitFor({ timeout: 30_000 });
  } catch {
    const errors = await page.locator('#messagestack .error').allInnerTexts().catch(() => []);
    throw new Error(`upload of ${name} did not complete${errors.length ? `: ${errors.join(' ')}` : ''}`);
  }
}

/** Clicks Send, as the user does. What happens next (sent, blocked, dialog) is for the caller to check. */
export async function clickSend(page: Page): Promise<void> {
  await page.click(SEL.sendButton);
}

/** Resolves once Roundcube says the message was sent (it leaves the compose screen). */
export async function waitForSent(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForURL((u) => !u.searchParams.has('_action') || u.searchParams.get('_action') !== 'compose', { timeout: timeoutMs });
}

/** Clicks Save (draft) and waits until Roundcube has stored the draft on the IMAP server. */
export async function saveDraft(page: Page): Promise<void> {
  const before = await page.evaluate(() => String(rcmail.env.draft_id ?? ''));
  await page.click(SEL.saveDraftButton);
  await page.waitForFunction((prev) => !!rcmail.env.draft_id && String(rcmail.env.draft_id) !== prev && !rcmail.busy, before, { timeout: 15_000 });
}

/** Recipients, subject, body and attachments of the compose screen, as the user sees them. */
export async function composeState(page: Page) {
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

/** One finished attachment row (where ReportGuard's status badge goes). */
export const attachmentRow = '#attachment-list li[id^="rcmfile"]';
/** Where an attachment row shows its file name. */
export const attachmentName = '.attachment-name';

/**
 * Saves the draft and opens it again later, as a user does: a compose screen of its own for the
 * draft in the Drafts folder (Roundcube's `_draft_uid`), waited on until Roundcube is idle.
 */
export async function reopenDraft(page: Page, _subject: string): Promise<void> {
  await saveDraft(page);
  const draftUid = await page.evaluate(() => String(rcmail.env.draft_id));
  await page.goto(new URL(`?_task=mail&_action=compose&_draft_uid=${encodeURIComponent(draftUid)}&_mbox=Drafts`, page.url()).href);
  await page.waitForFunction(() => typeof rcmail !== 'undefined' && !!rcmail.env.compose_id && !rcmail.busy);
}

/** A page script sends the way Roundcube's own code does (`rcmail.command('send')`). */
export async function scriptedSend(page: Page): Promise<void> {
  await page.evaluate(() => (rcmail as unknown as { command(c: string, p?: unknown): unknown }).command('send', ''));
}

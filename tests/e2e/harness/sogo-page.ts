// What a user does in SOGo 5.8 (AngularJS + Angular Material, CKEditor 4), as Playwright
// steps with the same signatures as roundcube-page.ts, so a scenario runs against either
// webmail. The selectors are the real page's, listed once, each with what it matches.
import type { Page } from '@playwright/test';
import { basename } from 'node:path';
import type { Attachment, ComposeFields, RecipientField } from './roundcube-page.ts';

export type { Attachment, ComposeFields, RecipientField };

export const SEL = {
  /** Login form (a JSON POST to /SOGo/connect). */
  loginUser: 'input[ng-model="app.creds.username"]',
  loginPassword: '#passwordField',
  loginSubmit: 'button[type=submit]',
  /** The folder tree of the mail view, there once the mailbox has loaded. */
  folderList: 'md-sidenav [ng-repeat*="folder"], .sg-folders',
  /** The compose speed dial: its trigger opens the menu, the entry opens the in-page editor. */
  composeTrigger: 'md-fab-trigger button',
  composeNew: 'button[ng-click="mailbox.newMessage($event)"]',
  /** The compose dialog and its form. */
  editor: 'md-dialog#mailEditor',
  form: '#mailEditor form[name=messageForm]',
  /** One recipient field (md-chips) and its text input; Cc/Bcc are hidden until revealed. */
  recipients: (field: RecipientField) => `#mailEditor md-chips[ng-model="editor.message.editable.${field}"]`,
  recipientInput: (field: RecipientField) => `#mailEditor md-chips[ng-model="editor.message.editable.${field}"] input`,
  recipientChip: (field: RecipientField) => `#mailEditor md-chips[ng-model="editor.message.editable.${field}"] md-chip`,
  reveal: (field: 'cc' | 'bcc') => `#mailEditor button[ng-click="editor.hide${field === 'cc' ? 'Cc' : 'Bcc'} = false"]`,
  subject: '#mailEditor input[name=subject]',
  /** The HTML body: CKEditor's editing iframe; plain mode has the textarea instead. */
  bodyFrame: '#mailEditor iframe.cke_wysiwyg_frame',
  bodyText: '#mailEditor textarea[name=content]',
  /** The hidden file input behind the paperclip; adding files uploads them at once. */
  fileInput: '#mailEditor input#fileInput[type=file]',
  /** Attachment chips below the editor. */
  attachment: '#mailEditor md-dialog-actions.sg-mail-editor-attachments md-chip',
  sendButton: '#mailEditor button[ng-click="editor.send()"]',
  saveDraftButton: '#mailEditor button[ng-click="editor.save()"]',
  /** A message in the open folder's list, and a draft's Edit button in the message view. */
  draftItem: 'md-list-item.sg-message-list-item',
  editDraft: 'button[ng-click="viewer.edit($event)"]',
} as const;

// The page's AngularJS, for reading the editor's state (debug info is off: `.controller()`
// and the injector work, `.scope()` does not).
interface EditorLike {
  message: { draftId?: string; editable: { to: unknown[]; cc: unknown[]; bcc: unknown[]; subject?: string; text?: string } };
  uploader: { queue: { isUploading: boolean; isSuccess: boolean; file: { name: string } }[] };
  sendState: false | 'sending' | 'sent' | 'error';
  composeType: 'html' | 'text';
}
declare const angular: { element(el: Element | null): { controller(): EditorLike | undefined } };

/**
 * Logs in and waits for the mail view. With `guarded`, first waits until ReportGuard has told its
 * network guard that this is SOGo (its marker on the page): SOGo's login is a POST the default
 * rules would hold.
 */
export async function login(page: Page, url: string, email: string, password: string, { guarded = false }: { guarded?: boolean } = {}): Promise<void> {
  await page.goto(url);
  if (guarded) await page.locator('html[data-reportguard-webmail="sogo"]').waitFor({ state: 'attached', timeout: 15_000 });
  // Typed only once AngularJS has compiled the form (its form controller exists): text typed
  // before would sit in the DOM while the model, and so the submit, stay empty.
  await page.waitForFunction(() => {
    const ng = (window as unknown as { angular?: { element(e: Element | null): { controller(name: string): unknown } } }).angular;
    return !!ng && !!ng.element(document.querySelector('form[name="loginForm"]')).controller('form');
  });
  await page.fill(SEL.loginUser, email);
  await page.fill(SEL.loginPassword, password);
  // Submitted with Enter from the password field, once the form is valid (its Connect button
  // enabled): the browser submits through the default button, no pointer involved. A click on the
  // Connect button, a floating action button inside a panel that animates in, now and then had
  // its press and release land apart under load (the button focused, no submit, no POST).
  await page.locator(`${SEL.loginSubmit}:not([disabled])`).waitFor();
  const connect = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/SOGo/connect'), { timeout: 15_000 });
  await page.press(SEL.loginPassword, 'Enter');
  await connect.catch(() => {
    throw new Error(`SOGo login as ${email}: the login form was not submitted (no POST /SOGo/connect)`);
  });
  try {
    await page.waitForURL(/\/Mail\/view/, { timeout: 20_000 });
    await page.locator(SEL.composeTrigger).waitFor({ timeout: 20_000 });
  } catch {
    const msg = await page.locator('md-toast, .sg-login-error, [ng-show*="error"]').allInnerTexts().catch(() => []);
    throw new Error(`SOGo login as ${email} failed at ${page.url()}${msg.length ? `: ${msg.join(' ').replace(/\s+/g, ' ').trim()}` : ''}`);
  }
}

/** How SOGo composes: CKEditor HTML (SOGo's default here) or plain text (a textarea). */
export type ComposeMode = 'html' | 'text';

/**
 * Sets the logged-in user's "Compose messages in" preference (SOGoMailComposeMessageType)
 * through SOGo's own Preferences service, which saves it on the server as the preferences page
 * does (POST `…/Preferences/save`); the next editor opens in that mode. Nothing is saved when it
 * already is that mode.
 */
export async function setComposeMode(page: Page, mode: ComposeMode): Promise<void> {
  await page.evaluate(async (m) => {
    type Prefs = { ready(): Promise<unknown>; defaults: Record<string, unknown>; $save(): Promise<unknown> };
    const ng = (window as unknown as { angular: { element(e: Element): { injector(): { get(n: string): Prefs } } } }).angular;
    const prefs = ng.element(document.body).injector().get('Preferences');
    await prefs.ready();
    if (prefs.defaults.SOGoMailComposeMessageType === m) return;
    prefs.defaults.SOGoMailComposeMessageType = m;
    await prefs.$save();
  }, mode);
}

/** Opens the in-page compose dialog (the speed dial, as a user does) and waits until SOGo has made its draft. */
export async function openCompose(page: Page, _url?: string): Promise<void> {
  if (!/\/Mail\/view/.test(page.url())) throw new Error(`SOGo compose: not in the mail view (${page.url()})`);
  await page.click(SEL.composeTrigger);
  await page.locator(SEL.composeNew).click();
  await page.locator(SEL.recipientInput('to')).waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const ed = angular.element(document.getElementById('mailEditor')).controller();
    return !!ed?.message?.draftId;
  });
}

async function editorState<T>(page: Page, fn: (ed: EditorLike) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(angular.element(document.getElementById('mailEditor')).controller())`) as Promise<T>;
}

/**
 * Adds recipients to a field: type, then Tab, which commits a chip (Enter does nothing once the
 * address-book dropdown has opened). Checks that each one became a chip.
 */
export async function addRecipients(page: Page, field: RecipientField, addresses: string[]): Promise<void> {
  if (addresses.length === 0) return;
  if (field !== 'to' && !(await page.locator(SEL.recipientInput(field)).isVisible())) await page.click(SEL.reveal(field));
  const input = page.locator(SEL.recipientInput(field));
  const chips = page.locator(SEL.recipientChip(field));
  for (const address of addresses) {
    const before = await chips.count();
    await input.click();
    await input.fill(address);
    await input.press('Tab');
    try {
      await chips.nth(before).waitFor({ timeout: 5000 });
    } catch {
      throw new Error(`SOGo did not accept "${address}" as a ${field} recipient`);
    }
  }
}

/** Types the body into CKEditor (HTML mode) or the textarea (plain mode), line by line. */
export async function fillBody(page: Page, body: string): Promise<void> {
  const text = page.locator(SEL.bodyText);
  if (await text.isVisible().catch(() => false)) {
    await text.fill(body);
    return;
  }
  const frame = page.frameLocator(SEL.bodyFrame).locator('body');
  await frame.click();
  // Each line as one text input (as a paste is), Enter between them: CKEditor makes paragraphs.
  const lines = body.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line) await page.keyboard.insertText(line);
    if (i < lines.length - 1) await page.keyboard.press('Enter');
  }
  // CKEditor hands its content to SOGo's model (editor.message.editable.text) on its own change
  // events, a moment after the typing: a draft saved before that is stored without the body (seen
  // on a loaded machine). As a user would, go on only once SOGo holds what was typed.
  const last = lines.filter((l) => l.trim()).at(-1)?.trim();
  if (!last) return;
  try {
    await page.waitForFunction((want) => {
      const html = angular.element(document.getElementById('mailEditor')).controller()?.message?.editable?.text ?? '';
      const div = document.createElement('div');
      div.innerHTML = html;
      const space = /[\s\u00a0]+/g;
      return (div.textContent ?? '').replace(space, ' ').includes(want.replace(space, ' ').trim());
    }, last, { timeout: 15_000 });
  } catch {
    throw new Error('SOGo\'s editor did not take the typed body into its message');
  }
}

export async function fillCompose(page: Page, fields: ComposeFields): Promise<void> {
  await addRecipients(page, 'to', fields.to);
  await addRecipients(page, 'cc', fields.cc ?? []);
  await addRecipients(page, 'bcc', fields.bcc ?? []);
  await page.fill(SEL.subject, fields.subject);
  await fillBody(page, fields.body);
}

/** Uploads one file through the editor's file input and waits until SOGo has stored it in the draft. */
export async function attach(page: Page, file: Attachment): Promise<void> {
  const named = file instanceof Uint8Array ? { name: 'attachment.bin', buffer: file } : file;
  const name = typeof named === 'string' ? basename(named) : named.name;
  const before = await editorState(page, (ed) => ed.uploader.queue.filter((i) => i.isSuccess).length);
  await page.setInputFiles(SEL.fileInput, typeof named === 'string'
    ? named
    : { name: named.name, mimeType: named.mimeType ?? 'application/octet-stream', buffer: Buffer.from(named.buffer) });
  try {
    await page.waitForFunction((n) => {
      const ed = angular.element(document.getElementById('mailEditor')).controller();
      const q = ed?.uploader.queue ?? [];
      return q.filter((i) => i.isSuccess).length > n && !q.some((i) => i.isUploading);
    }, before, { timeout: 30_000 });
  } catch {
    throw new Error(`SOGo upload of ${name} did not complete`);
  }
}

/** Clicks Send, as the user does. What happens next (sent, blocked, dialog) is for the caller to check. */
export async function clickSend(page: Page): Promise<void> {
  await page.click(SEL.sendButton);
}

/** Resolves once SOGo says the message was sent (the editor closes about a second after success). */
export async function waitForSent(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.locator(SEL.editor).waitFor({ state: 'detached', timeout: timeoutMs });
}

/** Clicks Save (draft) and waits until SOGo has stored the draft on the IMAP server (its JSON save answered). */
export async function saveDraft(page: Page): Promise<void> {
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/save') && (r.request().headers()['content-type'] ?? '').includes('json'), { timeout: 15_000 });
  await page.click(SEL.saveDraftButton);
  const res = await saved;
  if (!res.ok()) throw new Error(`SOGo draft save answered HTTP ${res.status()}`);
}

/**
 * Recipients, subject, body and attachments of the open editor as the user sees them, and
 * whether it can be edited (no "Sending…" overlay: SOGo's `sendState` is false).
 */
export async function composeState(page: Page) {
  const sel = {
    to: SEL.recipientChip('to'),
    cc: SEL.recipientChip('cc'),
    bcc: SEL.recipientChip('bcc'),
    subject: SEL.subject,
    frame: SEL.bodyFrame,
    area: SEL.bodyText,
    attachment: SEL.attachment,
  };
  return page.evaluate((s) => {
    const chips = (q: string) => [...document.querySelectorAll(`${q} .md-chip-content`)].map((e) => (e.textContent ?? '').trim());
    const frame = document.querySelector<HTMLIFrameElement>(s.frame);
    const area = document.querySelector<HTMLTextAreaElement>(s.area);
    const ng = (window as unknown as { angular: { element(e: Element | null): { controller(): { sendState: unknown } | undefined } } }).angular;
    return {
      to: chips(s.to),
      cc: chips(s.cc),
      bcc: chips(s.bcc),
      subject: document.querySelector<HTMLInputElement>(s.subject)?.value ?? null,
      body: frame?.contentDocument?.body.innerText.replace(/[\u200B\u2060\uFEFF]/g, '').trim() ?? area?.value ?? null,
      attachments: [...document.querySelectorAll(`${s.attachment} a`)].map((a) => (a.textContent ?? '').trim()),
      editable: ng.element(document.getElementById('mailEditor')).controller()?.sendState === false,
    };
  }, sel);
}

/** One attachment chip (where ReportGuard's status badge goes). */
export const attachmentRow = SEL.attachment;
/** Where an attachment chip shows its file name (its link to the part in the draft). */
export const attachmentName = 'a[href]';

/**
 * Saves the draft and opens it again later, as a user does: the mail view loaded afresh, the
 * Drafts folder, the draft (by its subject), its Edit button. Waits until the editor holds the
 * draft SOGo made for this editing and every attachment chip is there.
 */
export async function reopenDraft(page: Page, subject: string): Promise<void> {
  await saveDraft(page);
  const view = page.url().replace(/#.*$/, '');
  await page.goto(view);
  await page.locator(SEL.composeTrigger).waitFor();
  await page.evaluate(() => (location.hash = '#!/Mail/0/Drafts'));
  await page.locator(SEL.draftItem, { hasText: subject }).first().click();
  await page.locator(SEL.editDraft).click();
  await page.locator(SEL.recipientInput('to')).waitFor({ state: 'visible' });
  await page.waitForFunction(() => {
    const ed = angular.element(document.getElementById('mailEditor')).controller();
    return !!ed?.message?.draftId && (ed.uploader.queue.length ?? 0) > 0;
  });
}

/** A page script sends the way SOGo's own code does: the message's `$send()`, no click. */
export async function scriptedSend(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ng = (window as unknown as { angular: { element(e: Element | null): { controller(): { message: { $send(): Promise<unknown> } } } } }).angular;
    void ng.element(document.getElementById('mailEditor')).controller().message.$send().catch(() => undefined);
  });
}

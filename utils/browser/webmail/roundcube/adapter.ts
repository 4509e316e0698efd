// Roundcube (1.6, elastic) behind the WebmailAdapter interface, in the isolated world. What will
// be sent is read from the compose form the way Roundcube's PHP reads it (php-input.ts): the
// browser's own entry list of the form, last field of a name wins, the body as posted (hidden
// text and inline pictures included). The submission is made from here too, with this world's
// fetch and no page code in between the final reading and the request. The MAIN-world bridge is
// used only for what lives in page JavaScript: stopping Roundcube's own submissions, moving the
// HTML editor's text into the form, uploading and removing attachments for a swap.
import type { ComposeAttachment, ComposeFields, InlineImage, LayoutCheck, OutgoingMessage, PreparedSubmission, ReplacementFile, SubmissionHandlers, SubmitOutcome, WebmailAdapter } from '../adapter.ts';
import { finalSubmission, layoutVerdict, missingParts } from '../adapter.ts';
import type { SubmissionMode } from '../../../core/messaging/protocol.ts';
import { base64ToBytes } from '../../../core/messaging/base64.ts';
import type { BridgeClient } from '../bridge-client.ts';
import { roundcubeNetwork, submissionText } from './network.ts';
import { getVars, phpVars, roundcubeRecipients, roundcubeRoute, type Entry } from './php-input.ts';
import * as sel from './selectors.ts';
import { pollUntil } from '../poll.ts';

export interface RoundcubeAdapterOptions {
  /** How long the swap waits for each step (upload, removal, verification). */
  stepTimeoutMs?: number;
}

/**
 * Keeps page listeners of the `formdata` event out of our readings of the compose form: a page
 * script could otherwise change the entry list the browser builds for us. Installed at
 * document_start, before any page script, so this capture listener runs first.
 */
export class FormdataShield {
  private shielding = 0;
  constructor(win: Window) {
    win.addEventListener(
      'formdata',
      (e) => {
        if (this.shielding > 0) e.stopImmediatePropagation();
      },
      true,
    );
  }
  /** The browser's entry list of `form`, strings only (a file field is nothing Roundcube reads here). */
  entries(form: HTMLFormElement): Entry[] {
    this.shielding++;
    try {
      const out: Entry[] = [];
      for (const [k, v] of new FormData(form)) if (typeof v === 'string') out.push([k, v]);
      return out;
    } finally {
      this.shielding--;
    }
  }
}

export class RoundcubeAdapter implements WebmailAdapter {
  readonly name = 'roundcube';
  readonly network = roundcubeNetwork;
  readonly swapsAtAttach = true;
  readonly readsSessionAhead = true;
  private readonly stepTimeoutMs: number;
  private readonly bridge: BridgeClient;
  private readonly doc: Document;
  private readonly shield: FormdataShield;

  constructor(bridge: BridgeClient, shield: FormdataShield, doc: Document = document, options: RoundcubeAdapterOptions = {}) {
    this.bridge = bridge;
    this.shield = shield;
    this.doc = doc;
    this.stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
  }

  private get url(): URL {
    return new URL(this.doc.location.href);
  }

  /** Roundcube's route for this page's URL (`?_action=compose&_id=…` without `_task` is mail too). */
  private route(): { task: string; action: string } {
    return roundcubeRoute(getVars(this.url.href), phpVars([]));
  }

  detect(): boolean {
    const r = this.route();
    if (r.task === 'mail' && r.action === 'compose') return true;
    // A compose screen reached another way (a framed or cookie-routed URL): the form says so.
    return !!this.form()?.querySelector('input[name="_id"]') && !!this.doc.querySelector(sel.body.textarea);
  }

  private form(): HTMLFormElement | null {
    return this.doc.querySelector<HTMLFormElement>(sel.compose.form);
  }

  hasExpectedLayout(): LayoutCheck {
    const missing = missingParts(this.doc, {
      'compose form': sel.compose.form,
      From: sel.headers.from,
      To: sel.headers.to,
      Cc: sel.headers.cc,
      Bcc: sel.headers.bcc,
      subject: sel.headers.subject,
      body: sel.body.textarea,
      'attachment list': sel.attachments.list,
    });
    const key = this.composeKey();
    const hooked = this.bridge.hooked;
    if (!hooked) missing.push('rcmail hook');
    else if (!key || hooked.composeId !== key) missing.push('compose id');
    const formId = this.form()?.querySelector<HTMLInputElement>('input[name="_id"]')?.value;
    if (formId !== undefined && formId !== key) missing.push('compose id');
    if (!this.bridge.channelOpen) missing.push('bridge channel');
    return layoutVerdict(missing);
  }

  /** Roundcube's compose id, from the URL as PHP reads it (the bridge's claim and the form must agree, see hasExpectedLayout). */
  composeKey(): string | null {
    return getVars(this.url.href).string('_id') || null;
  }

  // ---------------------------------------------------------------- what will be sent

  private formVars() {
    const form = this.form();
    if (!form) throw new Error('compose form missing');
    return phpVars(this.shield.entries(form));
  }

  readOutgoing(): OutgoingMessage {
    const composeKey = this.composeKey();
    if (!composeKey) throw new Error('no compose id');
    const post = this.formVars();
    const html = post.string('_is_html') !== '' && post.string('_is_html') !== '0';
    const message = post.string('_message');
    const fields: ComposeFields = {
      from: this.fromOf(post.string('_from')),
      to: roundcubeRecipients(post.string('_to')),
      cc: roundcubeRecipients(post.string('_cc')),
      bcc: roundcubeRecipients(post.string('_bcc')),
      subject: post.string('_subject'),
      body: html ? htmlText(message, this.doc) : message,
    };
    const contentKey = JSON.stringify([post.string('_from'), fields.from, post.string('_to'), post.string('_cc'), post.string('_bcc'), fields.subject, message, html]);
    return { composeKey, fields, inlineImages: html ? inlineImages(message) : [], contentKey };
  }

  /** The identity's address: `_from` is an identity id (its option says the address) or a custom address. */
  private fromOf(value: string): string {
    if (/^\d+$/.test(value)) {
      const select = this.doc.querySelector<HTMLSelectElement>(sel.headers.from);
      const option = select ? [...select.options].find((o) => o.value === value) : undefined;
      return option ? addressOf((option.textContent ?? '').trim()) : '';
    }
    return addressOf(value.trim());
  }

  prepareSubmission(mode: SubmissionMode, attachmentIds: readonly string[]): PreparedSubmission {
    const composeKey = this.composeKey();
    if (!composeKey) throw new Error('no compose id');
    const post = this.formVars();
    // Exactly one field per name, as PHP will register them; arrays (nothing Roundcube reads
    // here) are left out. Routing and the mode are ours, not the page's.
    const fixed: Record<string, string> = {
      _task: 'mail',
      _action: 'send',
      _id: composeKey,
      _draft: mode === 'draft' ? '1' : '',
      _attachments: attachmentIds.map((id) => id.replace(/^rcmfile/, '')).join(','),
      _framed: '1',
    };
    const fields: [string, string][] = [];
    for (const name of post.names()) {
      if (name in fixed || post.isArray(name)) continue;
      fields.push([name, post.string(name)]);
    }
    for (const [k, v] of Object.entries(fixed)) fields.push([k, v]);
    const target = new URL(this.form()?.getAttribute('action') || './', this.url);
    const url = new URL(target.pathname, this.url.origin);
    url.search = new URLSearchParams({ _task: 'mail', _action: 'send', _id: composeKey, _framed: '1' }).toString();
    return { mode, url: url.href, fields, attachmentIds: [...attachmentIds], text: submissionText(url.href, fields) };
  }

  async submit(prepared: PreparedSubmission, token: string): Promise<SubmitOutcome> {
    // The final reading and the request in one synchronous step: no page code runs in between.
    const final = finalSubmission(() => this.prepareSubmission(prepared.mode, prepared.attachmentIds), prepared, this.network.tokenParam, token);
    if (!final) return { kind: 'changed' };
    const { now, url } = final;
    const request = fetch(url.href, { method: 'POST', body: new URLSearchParams(now.fields.map(([k, v]) => [k, v])), credentials: 'same-origin', cache: 'no-store' });
    let text: string;
    let status: number;
    try {
      const res = await request;
      status = res.status;
      text = await res.text();
    } catch (e) {
      return { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
    }
    if (status !== 200) return { kind: 'failed', reason: `HTTP ${status}` };
    this.handToPage(text);
    const accepted = prepared.mode === 'draft' ? /\bset_draft_id\(/.test(text) : /\bsent_successfully\(/.test(text);
    return accepted ? { kind: 'done' } : { kind: 'refused' };
  }

  /** Roundcube's answer is a page of commands for its parent (`parent.rcmail.…`): run it where its own submission would. */
  private handToPage(html: string): void {
    const frame = this.doc.createElement('iframe');
    frame.hidden = true;
    // Its scripts must reach this page's rcmail (parent.rcmail…), as from Roundcube's own target frame.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin');
    frame.setAttribute('data-reportguard-response', '');
    frame.addEventListener('load', () => setTimeout(() => frame.remove(), 1000), { once: true });
    frame.srcdoc = html;
    (this.doc.body ?? this.doc.documentElement).append(frame);
  }

  async syncEditor(): Promise<void> {
    await this.bridge.syncEditor();
  }

  // ---------------------------------------------------------------- attachments

  listAttachments(): ComposeAttachment[] {
    return [...this.doc.querySelectorAll<HTMLLIElement>(sel.attachments.item)].map((li) => ({
      id: li.id,
      name: (li.querySelector(sel.attachments.name)?.textContent ?? '').trim(),
      complete: !li.classList.contains('uploading'),
    }));
  }

  /**
   * The compose session's attachments as the server holds them: Roundcube sends every one of
   * them, not only those this screen shows (a duplicated tab shares the session). Read from the
   * compose page the server renders for this session.
   */
  async sessionAttachments(): Promise<ComposeAttachment[]> {
    const key = this.composeKey();
    if (!key) throw new Error('no compose id');
    const u = new URL(this.url.pathname, this.url.origin);
    u.search = new URLSearchParams({ _task: 'mail', _action: 'compose', _id: key }).toString();
    const res = await fetch(u.href, { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new Error(`compose session: HTTP ${res.status}`);
    const page = this.doc.implementation.createHTMLDocument('');
    page.documentElement.innerHTML = await res.text();
    const list = page.querySelector(sel.attachments.list);
    if (!list || !page.querySelector(`input[name="_id"][value="${CSS.escape(key)}"]`)) throw new Error('compose session not found on the server');
    return [...list.querySelectorAll<HTMLLIElement>(':scope > li[id^="rcmfile"]')].map((li) => ({
      id: li.id,
      name: (li.querySelector(sel.attachments.name)?.textContent ?? '').trim(),
      complete: true,
    }));
  }

  private attachmentUrl(id: string): string {
    const u = new URL(this.url.pathname, this.url.origin);
    u.searchParams.set('_task', 'mail');
    u.searchParams.set('_action', 'display-attachment');
    u.searchParams.set('_file', id);
    u.searchParams.set('_id', this.composeKey() ?? '');
    return u.href;
  }

  async fetchAttachmentBytes(att: ComposeAttachment): Promise<Uint8Array> {
    const res = await fetch(this.attachmentUrl(att.id), { credentials: 'same-origin', cache: 'no-store' });
    if (!res.ok) throw new Error(`attachment ${att.name}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  onAttachmentsChanged(cb: () => void): () => void {
    const list = this.doc.querySelector(sel.attachments.list);
    const mo = list ? new MutationObserver(() => cb()) : null;
    if (list && mo) mo.observe(list, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'id'] });
    const off = this.bridge.on((m) => {
      if (m.kind === 'file') cb();
    });
    return () => {
      mo?.disconnect();
      off();
    };
  }

  interceptSubmissions(handlers: SubmissionHandlers): () => void {
    return this.bridge.on((m) => {
      if (m.kind === 'send-attempt') handlers.send();
      else if (m.kind === 'draft-request') handlers.draft();
    });
  }

  async uploadAttachment(file: ReplacementFile): Promise<ComposeAttachment> {
    const id = await this.bridge.upload(file.name, file.mime, file.bytes, this.stepTimeoutMs);
    const fresh: ComposeAttachment = { id, name: file.name, complete: true };
    try {
      await this.waitUntil(() => this.doc.getElementById(id) !== null, 'new attachment listed');
    } catch (err) {
      await this.bridge.remove(id).catch(() => undefined);
      throw err;
    }
    return fresh;
  }

  async removeAttachment(att: ComposeAttachment): Promise<void> {
    await this.bridge.remove(att.id);
    // Roundcube takes the row out only on its server's answer that the file is deleted
    // (remove_from_attachment_list is a command in that answer), so the row leaving is the
    // server's confirmation. Asking the server for the removed id would only write a PHP
    // warning to its log (attachment_upload.php reads the missing session key).
    await this.waitUntil(() => this.doc.getElementById(att.id) === null, 'old attachment removed');
  }

  /** Roundcube gives every upload an id of its own: the copy always sits beside the original. */
  uploadReplaces(): boolean {
    return false;
  }

  placeUi(att: ComposeAttachment): HTMLElement | null {
    return this.doc.getElementById(att.id);
  }

  private waitUntil(cond: () => boolean, what: string): Promise<void> {
    return pollUntil(cond, what, { timeoutMs: this.stepTimeoutMs });
  }
}

/** The address inside "Name <addr>" or the bare text. */
function addressOf(mailbox: string): string {
  const m = /<([^<>]*)>\s*$/.exec(mailbox);
  return (m?.[1] ?? mailbox).trim();
}

/**
 * Every text the HTML body carries to its reader: text hidden with CSS included (textContent,
 * not innerText), alternative texts and titles of elements, and comments.
 */
export function htmlText(html: string, doc: Document): string {
  const d = doc.implementation.createHTMLDocument('');
  d.body.innerHTML = html;
  const parts = [d.body.textContent ?? ''];
  for (const el of d.body.querySelectorAll('[alt], [title]')) {
    for (const a of ['alt', 'title']) {
      const v = el.getAttribute(a);
      if (v) parts.push(v);
    }
  }
  const walker = d.createTreeWalker(d.body, NodeFilter.SHOW_COMMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
  return parts.join('\n').trim();
}

const DATA_URI = /data:([a-z0-9.+/-]*)(?:;[a-z0-9=.-]+)*;base64,([a-z0-9+/=\r\n]+)/gi;

/**
 * Pictures the body carries itself: every `data:…;base64,` in the HTML. Roundcube turns those
 * of `<img src>` into parts of their own; any other (a CSS background) still travels in the
 * HTML. Either way it leaves with the mail, so each counts as an attachment for the rules.
 */
export function inlineImages(html: string): InlineImage[] {
  const out: InlineImage[] = [];
  for (const m of html.matchAll(DATA_URI)) {
    let bytes: Uint8Array;
    try {
      bytes = base64ToBytes(m[2]!.replace(/[\r\n]/g, ''));
    } catch {
      continue;
    }
    if (bytes.length === 0) continue;
    const mime = (m[1] || 'application/octet-stream').toLowerCase();
    const ext = (mime.split('/')[1] ?? 'bin').replace(/[^a-z0-9]/g, '') || 'bin';
    out.push({ name: `inline-${out.length + 1}.${ext}`, mime, bytes });
  }
  return out;
}

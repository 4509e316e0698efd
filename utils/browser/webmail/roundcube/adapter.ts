// Roundcube (1.6, elastic) behind the WebmailAdapter interface. Reads the compose screen from the
// DOM (which the isolated world shares with the page) and uses the MAIN-world bridge only for
// what lives in page JavaScript: hooking the send, uploading and removing attachments.
import { WebmailDeclined, type ComposeAttachment, type ComposeFields, type LayoutCheck, type ReplacementFile, type WebmailAdapter } from '../adapter.ts';
import { addressOf, splitAddressList } from '../address-list.ts';
import { sha256Hex } from '../../../core/documents/hash.ts';
import type { BridgeClient } from './bridge-client.ts';
import * as sel from './selectors.ts';
import { WEBMAIL_DECLINED } from '../../../core/messaging/bridge.ts';

export interface RoundcubeAdapterOptions {
  /** How long the swap waits for each step (upload, removal, verification). */
  stepTimeoutMs?: number;
}

export class RoundcubeAdapter implements WebmailAdapter {
  readonly name = 'roundcube';
  private readonly stepTimeoutMs: number;

  private readonly bridge: BridgeClient;
  private readonly doc: Document;

  constructor(bridge: BridgeClient, doc: Document = document, options: RoundcubeAdapterOptions = {}) {
    this.bridge = bridge;
    this.doc = doc;
    this.stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
  }

  private get url(): URL {
    return new URL(this.doc.location.href);
  }

  detect(): boolean {
    const u = this.url;
    return u.searchParams.get('_task') === 'mail' && u.searchParams.get('_action') === sel.compose.urlAction;
  }

  hasExpectedLayout(): LayoutCheck {
    const missing: string[] = [];
    const need: [string, string][] = [
      ['compose form', sel.compose.form],
      ['From', sel.headers.from],
      ['To', sel.headers.to],
      ['Cc', sel.headers.cc],
      ['Bcc', sel.headers.bcc],
      ['subject', sel.headers.subject],
      ['body', sel.body.textarea],
      ['attachment list', sel.attachments.list],
      ['send button', sel.send.button],
    ];
    for (const [what, s] of need) if (!this.doc.querySelector(s)) missing.push(what);
    const hooked = this.bridge.hooked;
    if (!hooked) missing.push('rcmail hook');
    else if (hooked.composeId !== this.composeKey()) missing.push('compose id');
    if (!this.bridge.channelOpen) missing.push('bridge channel');
    return missing.length ? { ok: false, missing } : { ok: true };
  }

  /** Roundcube's compose id, from the URL (the bridge's claim must agree, see hasExpectedLayout). */
  composeKey(): string | null {
    return this.url.searchParams.get('_id');
  }

  async readCompose(): Promise<ComposeFields> {
    const q = <T extends Element>(s: string): T | null => this.doc.querySelector<T>(s);
    const fromSel = q<HTMLSelectElement>(sel.headers.from);
    const fromText = fromSel?.selectedOptions[0]?.textContent?.trim() ?? '';
    const list = (s: string): string[] => splitAddressList(q<HTMLTextAreaElement>(s)?.value ?? '');
    return {
      from: addressOf(fromText),
      to: list(sel.headers.to),
      cc: list(sel.headers.cc),
      bcc: list(sel.headers.bcc),
      subject: q<HTMLInputElement>(sel.headers.subject)?.value ?? '',
      body: await this.readBody(),
    };
  }

  /** Plain text of the body in both editors. */
  private async readBody(): Promise<string> {
    const htmlMode = this.doc.querySelector<HTMLInputElement>(sel.compose.isHtmlInput)?.value === '1';
    if (htmlMode) {
      const iframe = this.doc.querySelector<HTMLIFrameElement>(sel.body.htmlIframe);
      const body = iframe?.contentDocument?.body;
      if (body) return (body.innerText || body.textContent || '').trim();
      // TinyMCE not reachable from here: ask the page (its text is a claim, but so is the DOM's).
      const facts = await this.bridge.facts().catch(() => null);
      if (facts?.bodyText != null) return facts.bodyText;
      const raw = this.doc.querySelector<HTMLTextAreaElement>(sel.body.textarea)?.value ?? '';
      return htmlToText(raw, this.doc);
    }
    return this.doc.querySelector<HTMLTextAreaElement>(sel.body.textarea)?.value ?? '';
  }

  listAttachments(): ComposeAttachment[] {
    return [...this.doc.querySelectorAll<HTMLLIElement>(sel.attachments.item)].map((li) => ({
      id: li.id,
      name: (li.querySelector(sel.attachments.name)?.textContent ?? '').trim(),
      complete: !li.classList.contains('uploading'),
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

  interceptSend(onAttempt: () => void): () => void {
    // Clicks on the Send button are caught in the capture phase at the window, before
    // Roundcube's own onclick: the check starts at once and the native send never begins.
    // The bridge still guards every other path (rcmail.command, submit_messageform, form.submit).
    const onClick = (e: Event): void => {
      const target = e.target instanceof Element ? e.target.closest(sel.send.button) : null;
      if (!target) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onAttempt();
    };
    const win = this.doc.defaultView ?? window;
    win.addEventListener('click', onClick, true);
    const off = this.bridge.on((m) => {
      if (m.kind === 'send-attempt') onAttempt();
    });
    return () => {
      win.removeEventListener('click', onClick, true);
      off();
    };
  }

  async releaseSend(): Promise<void> {
    const id = this.composeKey();
    if (!id) throw new Error('no compose id');
    const res = await this.bridge.release(id);
    if (res.sent) return;
    if (res.error === WEBMAIL_DECLINED) throw new WebmailDeclined('Roundcube stopped the send itself');
    throw new Error(res.error ?? 'webmail did not send');
  }

  async swapAttachment(old: ComposeAttachment, file: ReplacementFile): Promise<ComposeAttachment> {
    // 1. upload the new file, 2. verify its bytes, 3. remove the old one, 4. verify it left.
    // Any failure before step 3 removes the new upload again and keeps the original.
    const newId = await this.bridge.upload(file.name, file.mime, file.bytes, this.stepTimeoutMs);
    const fresh: ComposeAttachment = { id: newId, name: file.name, complete: true };
    try {
      await this.waitUntil(() => this.doc.getElementById(newId) !== null, 'new attachment listed');
      const uploaded = await this.fetchAttachmentBytes(fresh);
      if ((await sha256Hex(uploaded)) !== file.sha256) throw new Error('uploaded bytes differ');
    } catch (err) {
      await this.bridge.remove(newId).catch(() => undefined);
      throw err;
    }
    const oldSha = await sha256Hex(await this.fetchAttachmentBytes(old));
    try {
      await this.bridge.remove(old.id);
      await this.waitUntil(() => this.doc.getElementById(old.id) === null, 'old attachment removed');
    } catch (err) {
      // The original is still listed: take the new copy out again so the message is as it was.
      if (this.doc.getElementById(old.id)) await this.bridge.remove(newId).catch(() => undefined);
      throw err;
    }
    // Gone from the server too: its id no longer yields its bytes (Roundcube answers a removed
    // id with an empty or error response, never with the old content).
    const stillThere = await this.fetchAttachmentBytes(old).then(
      async (b) => b.length > 0 && (await sha256Hex(b)) === oldSha,
      () => false,
    );
    if (stillThere) throw new Error('old attachment still on the server');
    return fresh;
  }

  placeUi(att: ComposeAttachment): HTMLElement | null {
    return this.doc.getElementById(att.id);
  }

  private waitUntil(cond: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (cond()) return resolve();
      const started = Date.now();
      const timer = setInterval(() => {
        if (cond()) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() - started > this.stepTimeoutMs) {
          clearInterval(timer);
          reject(new Error(`${what}: timed out`));
        }
      }, 50);
    });
  }
}

function htmlToText(html: string, doc: Document): string {
  const d = doc.implementation.createHTMLDocument('');
  d.body.innerHTML = html;
  return (d.body.textContent ?? '').trim();
}

// SOGo (5.8) behind the WebmailAdapter interface, in the isolated world. What will be sent is
// read from the editor as the user sees it, in one synchronous step: the recipient chips (and a
// half-typed address), the identity, the subject, the body from CKEditor's editing document (or
// the plain-mode textarea). The send request is made from here, with this world's fetch and no
// page code between the final reading and the request: SOGo's JSON `POST <draft>/send`, the
// attachments being those of the server-side draft (`GET <draft>/edit` lists them). The MAIN-
// world hooks (./bridge.ts) only report the open editor's draft and SOGo's own send attempts,
// hand SOGo the outcome (its "Sent" or its error state), and upload or remove attachments for a
// swap; with the draft known when the editor opens, the swap is made at attach time.
import type { ComposeAttachment, ComposeFields, LayoutCheck, OutgoingMessage, PreparedSubmission, ReplacementFile, SubmissionHandlers, SubmitOutcome, WebmailAdapter } from '../adapter.ts';
import { finalSubmission, layoutVerdict, missingParts } from '../adapter.ts';
import type { SubmissionMode } from '../../../core/messaging/protocol.ts';
import type { BridgeClient } from '../bridge-client.ts';
import { htmlText, inlineImages } from '../roundcube/adapter.ts';
import { addressOf } from '../address-list.ts';
import { hasSogoEditor, isSogoMail } from './detect.ts';
import { pollUntil } from '../poll.ts';
import { bodyOfFields, sogoNetwork, submissionText } from './network.ts';
import * as sel from './selectors.ts';

export interface SogoAdapterOptions {
  /** How long the swap waits for each step (upload, removal, verification). */
  stepTimeoutMs?: number;
}

type Field = 'to' | 'cc' | 'bcc';

/** CKEditor's filler characters (caret placeholders), never part of what the user wrote. */
const FILLERS = /[\u200B\u2060\uFEFF]/g;

export class SogoAdapter implements WebmailAdapter {
  readonly name = 'sogo';
  readonly network = sogoNetwork;
  /**
   * The draft's attachments (`GET <draft>/edit`, a reading SOGo's own editor makes too) may be
   * read ahead of Send: the network guard sees every upload (multipart `save`) and removal
   * (`deleteAttachment`) of a draft and bumps its generation.
   */
  readonly readsSessionAhead = true;
  private readonly bridge: BridgeClient;
  private readonly doc: Document;
  private readonly stepTimeoutMs: number;
  /**
   * The draft of the open editor, as SOGo's page reports it when the editor opens or its message
   * changes, and again at each send attempt (a claim: what it names is checked on the server).
   */
  private draft: { composeKey: string; url: string } | null = null;

  constructor(bridge: BridgeClient, doc: Document = document, options: SogoAdapterOptions = {}) {
    this.bridge = bridge;
    this.doc = doc;
    this.stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
    bridge.on((m) => {
      if (m.kind === 'compose') this.draft = { composeKey: m.composeKey, url: m.url };
      else if (m.kind === 'compose-closed') this.draft = null;
    });
  }

  /**
   * A swap can be made as soon as the PDF exists once the open editor's draft is known (where
   * the swap is verified on the server); until then (or with no editor) it is made at Send.
   */
  get swapsAtAttach(): boolean {
    return this.draftUrl() !== null && hasSogoEditor(this.doc);
  }

  /** SOGo's mail module (the mail view or the pop-up compose window): the editor opens in it. */
  detect(): boolean {
    return isSogoMail(this.doc);
  }

  hasExpectedLayout(): LayoutCheck {
    const missing = hasSogoEditor(this.doc) ? [] : ['compose editor'];
    missing.push(
      ...missingParts(this.doc, {
        From: sel.headers.from,
        To: sel.headers.to,
        Cc: sel.headers.cc,
        Bcc: sel.headers.bcc,
        subject: sel.headers.subject,
        'attachment list': sel.attachments.list,
      }),
    );
    if (!this.bodyElement()) missing.push('body');
    if (!this.draft) missing.push('draft');
    else if (!sel.urls.draft.test(this.draftUrl()?.pathname ?? '')) missing.push('draft');
    if (!this.bridge.channelOpen) missing.push('bridge channel');
    return layoutVerdict(missing);
  }

  composeKey(): string | null {
    return this.draft?.composeKey ?? null;
  }

  /** The draft's URL on this page's origin (a claim of another origin is never followed). */
  private draftUrl(): URL | null {
    if (!this.draft) return null;
    try {
      const u = new URL(this.draft.url, this.doc.location.href);
      return u.origin === new URL(this.doc.location.href).origin ? new URL(u.pathname, u.origin) : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- what will be sent

  /** The body's element: CKEditor's editing body (HTML mode) or the textarea (plain mode). */
  private bodyElement(): { html: true; el: HTMLElement } | { html: false; el: HTMLTextAreaElement } | null {
    const frame = this.doc.querySelector<HTMLIFrameElement>(sel.body.htmlIframe);
    const body = frame?.contentDocument?.body;
    if (body) return { html: true, el: body };
    const area = this.doc.querySelector<HTMLTextAreaElement>(sel.body.textarea);
    return area ? { html: false, el: area } : null;
  }

  /** One recipient field: a chip per recipient, then the half-typed text SOGo would still take. */
  private recipients(field: Field): string[] {
    const box = this.doc.querySelector(sel.headers[field]);
    if (!box) throw new Error(`${field} field missing`);
    const out = [...box.querySelectorAll(sel.headers.chip)].map((chip) => (chip.querySelector(sel.headers.chipText)?.textContent ?? chip.textContent ?? '').trim()).filter(Boolean);
    const typed = box.querySelector<HTMLInputElement>(sel.headers.chipInput)?.value.trim();
    if (typed) out.push(typed);
    return out;
  }

  /** Everything the request will carry, read in one step. */
  private read() {
    const body = this.bodyElement();
    if (!body) throw new Error('body missing');
    const from = this.doc.querySelector<HTMLInputElement>(sel.headers.from)?.value.trim() ?? '';
    const subject = this.doc.querySelector<HTMLInputElement>(sel.headers.subject)?.value ?? '';
    const text = body.html ? body.el.innerHTML.replace(FILLERS, '') : body.el.value;
    return { to: this.recipients('to'), cc: this.recipients('cc'), bcc: this.recipients('bcc'), from, subject, isHTML: body.html, text };
  }

  readOutgoing(): OutgoingMessage {
    const composeKey = this.composeKey();
    if (!composeKey) throw new Error('no draft');
    const r = this.read();
    const fields: ComposeFields = {
      from: addressOf(r.from),
      to: r.to,
      cc: r.cc,
      bcc: r.bcc,
      subject: r.subject,
      body: r.isHTML ? htmlText(r.text, this.doc) : r.text,
    };
    const contentKey = JSON.stringify([r.from, r.to, r.cc, r.bcc, r.subject, r.text, r.isHTML]);
    return { composeKey, fields, inlineImages: r.isHTML ? inlineImages(r.text) : [], contentKey };
  }

  prepareSubmission(mode: SubmissionMode, attachmentIds: readonly string[]): PreparedSubmission {
    // SOGo saves drafts itself (JSON `<draft>/save`, never delivering); only sends are released.
    if (mode !== 'send') throw new Error('SOGo saves its drafts itself');
    const base = this.draftUrl();
    if (!base) throw new Error('no draft');
    const r = this.read();
    const body = { to: r.to, cc: r.cc, bcc: r.bcc, isHTML: r.isHTML ? 1 : 0, text: r.text, from: r.from, subject: r.subject };
    const fields = Object.entries(body).map(([k, v]) => [k, JSON.stringify(v)] as const);
    const url = `${base.href.replace(/\/+$/, '')}/${sel.urls.send}`;
    return { mode, url, fields, attachmentIds: [...attachmentIds], text: submissionText(url, fields) };
  }

  async submit(prepared: PreparedSubmission, token: string): Promise<SubmitOutcome> {
    // The final reading and the request in one synchronous step: no page code runs in between.
    const final = finalSubmission(() => this.prepareSubmission(prepared.mode, prepared.attachmentIds), prepared, this.network.tokenParam, token);
    if (!final) return { kind: 'changed' };
    const { now, url } = final;
    const request = fetch(url.href, {
      method: 'POST',
      body: bodyOfFields(now.fields),
      headers: { 'content-type': 'application/json;charset=UTF-8', 'x-xsrf-token': this.xsrf() },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    let status: number;
    let answer: { status?: unknown; message?: unknown } = {};
    try {
      const res = await request;
      status = res.status;
      answer = (await res.json().catch(() => ({}))) as typeof answer;
    } catch (e) {
      this.bridge.send({ kind: 'settle', outcome: 'cancel' });
      return { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
    }
    if (status === 200 && answer.status === 'success') {
      this.bridge.send({ kind: 'settle', outcome: 'sent' });
      return { kind: 'done' };
    }
    if (typeof answer.message === 'string' && answer.message) {
      // SOGo's own refusal (a bad address, a size limit): it shows it the way it does its own.
      this.bridge.send({ kind: 'settle', outcome: 'refused', message: answer.message.slice(0, 1000) });
      return { kind: 'refused' };
    }
    this.bridge.send({ kind: 'settle', outcome: 'cancel' });
    return { kind: 'failed', reason: `HTTP ${status}` };
  }

  /** SOGo wants its XSRF cookie echoed in a header on every request (GETs too). */
  private xsrf(): string {
    const m = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(this.doc.cookie);
    try {
      return m ? decodeURIComponent(m[1]!) : '';
    } catch {
      return '';
    }
  }

  async syncEditor(): Promise<void> {
    // CKEditor's document is read directly: nothing to move first.
  }

  // ---------------------------------------------------------------- attachments

  /** Chips in the editor; the id is the file name (SOGo names a draft's attachments by it). */
  listAttachments(): ComposeAttachment[] {
    return [...this.doc.querySelectorAll<HTMLElement>(sel.attachments.item)].map((chip) => {
      const link = chip.querySelector<HTMLAnchorElement>(sel.attachments.link);
      const name = (link?.textContent ?? '').trim();
      const progress = chip.querySelector<HTMLElement>(sel.attachments.progress);
      const uploading = !!progress && !progress.classList.contains('ng-hide');
      return { id: name, name, complete: !!link?.getAttribute('href') && !uploading };
    });
  }

  /** The URL of an attachment's bytes in the current draft, from the server's own list. */
  private async serverAttachments(): Promise<{ filename: string; url: string }[]> {
    const base = this.draftUrl();
    if (!base) throw new Error('no draft');
    const res = await fetch(`${base.href}/edit`, { credentials: 'same-origin', cache: 'no-store', headers: { 'x-xsrf-token': this.xsrf() } });
    if (!res.ok) throw new Error(`draft: HTTP ${res.status}`);
    const data = (await res.json()) as { attachmentAttrs?: { filename?: unknown; url?: unknown }[] };
    return (data.attachmentAttrs ?? []).flatMap((a) => (typeof a.filename === 'string' && typeof a.url === 'string' ? [{ filename: a.filename, url: a.url }] : []));
  }

  async sessionAttachments(): Promise<ComposeAttachment[]> {
    return (await this.serverAttachments()).map((a) => ({ id: a.filename, name: a.filename, complete: true }));
  }

  async fetchAttachmentBytes(att: ComposeAttachment): Promise<Uint8Array> {
    // The chip's link when the editor shows it; otherwise the server's list (another tab's upload).
    const chip = [...this.doc.querySelectorAll<HTMLElement>(sel.attachments.item)].find((c) => (c.querySelector(sel.attachments.link)?.textContent ?? '').trim() === att.id);
    let href = chip?.querySelector<HTMLAnchorElement>(sel.attachments.link)?.href;
    if (!href && this.draft) href = (await this.serverAttachments()).find((a) => a.filename === att.id)?.url;
    if (!href) throw new Error(`attachment ${att.name}: not found`);
    const url = new URL(href, this.doc.location.href);
    if (url.origin !== new URL(this.doc.location.href).origin) throw new Error(`attachment ${att.name}: not on this webmail`);
    const res = await fetch(url.href, { credentials: 'same-origin', cache: 'no-store', headers: { 'x-xsrf-token': this.xsrf() } });
    if (!res.ok) throw new Error(`attachment ${att.name}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  onAttachmentsChanged(cb: () => void): () => void {
    // The editor comes and goes (dialog, pop-up): watch the whole page for attachment chips.
    const root = this.doc.body ?? this.doc.documentElement;
    let last = '';
    const mo = new MutationObserver(() => {
      const now = JSON.stringify(this.listAttachments());
      if (now !== last) {
        last = now;
        cb();
      }
    });
    mo.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'href'] });
    // The editor's draft reported (or another one): the same attachments, now in a known draft
    // (an attach-time swap waiting for it can start; the session can be read).
    const off = this.bridge.on((m) => {
      if (m.kind === 'compose' || m.kind === 'compose-closed') cb();
    });
    return () => {
      mo.disconnect();
      off();
    };
  }

  interceptSubmissions(handlers: SubmissionHandlers): () => void {
    return this.bridge.on((m) => {
      if (m.kind === 'send-attempt') handlers.send();
    });
  }

  async uploadAttachment(file: ReplacementFile): Promise<ComposeAttachment> {
    // Nothing is removed here on a failure: the swap sequence decides (an upload that puts an
    // original back must never be taken out again).
    const id = await this.bridge.upload(file.name, file.mime, file.bytes, this.stepTimeoutMs);
    await this.waitUntil(() => this.listAttachments().some((a) => a.id === id && a.complete), 'new attachment listed');
    // In the draft on the server too (what a send takes).
    await this.waitUntil(async () => (await this.serverAttachments()).some((a) => a.filename === id), 'new attachment not in the draft', 100);
    return { id, name: id, complete: true };
  }

  async removeAttachment(att: ComposeAttachment): Promise<void> {
    await this.bridge.remove(att.id);
    await this.waitUntil(() => !this.listAttachments().some((a) => a.id === att.id), 'old attachment removed');
    // Gone from the draft on the server too.
    await this.waitUntil(async () => !(await this.serverAttachments()).some((a) => a.filename === att.id), 'old attachment still in the draft', 100);
  }

  /** SOGo stores a second upload of a name as `name-1.ext`: a copy of the same name gets it only once the original is gone. */
  uploadReplaces(old: ComposeAttachment, name: string): boolean {
    return old.name === name;
  }

  /**
   * A slot right after the chip's file name, on the chip's one line (appended to the chip itself,
   * the status would wrap below it, out of sight); made once per chip SOGo renders.
   */
  placeUi(att: ComposeAttachment): HTMLElement | null {
    const chip = [...this.doc.querySelectorAll<HTMLElement>(sel.attachments.item)].find((c) => (c.querySelector(sel.attachments.link)?.textContent ?? '').trim() === att.id);
    const link = chip?.querySelector<HTMLElement>(sel.attachments.link);
    if (!chip || !link) return null;
    const next = link.nextElementSibling;
    if (next?.hasAttribute(sel.attachments.statusSlot)) return next as HTMLElement;
    const slot = this.doc.createElement('span');
    slot.setAttribute(sel.attachments.statusSlot, '');
    // Beside the name (SOGo floats it left), clear of the chip's remove button (absolute, right);
    // the chip may grow past SOGo's 256 px for it.
    slot.style.cssText = 'float:left;margin-right:18px';
    chip.style.maxWidth = 'none';
    link.after(slot);
    return slot;
  }

  /** Until the page (a chip listed or gone) or the server's draft (its list, asked less often) caught up. */
  private waitUntil(cond: () => boolean | Promise<boolean>, what: string, intervalMs = 50): Promise<void> {
    return pollUntil(cond, what, { timeoutMs: this.stepTimeoutMs, intervalMs });
  }
}

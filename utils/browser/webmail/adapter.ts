// One interface per webmail (Roundcube first). The content script's send flow talks only to
// this; everything webmail-specific (selectors, page objects, URLs, how the server reads a
// request) stays behind it. The network half of the same webmail is `network` (./network.ts),
// which the background uses for its rules and to read what left.
import type { ComposeMessage, SubmissionMode } from '../../core/messaging/protocol.ts';
import type { WebmailNetwork } from './network.ts';

/** The message fields as the webmail's server will read them (protocol 'evaluate', before dialog answers). */
export type ComposeFields = Pick<ComposeMessage, 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'body'>;

export interface ComposeAttachment {
  /** The webmail's own id for the attachment (Roundcube: `rcmfile…`). */
  id: string;
  name: string;
  /** False while it is still uploading. */
  complete: boolean;
}

/** A picture inside the body that leaves as a part of its own (an HTML `data:` image). */
export interface InlineImage {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** What the webmail will send, read from the compose screen in one synchronous step. */
export interface OutgoingMessage {
  composeKey: string;
  fields: ComposeFields;
  inlineImages: InlineImage[];
  /** Equal for two readings exactly when what the check judges (sender, recipients, subject, body) is equal. */
  contentKey: string;
}

/** One request the webmail would accept as a submission, built from the compose screen as it is. */
export interface PreparedSubmission {
  mode: SubmissionMode;
  url: string;
  fields: (readonly [string, string])[];
  attachmentIds: string[];
  /** Equal for two preparations exactly when they would make the same request. */
  text: string;
}

export type SubmitOutcome =
  /** The webmail accepted it (sent, or the draft saved). */
  | { kind: 'done' }
  /** The webmail answered with an error of its own, which it shows itself (e.g. a bad address). */
  | { kind: 'refused' }
  /** The compose screen changed since the preparation: nothing was sent. */
  | { kind: 'changed' }
  /** The request did not get through (network, the guard's rules). */
  | { kind: 'failed'; reason: string };

export interface ReplacementFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
  /** Lowercase hex SHA-256 of `bytes`; the swap is verified against it. */
  sha256: string;
}

export type LayoutCheck = { ok: true } | { ok: false; missing: string[] };

/**
 * The final reading of a released send, synchronous so no page code runs between it and the
 * request: the submission as the screen holds it now, and its URL carrying the release token;
 * null when it is no longer the one checked (or can't be read): the send is then 'changed'.
 */
export function finalSubmission(prepareNow: () => PreparedSubmission, prepared: PreparedSubmission, tokenParam: string, token: string): { now: PreparedSubmission; url: URL } | null {
  let now: PreparedSubmission;
  try {
    now = prepareNow();
  } catch {
    return null;
  }
  if (now.text !== prepared.text) return null;
  const url = new URL(now.url);
  url.searchParams.set(tokenParam, token);
  return { now, url };
}

/** The names of the compose screen's parts (name → selector) that `doc` lacks. */
export function missingParts(doc: ParentNode, parts: Readonly<Record<string, string>>): string[] {
  return Object.entries(parts).flatMap(([what, selector]) => (doc.querySelector(selector) ? [] : [what]));
}

/** The verdict of a layout check from what it found missing (each named once). */
export function layoutVerdict(missing: readonly string[]): LayoutCheck {
  return missing.length ? { ok: false, missing: [...new Set(missing)] } : { ok: true };
}

export interface SubmissionHandlers {
  /** The webmail wanted to send (its own input checks passed). */
  send(): void;
  /** The webmail wanted to save a draft. */
  draft(): void;
}

export interface WebmailAdapter {
  readonly name: string;
  readonly network: WebmailNetwork;
  /** Is this page a compose screen of this webmail (every URL form the webmail accepts)? */
  detect(): boolean;
  /** Does the compose screen look as the adapter expects (selectors, page hooks)? If not: fail closed. */
  hasExpectedLayout(): LayoutCheck;
  /** Stable key of this compose session (audit trail and release binding). */
  composeKey(): string | null;
  /** Sender, recipients, subject, body and inline pictures as the server will read them. Synchronous. */
  readOutgoing(): OutgoingMessage;
  /** Every attachment of the compose session as the server holds it (other tabs' uploads included). */
  sessionAttachments(): Promise<ComposeAttachment[]>;
  /** The attachments shown in this compose screen (for the status badges). */
  listAttachments(): ComposeAttachment[];
  fetchAttachmentBytes(att: ComposeAttachment): Promise<Uint8Array>;
  /** Called on every attachment change (appended, uploaded, removed). Returns an unsubscribe. */
  onAttachmentsChanged(cb: () => void): () => void;
  /** The webmail's own submissions are stopped and reported here. Returns an unsubscribe. */
  interceptSubmissions(handlers: SubmissionHandlers): () => void;
  /** Let the webmail move editor content into the form (best effort, before a reading). */
  syncEditor(): Promise<void>;
  /** The request a submission of the compose screen as it is now would make. Synchronous. */
  prepareSubmission(mode: SubmissionMode, attachmentIds: readonly string[]): PreparedSubmission;
  /**
   * Makes the request `prepared` describes, with the release token: prepares again in the same
   * synchronous step and sends only when nothing changed (else `changed`); hands the webmail's
   * answer to its page as the webmail's own submission would.
   */
  submit(prepared: PreparedSubmission, token: string): Promise<SubmitOutcome>;
  // Swap primitives: the safe order of a swap (upload, verify, remove) is one webmail-neutral
  // sequence (./swap.ts); an adapter only knows how its webmail uploads and removes.
  /** Uploads `file` into the compose session; resolves once the screen lists it, complete. */
  uploadAttachment(file: ReplacementFile): Promise<ComposeAttachment>;
  /** Removes `att` from the compose session; resolves once the webmail confirmed it is gone. */
  removeAttachment(att: ComposeAttachment): Promise<void>;
  /**
   * True when the copy named `name` must carry `old`'s name, which the webmail gives a second
   * upload only once `old` is gone (SOGo names a draft's attachments by file name): the swap
   * then uploads beside the original, verifies, removes it, and uploads again under its name.
   */
  uploadReplaces(old: ComposeAttachment, name: string): boolean;
  /**
   * Whether a swap can be made now, as soon as the PDF exists (attach time). False while the
   * adapter does not know where the server keeps the message (SOGo before its editor reported its
   * draft): that swap is then made when the user sends, in the same safe order.
   */
  readonly swapsAtAttach: boolean;
  /**
   * Whether the session's attachments may be read ahead of Send, after each attachment change
   * (entrypoints/webmail.content/session-reading.ts): true when that reading has no effect on
   * the server and the network guard sees every change of the list (Roundcube's compose page).
   */
  readonly readsSessionAhead?: boolean;
  /** Where to put a small status next to an attachment (null when the row is gone). */
  placeUi(att: ComposeAttachment): HTMLElement | null;
}

// One interface per webmail (Roundcube first). The content script's send flow talks only to
// this; everything webmail-specific (selectors, page objects, URLs) stays behind it.
import type { ComposeMessage } from '../../core/messaging/protocol.ts';

/** The message fields read from the compose screen (protocol 'evaluate', before dialog answers). */
export type ComposeFields = Pick<ComposeMessage, 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'body'>;

export interface ComposeAttachment {
  /** The webmail's own id for the attachment (Roundcube: `rcmfile…`). */
  id: string;
  name: string;
  /** False while it is still uploading. */
  complete: boolean;
}

export interface ReplacementFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
  /** Lowercase hex SHA-256 of `bytes`; the swap is verified against it. */
  sha256: string;
}

export type LayoutCheck = { ok: true } | { ok: false; missing: string[] };

export interface WebmailAdapter {
  readonly name: string;
  /** Is this page a compose screen of this webmail? */
  detect(): boolean;
  /** Does the compose screen look as the adapter expects (selectors, page hooks)? If not: fail closed. */
  hasExpectedLayout(): LayoutCheck;
  /** Stable key of this compose session (audit trail and release binding). */
  composeKey(): string | null;
  readCompose(): Promise<ComposeFields>;
  listAttachments(): ComposeAttachment[];
  fetchAttachmentBytes(att: ComposeAttachment): Promise<Uint8Array>;
  /** Called on every attachment change (appended, uploaded, removed). Returns an unsubscribe. */
  onAttachmentsChanged(cb: () => void): () => void;
  /** Stop every native send; `onAttempt` runs for each attempt. Returns an unsubscribe. */
  interceptSend(onAttempt: () => void): () => void;
  /**
   * Let exactly one send through. Rejects when the webmail did not send: with WebmailDeclined
   * when the webmail's own input check stopped it (and is asking the user itself).
   */
  releaseSend(): Promise<void>;
  /** Upload `file`, verify it, then remove `old` and verify it left. Rejects (original kept) on any failure. */
  swapAttachment(old: ComposeAttachment, file: ReplacementFile): Promise<ComposeAttachment>;
  /** Where to put a small status next to an attachment (null when the row is gone). */
  placeUi(att: ComposeAttachment): HTMLElement | null;
}

/** The webmail's own pre-send check (e.g. "send without subject?") stopped the released send. */
export class WebmailDeclined extends Error {}

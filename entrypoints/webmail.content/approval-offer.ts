// After an approval round was sent (the report to the client alone), the webmail page offers to
// record the approval once the client agrees (issue 12 item 3): one click opens the approval form
// for exactly that task, client and document filled in (the popup page in a tab). Not modal — the
// mail is sent, nothing waits for an answer. The background keeps the offer for the tab, so the
// page after the send (Roundcube returns to its list) shows it too, until it is used or closed.
// Plain DOM in a shadow root with inline styles: a few words and two buttons need no React. It
// stands above the corner where the webmails show their own short messages ('Message sent').
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';
import type { ApprovalOffer } from '../../utils/core/messaging/protocol.ts';

const HOST_ATTR = 'data-reportguard-offer';

export interface OfferActions {
  /** Opens the approval form for the offered task. */
  open(): Promise<void>;
  /** Closes the offer (the task stays in the popup). */
  dismiss(): Promise<void>;
}

const STYLE = `
:host { all: initial; }
.box { position: fixed; right: 16px; bottom: 80px; z-index: 2147483645; max-width: 420px; box-sizing: border-box;
  padding: 14px 16px; border-radius: 8px; background: #ffffff; color: #1a1a1a; border: 1px solid #1f5f8b;
  box-shadow: 0 4px 18px rgba(0,0,0,.25); font: 14px/1.45 system-ui, sans-serif; }
p { margin: 0 0 10px; }
.row { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; }
button { font: inherit; padding: 6px 12px; border-radius: 6px; cursor: pointer; border: 1px solid #1f5f8b; }
.primary { background: #1f5f8b; color: #ffffff; }
.secondary { background: #ffffff; color: #1f5f8b; }
button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
`;

/** Shows the offer (replacing one on screen); returns the host element. */
export function showApprovalOffer(doc: Document, lang: Lang, offer: ApprovalOffer, actions: OfferActions): HTMLElement {
  doc.querySelector(`[${HOST_ATTR}]`)?.remove();
  const host = doc.createElement('div');
  host.setAttribute(HOST_ATTR, '');
  host.setAttribute('data-follow-up', offer.followUpId);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const box = doc.createElement('section');
  box.className = 'box';
  box.setAttribute('role', 'status');
  box.setAttribute('aria-label', ui(lang, 'offer.title'));
  const text = doc.createElement('p');
  text.textContent = ui(lang, 'offer.sent', { client: offer.client, files: offer.documents.map((d) => d.name).join(', ') });
  const row = doc.createElement('div');
  row.className = 'row';
  const record = doc.createElement('button');
  record.type = 'button';
  record.className = 'primary';
  record.textContent = ui(lang, 'offer.record');
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'secondary';
  close.textContent = ui(lang, 'offer.close');
  const done = (action: () => Promise<void>) => () => {
    host.remove();
    void action().catch(() => undefined);
  };
  record.addEventListener('click', done(actions.open));
  close.addEventListener('click', done(actions.dismiss));
  // Keys typed here must not reach the webmail's own shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) box.addEventListener(type, (e) => e.stopPropagation());
  row.append(close, record);
  box.append(text, row);
  root.append(style, box);
  (doc.body ?? doc.documentElement).append(host);
  return host;
}

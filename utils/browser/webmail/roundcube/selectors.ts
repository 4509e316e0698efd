// Every place in Roundcube's page (1.6, elastic skin) the adapter relies on, grouped by what it
// is for. When one stops matching, hasExpectedLayout() reports it by name and sending fails closed.

/** The compose screen as a whole. */
export const compose = {
  /** The compose form (`<form name="form">`); its hidden `_draft` field tells a draft save from a send. */
  form: 'form[name="form"]',
  /** Hidden input in the compose form that tells whether the HTML editor is on ("1") or plain ("0"). */
  isHtmlInput: 'input[name="_is_html"]',
  /** Compose screens carry `_action=compose` in the URL; the check runs only there. */
  urlAction: 'compose',
} as const;

/** Sender and recipients. */
export const headers = {
  /** Identity select (option text "Name <address>"). */
  from: 'select#_from',
  /**
   * Hidden textareas behind the recipient-input widgets. Roundcube keeps them in sync with the
   * recipient "pills" plus the half-typed text (`list.text() + input.val()`), and they are what the
   * server sends: the real values, display names included.
   */
  to: 'textarea#_to',
  cc: 'textarea#_cc',
  bcc: 'textarea#_bcc',
  /** The visible recipient widget (pills as `li.recipient`); used only to check the layout. */
  toWidget: '#compose_to .recipient-input',
  /** Subject input. */
  subject: 'input#compose-subject',
} as const;

/** Message body. */
export const body = {
  /** Plain-text editor; in HTML mode it stays as TinyMCE's (hidden) source textarea. */
  textarea: 'textarea#composebody',
  /** TinyMCE's iframe in HTML mode (id is the textarea id + `_ifr`). */
  htmlIframe: 'iframe#composebody_ifr',
} as const;

/** Attachments. */
export const attachments = {
  /** The attachment list of the compose screen. */
  list: '#attachment-list',
  /** One attachment row; id `rcmfile<id>`; class `uploading` until the upload finished. */
  item: '#attachment-list > li[id^="rcmfile"]',
  /** The file name inside a row. */
  name: '.attachment-name',
  /** The link that opens the attachment; the status badge goes after it. */
  link: 'a.filename',
} as const;

/** Send controls. */
export const send = {
  /**
   * Roundcube's own Send controls (toolbar button, mobile menu entry): the elements it renders for
   * the `send` command carry `onclick="return rcmail.command('send','',this,event)"`. Matching on
   * that, not on the class, leaves Roundcube's dialog buttons alone (its "no subject" prompt has a
   * `button.send` too, whose click must reach Roundcube).
   */
  button: `[onclick*="rcmail.command('send'"]`,
} as const;

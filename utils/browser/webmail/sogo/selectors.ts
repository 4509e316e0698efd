// Every place in SOGo's page (5.8: AngularJS 1 + Angular Material, CKEditor 4) the adapter
// relies on, grouped by what it is for, and the page objects the MAIN-world bridge hooks. When
// one stops matching, hasExpectedLayout() reports it by name and sending fails closed.
//
// SOGo is one page application: the mail view loads once and the compose editor opens inside
// it as a dialog (or in a pop-up window, UIxMailPopupView, with the same editor). So the page is
// recognised as SOGo first (`page`), and the compose screen is whichever editor is open now.

/** Recognising SOGo, whatever host it runs on (the firm's own, a reverse proxy, loopback). */
export const page = {
  /**
   * SOGo's own static files: every SOGo page loads its scripts and styles from
   * `…/SOGo.woa/WebServerResources/` (the WebObjects application's resource path, the same
   * behind any front or host name).
   */
  resources: 'script[src*="/SOGo.woa/WebServerResources/"], link[href*="/SOGo.woa/WebServerResources/"]',
  /** The AngularJS application of the mail module (the mail view and the pop-up compose window). */
  mailApp: '[ng-app="SOGo.MailerUI"]',
  /** Path segment of the mail module (`/SOGo/so/<user>/Mail/view`, `…/Mail/UIxMailPopupView`). */
  mailPath: /\/so\/[^/]+\/Mail(?:\/|$)/,
  /** The pop-up compose window's page (`newMessage($event, true)`, or a draft opened in a window). */
  popupPath: /\/Mail\/+UIxMailPopupView(?:$|[/?#])/,
} as const;

/** The compose screen: the editor dialog (in-page and in the pop-up window alike). */
export const compose = {
  /** The editor's root; its AngularJS controller ("editor") holds the message being written. */
  editor: 'md-dialog#mailEditor',
  /** The editor's id, for `document.getElementById` in the page world. */
  editorId: 'mailEditor',
  /** The form inside it. */
  form: '#mailEditor form[name="messageForm"]',
  /** The overlay SOGo shows while sending (its `sendState`: sending, sent, error). */
  sendOverlay: '#mailEditor sg-ripple-content',
} as const;

/** Sender and recipients. */
export const headers = {
  /**
   * The identity picker (an md-autocomplete): its text is the identity, "Name <address>". The
   * value that is sent is the editor model's `from`, which this input shows.
   */
  from: '#mailEditor input[name="from"]',
  /**
   * The recipient fields: md-chips bound to `editor.message.editable.to|cc|bcc`, one chip per
   * recipient ("addr", "Name <addr>", or a list). Cc and Bcc exist but are hidden (ng-hide) until
   * revealed; their chips still count.
   */
  to: '#mailEditor md-chips[ng-model="editor.message.editable.to"]',
  cc: '#mailEditor md-chips[ng-model="editor.message.editable.cc"]',
  bcc: '#mailEditor md-chips[ng-model="editor.message.editable.bcc"]',
  /** One chip inside a recipient field, and where its text is. */
  chip: 'md-chip',
  chipText: '.md-chip-content',
  /** The half-typed text of a field (committed to a chip by Tab, comma, `;` or blur). */
  chipInput: 'input',
  /** Subject input (required by SOGo). */
  subject: '#mailEditor input[name="subject"]',
} as const;

/** Message body. */
export const body = {
  /** HTML mode (the default): CKEditor 4's editing iframe inside `sg-ckeditor`. */
  htmlContainer: '#mailEditor sg-ckeditor',
  htmlIframe: '#mailEditor iframe.cke_wysiwyg_frame',
  /** Plain mode (preference SOGoMailComposeMessageType=text): a textarea, no CKEditor. */
  textarea: '#mailEditor textarea[name="content"]',
} as const;

/** Attachments. */
export const attachments = {
  /**
   * The chip list of the editor's uploader (`editor.uploader.queue`, angular-file-upload). Each
   * upload goes into the server-side draft at once (multipart POST `<draft>/save`), so the send
   * request carries no attachment: what the draft holds is sent.
   */
  list: '#mailEditor md-dialog-actions.sg-mail-editor-attachments md-chips',
  /** One attachment chip. */
  item: '#mailEditor md-dialog-actions.sg-mail-editor-attachments md-chip',
  /** Its link: text is the file name, href the part's URL in the current draft (the bytes). */
  link: 'a[href]',
  /** The progress bar SOGo shows while a chip is still uploading (hidden with ng-hide when done). */
  progress: '.sg-chip-progress',
  /** ReportGuard's own slot for the status, put right after the link (an attribute name). */
  statusSlot: 'data-reportguard-slot',
  /** The hidden file input behind the paperclip. */
  fileInput: '#mailEditor input#fileInput[type="file"]',
} as const;

/** Send controls. */
export const send = {
  /**
   * The editor's only send control (icon `send`; no keyboard shortcut): `editor.send()` sets
   * `sendState = 'sending'` (the overlay) and then calls `message.$send()`.
   */
  button: '#mailEditor button[ng-click="editor.send()"]',
  /** Draft save (`editor.save()` → `message.$save()`, a JSON POST `<draft>/save`). */
  saveButton: '#mailEditor button[ng-click="editor.save()"]',
} as const;

/**
 * Hook points in the page's JavaScript world (MAIN-world bridge only; AngularJS debug info is off,
 * so `.scope()` is undefined and these are reached through `.controller()` and the injector).
 */
export const hooks = {
  /** The AngularJS module whose injector has the `Message` service. */
  module: 'SOGo.MailerUI',
  /** The service whose prototype sends (`$send`: JSON POST `<draft>/send`) and saves (`$save`). */
  messageService: 'Message',
  send: '$send',
  save: '$save',
  /** The overlay the Send button spreads over the editor (sg-ripple-click="mailEditor"), and its content. */
  ripple: 'sg-ripple',
  rippleContent: 'sg-ripple-content',
  /** The service SOGo shows that overlay with (`sgRippleClick('mailEditor')`). */
  rippleService: 'sgRippleClick',
  /** `angular.element(#mailEditor).controller()`: members the bridge uses. */
  controller: {
    message: 'message',
    sendState: 'sendState',
    uploader: 'uploader',
    removeAttachment: 'removeAttachment',
  },
} as const;

/** Server paths (relative to the draft's URL, `/SOGo/so/<user>/Mail/<account>/folder<Drafts>/<draftId>`). */
export const urls = {
  /** The draft object's path: `…/Mail/<account>/<folder…>/<id>` (folders are `folder`-prefixed). */
  draft: /\/so\/[^/]+\/Mail\/\d+(?:\/folder[^/]+)+\/[^/]+$/,
  /** JSON send of a draft. */
  send: 'send',
  /** JSON draft save, and multipart upload (field `attachments`). */
  save: 'save',
  /** GET `?filename=<name>`: removes an attachment from the draft. */
  deleteAttachment: 'deleteAttachment',
} as const;

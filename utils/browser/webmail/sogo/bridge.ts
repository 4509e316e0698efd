// MAIN-world half of the SOGo integration, next to Roundcube's in the same page-world script
// (entrypoints/roundcube-bridge.content.ts), on the same private channel. SOGo's objects live
// in AngularJS, reachable only from the page's world.
//
// What it does, and no more (it may ask, never decide):
// - `Message.prototype.$send` is replaced before SOGo's application starts: a decorator of the
//   `Message` service is registered on the mail module in a DOMContentLoaded listener that runs
//   before AngularJS bootstraps (capture phase on window, installed at document_start), so no
//   page code ever holds the original. The replacement never sends: it reports the attempt and
//   the draft it is for, and returns a promise the content script settles once it has decided:
//   `sent` (SOGo shows "Sent" and closes, as after its own send) or `refused` (SOGo's own error
//   state with the webmail's message). SOGo shows "Sending…" before it calls `$send`; the hook
//   clears that at once, so the editor stays editable while the check runs and after a block
//   (`cancel` drops the waiting promise). The content script makes the request itself, from the
//   isolated world.
// - uploads and removals for an attachment swap, through the editor's own uploader
//   (`uploader.addToQueue`) and `removeAttachment`, whose results are verified elsewhere.
// - the draft of the open editor (its id and server path, `Message.$absolutePath`), reported
//   whenever it changes: a watch on SOGo's root scope runs after every digest, so the editor
//   opening (in-page or in the pop-up window), a reply's message taking its place, or the editor
//   closing are all seen before the user can attach anything. The content script then knows
//   where the server keeps the draft, where an attach-time swap is verified.
// Draft saves (`$save`) are left alone: they deliver nothing and the network lets them through.
import type { BridgeCommand, BridgeEvent } from '../../../core/messaging/bridge.ts';
import * as sel from './selectors.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- AngularJS page objects are untyped */
type Any = any;

export interface BridgeChannel {
  emit(msg: BridgeEvent): void;
  /** Commands for this webmail; return true when handled. */
  onCommand(handler: (cmd: BridgeCommand) => boolean): void;
}

export interface SogoHooks {
  /** For tests: whether the Message service was decorated. */
  isHooked(): boolean;
}

const UPLOAD_POLL_MS = 50;

export function installSogoHooks(win: Window & typeof globalThis, ch: BridgeChannel): SogoHooks {
  const defineProperty = win.Object.defineProperty;
  const apply = win.Reflect.apply;
  const setTimer = win.setTimeout.bind(win);
  let hooked = false;
  let rootInjector: Any = null;
  /** The one send waiting for the content script's decision. */
  let held: { resolve(v: unknown): void; reject(v: unknown): void } | null = null;

  function editorCtrl(): Any {
    const ng = (win as Any).angular;
    const el = win.document.getElementById(sel.compose.editorId);
    if (!ng || !el) return null;
    try {
      return ng.element(el).controller() ?? null;
    } catch {
      return null;
    }
  }

  function digest(): void {
    try {
      rootInjector?.get('$rootScope').$applyAsync();
    } catch {
      // no injector yet: nothing is bound to refresh
    }
  }

  function draftOf(message: Any): { composeKey: string; url: string } | null {
    try {
      const key = message?.draftId;
      const url = message?.$absolutePath?.({ asDraft: true, withResourcePath: true });
      return typeof key === 'string' && key && typeof url === 'string' && url ? { composeKey: key, url } : null;
    } catch {
      return null;
    }
  }

  /** The draft of the editor open now (null: no editor, or its message has no draft yet). */
  function openDraft(): { composeKey: string; url: string } | null {
    const ctrl = editorCtrl();
    return ctrl ? draftOf(ctrl[sel.hooks.controller.message]) : null;
  }

  /** Reports the open editor's draft when it changed since the last report (once per change). */
  let reported = '';
  function reportDraft(): void {
    const draft = openDraft();
    const key = draft ? `${draft.composeKey}\n${draft.url}` : '';
    if (key === reported) return;
    reported = key;
    ch.emit(draft ? { kind: 'compose', composeKey: draft.composeKey, url: draft.url } : { kind: 'compose-closed' });
  }

  function decorate(Message: Any, $q: Any, $injector: Any): Any {
    rootInjector = $injector;
    const proto = Message?.prototype;
    if (!proto || typeof proto[sel.hooks.send] !== 'function') return Message;
    const guarded = function sendGuard(this: Any): unknown {
      const draft = draftOf(this);
      if (draft) ch.emit({ kind: 'compose', composeKey: draft.composeKey, url: draft.url });
      ch.emit({ kind: 'send-attempt', via: '$send' });
      // editor.send() showed "Sending…" before calling us: take it away at once, so the editor
      // stays editable under the check and after a block. On a release SOGo shows "Sent" itself.
      clearSending();
      // A second attempt while one waits replaces it: the first is dropped, never sent.
      return $q((resolve: (v: unknown) => void, reject: (v: unknown) => void) => {
        held = { resolve, reject };
      });
    };
    // Non-writable: a page script cannot put the original back on the prototype.
    defineProperty(proto, sel.hooks.send, { value: guarded, writable: false, configurable: false });
    hooked = true;
    return Message;
  }

  /** Registers the decorator on the mail module, before AngularJS bootstraps it. */
  function beforeBootstrap(): void {
    const ng = (win as Any).angular;
    const app = win.document.querySelector('[ng-app]')?.getAttribute('ng-app');
    if (!ng || typeof ng.module !== 'function' || app !== sel.hooks.module) return;
    try {
      ng.module(app)
        .config([
          '$provide',
          ($provide: Any) => {
            $provide.decorator(sel.hooks.messageService, ['$delegate', '$q', '$injector', decorate]);
          },
        ])
        .run([
          '$rootScope',
          ($rootScope: Any) => {
            // A watch function runs in every digest: the editor's draft is looked at each time
            // AngularJS has updated the page, and reported when it changed.
            $rootScope.$watch(() => {
              reportDraft();
              return reported;
            });
          },
        ]);
    } catch {
      // Not SOGo's mail module after all: nothing hooked, and the adapter fails closed.
    }
  }
  // Capture on window runs before AngularJS's own DOMContentLoaded listener on document.
  win.addEventListener('DOMContentLoaded', beforeBootstrap, { capture: true, once: true });

  /**
   * SOGo's "Sending…" is two things: the controller's `sendState` and a ripple the Send button's
   * own click handler (sg-ripple-click) spreads over the editor on the next tick. Both are undone
   * the way SOGo undoes them (its ripple's hide: size 0, content hidden, container restored).
   */
  function hideRipple(): void {
    const container = win.document.getElementById(sel.compose.editorId);
    const content = container?.querySelector<HTMLElement>(sel.hooks.rippleContent);
    const ripple = container?.querySelector<HTMLElement>(sel.hooks.ripple);
    if (!container || !content || content.classList.contains('ng-hide')) return;
    if (ripple) {
      ripple.style.height = '0px';
      ripple.style.width = '0px';
    }
    content.classList.add('ng-hide');
    setTimer(() => {
      container.style.overflow = '';
      container.style.position = '';
    }, 800);
  }

  /** Leave the editor as it was before Send: no overlay, every field editable. */
  function clearSending(): void {
    const ctrl = editorCtrl();
    if (ctrl && ctrl[sel.hooks.controller.sendState] === 'sending') ctrl[sel.hooks.controller.sendState] = false;
    digest();
    hideRipple();
    // The ripple starts in a $timeout after the click: catch it whenever it comes.
    for (const ms of [0, 50, 200, 500, 1000]) setTimer(() => (held ? hideRipple() : undefined), ms);
  }

  /** SOGo's own way of showing the editor's state over it (used for its error: message and Close). */
  function showRipple(): void {
    try {
      rootInjector?.get(sel.hooks.rippleService)(sel.compose.editorId);
    } catch {
      // no ripple service: the error state still shows in the controller
    }
  }

  function settle(outcome: 'sent' | 'refused' | 'cancel', message?: string): void {
    const h = held;
    held = null;
    if (outcome === 'sent') h?.resolve({ status: 'success' });
    else if (outcome === 'refused') {
      h?.reject({ data: { message: message ?? '' } });
      showRipple();
    } else clearSending();
    digest();
  }

  function upload(cmd: Extract<BridgeCommand, { kind: 'upload' }>): void {
    const fail = (error: string) => ch.emit({ kind: 'upload-result', reqId: cmd.reqId, ok: false, error });
    const ctrl = editorCtrl();
    const uploader = ctrl?.[sel.hooks.controller.uploader];
    if (!uploader || typeof uploader.addToQueue !== 'function') return fail('the editor has no uploader');
    try {
      const before = new Set<Any>(uploader.queue);
      uploader.addToQueue([new win.File([cmd.bytes as Uint8Array<ArrayBuffer>], cmd.name, { type: cmd.mime })]);
      const item = (uploader.queue as Any[]).find((i) => !before.has(i));
      if (!item) return fail('upload not started');
      digest();
      const started = Date.now();
      const poll = (): void => {
        if (item.isSuccess) return ch.emit({ kind: 'upload-result', reqId: cmd.reqId, ok: true, id: String(item.file?.name ?? cmd.name) });
        if (item.isError || item.isCancel) return fail('the upload failed');
        if (Date.now() - started > 120_000) return fail('the upload did not finish');
        setTimer(poll, UPLOAD_POLL_MS);
      };
      poll();
    } catch (err) {
      fail(String((err as Error)?.message ?? err));
    }
  }

  function remove(cmd: Extract<BridgeCommand, { kind: 'remove' }>): void {
    try {
      const ctrl = editorCtrl();
      const queue: Any[] = ctrl?.[sel.hooks.controller.uploader]?.queue ?? [];
      const item = queue.find((i) => i?.file?.name === cmd.id);
      if (!ctrl || typeof ctrl[sel.hooks.controller.removeAttachment] !== 'function') throw new Error('the editor cannot remove attachments');
      if (!item) throw new Error(`no attachment ${cmd.id}`);
      apply(ctrl[sel.hooks.controller.removeAttachment], ctrl, [item, 'fileInput']);
      digest();
      ch.emit({ kind: 'remove-result', reqId: cmd.reqId, ok: true });
    } catch (err) {
      ch.emit({ kind: 'remove-result', reqId: cmd.reqId, ok: false, error: String((err as Error)?.message ?? err) });
    }
  }

  ch.onCommand((cmd) => {
    // Only on a SOGo page whose Message service we hold; Roundcube's bridge handles its own.
    if (!hooked) return false;
    switch (cmd.kind) {
      case 'settle':
        settle(cmd.outcome, cmd.message);
        return true;
      case 'upload':
        upload(cmd);
        return true;
      case 'remove':
        remove(cmd);
        return true;
      case 'sync-editor':
        // CKEditor writes into the model on every change: nothing to move.
        ch.emit({ kind: 'editor-synced', reqId: cmd.reqId, ok: true });
        return true;
    }
    return false;
  });

  return { isHooked: () => hooked };
}

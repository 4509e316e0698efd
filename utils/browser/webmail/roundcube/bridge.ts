// MAIN-world half of the Roundcube integration. It runs in the page's own JavaScript world at
// document_start, in every frame, before any page script, because `rcmail` is only reachable
// from there.
//
// It is deliberately dumb and has no part in a release. It reports what Roundcube is about to
// do (a send or a draft save, attachment events) to the isolated content script over the
// private port (utils/core/messaging/bridge.ts), and stops Roundcube's own submission of the
// compose form: the content script submits the checked message itself, from the isolated world,
// and the network guard holds every other submission. It also does the page-side steps of an
// attachment swap (rcmail.file_upload / remove_attachment), whose results are verified
// elsewhere, and refuses cookies that would steer Roundcube's routing. Everything it hears from
// the page is untrusted; the channel's primitives are captured here, before page scripts run.
import {
  BRIDGE_MARKER_ATTR,
  EV_BRIDGE_PORT,
  EV_BRIDGE_READY,
  parseBridgeCommand,
  type BridgeCommand,
  type BridgeEvent,
} from '../../../core/messaging/bridge.ts';
import { isRoutingCookie } from './php-input.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- rcmail is an untyped page object */
type Rcmail = any;

export interface BridgeHandle {
  /** For tests: whether rcmail has been hooked. */
  isHooked(): boolean;
}

type Via = 'submit_messageform' | 'form.submit';

/**
 * Another webmail's page-world hooks on the same private channel (SOGo: ../sogo/bridge.ts). It
 * gets the channel's `emit` and the commands first; a command it does not take is Roundcube's.
 */
export type BridgeExtension = (channel: { emit(msg: BridgeEvent): void; onCommand(handler: (cmd: BridgeCommand) => boolean): void }) => void;

export function installRoundcubeBridge(win: Window & typeof globalThis, extensions: readonly BridgeExtension[] = []): BridgeHandle {
  // ---- primitives captured before any page script runs ----
  const listen = win.addEventListener.bind(win);
  const unlisten = win.removeEventListener.bind(win);
  const dispatch = win.dispatchEvent.bind(win);
  const CustomEv = win.CustomEvent;
  const FormCtor = win.HTMLFormElement;
  const formProto = FormCtor.prototype;
  const nativeSubmit = formProto.submit;
  const nativeRequestSubmit = formProto.requestSubmit;
  const apply = win.Reflect.apply;
  const defineProperty = win.Object.defineProperty;
  const getDescriptor = win.Object.getOwnPropertyDescriptor;
  const portProto = win.MessagePort?.prototype;
  const postOnPort = portProto?.postMessage;
  const setOnMessage = portProto ? getDescriptor(portProto, 'onmessage')?.set : undefined;
  const eventProto = win.MessageEvent?.prototype;
  const portsOf = eventProto ? getDescriptor(eventProto, 'ports')?.get : undefined;
  const dataOf = eventProto ? getDescriptor(eventProto, 'data')?.get : undefined;

  let rc: Rcmail = null;
  const hookedMark = Symbol('reportguard');

  // ---- the private channel: the first port handed over wins, later ones are ignored ----
  let port: MessagePort | null = null;
  // Events from before the handover (none in practice: both run at document_start).
  const queued: BridgeEvent[] = [];

  function emit(msg: BridgeEvent): void {
    if (!port || !postOnPort) {
      if (queued.length < 100) queued[queued.length] = msg;
      return;
    }
    apply(postOnPort, port, [msg]);
  }

  function onHandover(e: Event): void {
    if (port || !portsOf || !setOnMessage) return;
    const ports = apply(portsOf, e, []) as readonly MessagePort[] | undefined;
    const p = ports && ports.length === 1 ? ports[0] : undefined;
    if (!p) return;
    port = p;
    unlisten(EV_BRIDGE_PORT, onHandover, true);
    apply(setOnMessage, p, [(m: MessageEvent) => onCommand(dataOf ? apply(dataOf, m, []) : undefined)]);
    for (let i = 0; i < queued.length; i++) apply(postOnPort!, p, [queued[i]]);
    queued.length = 0;
  }
  listen(EV_BRIDGE_PORT, onHandover, true);
  win.document.documentElement?.setAttribute(BRIDGE_MARKER_ATTR, '1');
  dispatch(new CustomEv(EV_BRIDGE_READY));

  // ---- other webmails' hooks on the same channel ----
  const extensionHandlers: ((cmd: BridgeCommand) => boolean)[] = [];
  for (const install of extensions) install({ emit, onCommand: (h) => void extensionHandlers.push(h) });

  // ---- cookies that would steer Roundcube's routing are refused ----
  guardCookies(win, getDescriptor, defineProperty, apply);

  // ---- Roundcube's own submissions of the compose form are stopped and reported ----
  /** Move the HTML editor's text into the form, as Roundcube does before it submits. */
  function syncEditor(): boolean {
    try {
      if (rc?.editor && typeof rc.editor.save === 'function') rc.editor.save();
      return true;
    } catch {
      return false;
    }
  }

  function isComposeForm(form: unknown): form is HTMLFormElement {
    if (!(form instanceof FormCtor)) return false;
    if (rc && form === rc.gui_objects?.messageform) return true;
    // A copy or a planted form that Roundcube would take for a compose submission.
    const action = form.elements.namedItem('_action') as HTMLInputElement | null;
    return !!action && typeof action.value === 'string' && action.value.trim() === 'send';
  }

  function report(form: HTMLFormElement | null, draft: boolean, via: Via): void {
    syncEditor();
    const isDraft = draft || (!!form && (form.elements.namedItem('_draft') as HTMLInputElement | null)?.value === '1');
    emit(isDraft ? { kind: 'draft-request', via } : { kind: 'send-attempt', via });
  }

  formProto.submit = function guardedSubmit(this: HTMLFormElement): void {
    if (isComposeForm(this)) return report(this, false, 'form.submit');
    apply(nativeSubmit, this, []);
  };
  formProto.requestSubmit = function guardedRequestSubmit(this: HTMLFormElement, submitter?: HTMLElement | null): void {
    if (isComposeForm(this)) return report(this, false, 'form.submit');
    apply(nativeRequestSubmit, this, submitter === undefined ? [] : [submitter]);
  };
  // Left writable: TinyMCE assigns its own `submit` to the form it edits (and calls ours). A page
  // script that replaces them only loses the early notice: its request still meets the network
  // guard, which holds it.
  // A submit event on a compose form (implicit submission, a page-made submit button).
  listen(
    'submit',
    (e: Event) => {
      if (isComposeForm(e.target)) {
        e.preventDefault();
        e.stopImmediatePropagation();
        report(e.target as HTMLFormElement, false, 'form.submit');
      }
    },
    true,
  );

  function hook(candidate: Rcmail): void {
    if (!candidate || typeof candidate !== 'object' || candidate[hookedMark]) return;
    candidate[hookedMark] = true;
    rc = candidate;
    if (typeof candidate.submit_messageform === 'function') {
      // Roundcube's checks (no subject, bad address) have run by the time it calls this. The
      // original never runs: the content script submits the checked message itself.
      const guarded = function submitMessageformGuard(draft?: unknown, saveonly?: unknown): boolean {
        report(null, !!draft || !!saveonly, 'submit_messageform');
        return false;
      };
      // Non-writable: a page script cannot put the original back on this instance.
      defineProperty(candidate, 'submit_messageform', { value: guarded, writable: false, configurable: false });
    }
    if (typeof candidate.addEventListener === 'function') {
      for (const ev of ['fileappended', 'fileuploaded'] as const) {
        candidate.addEventListener(ev, (p: { name?: unknown; id?: unknown }) => {
          const name = typeof p?.name === 'string' ? p.name : '';
          emit({ kind: 'file', event: ev, name, uploadId: typeof p?.id === 'string' ? p.id : null });
          if (ev === 'fileuploaded' && typeof p?.id === 'string') onUploaded(p.id, name);
          return undefined;
        });
      }
      candidate.addEventListener('init', () => announce());
    }
    announce();
  }

  function announce(): void {
    const env = rc?.env ?? {};
    if (rc && typeof env.compose_id === 'string' && env.compose_id) {
      emit({ kind: 'hooked', composeId: env.compose_id, action: String(env.action ?? '') });
    }
  }

  // `var rcmail = new rcube_webmail()` in the page assigns through this setter: the instance is
  // hooked synchronously, before the page can use it. Non-configurable so it can't be redefined.
  const existing = getDescriptor(win, 'rcmail');
  if (existing && 'value' in existing) {
    hook(existing.value);
  } else if (!existing) {
    let current: Rcmail;
    defineProperty(win, 'rcmail', {
      configurable: false,
      enumerable: true,
      get: () => current,
      set: (v: Rcmail) => {
        current = v;
        hook(v);
      },
    });
  }
  // Also announce once the page is parsed (env.compose_id is set by then).
  listen('DOMContentLoaded', () => announce());

  // ---- uploads requested by the content script (attachment swap) ----
  const pendingUploads: Record<string, string> = Object.create(null); // uploadId -> reqId

  function onUploaded(uploadId: string, name: string): void {
    const reqId = pendingUploads[uploadId];
    if (!reqId) return;
    delete pendingUploads[uploadId];
    emit({ kind: 'upload-result', reqId, ok: true, id: name });
  }

  function doUpload(cmd: Extract<BridgeCommand, { kind: 'upload' }>): void {
    try {
      if (!rc || typeof rc.file_upload !== 'function') throw new Error('rcmail.file_upload missing');
      const file = new win.File([cmd.bytes as Uint8Array<ArrayBuffer>], cmd.name, { type: cmd.mime });
      const before = new Set(Object.keys(rc.uploads ?? {}));
      const ok = rc.file_upload([file], { _id: rc.env.compose_id }, { name: '_attachments[]' });
      const uploadId = Object.keys(rc.uploads ?? {}).find((k) => !before.has(k));
      if (!ok || !uploadId) throw new Error('upload not started');
      pendingUploads[uploadId] = cmd.reqId;
    } catch (err) {
      emit({ kind: 'upload-result', reqId: cmd.reqId, ok: false, error: String((err as Error)?.message ?? err) });
    }
  }

  // ---- commands from the content script (private port) ----
  function onCommand(data: unknown): void {
    const cmd = parseBridgeCommand(data);
    if (!cmd) return;
    for (let i = 0; i < extensionHandlers.length; i++) if (extensionHandlers[i]!(cmd)) return;
    switch (cmd.kind) {
      case 'upload':
        doUpload(cmd);
        break;
      case 'remove':
        try {
          if (!rc || typeof rc.remove_attachment !== 'function') throw new Error('rcmail.remove_attachment missing');
          rc.remove_attachment(cmd.id);
          emit({ kind: 'remove-result', reqId: cmd.reqId, ok: true });
        } catch (err) {
          emit({ kind: 'remove-result', reqId: cmd.reqId, ok: false, error: String((err as Error)?.message ?? err) });
        }
        break;
      case 'sync-editor':
        emit({ kind: 'editor-synced', reqId: cmd.reqId, ok: syncEditor() });
        break;
    }
  }

  return { isHooked: () => !!rc };
}

/** document.cookie and cookieStore refuse names PHP would read as one of Roundcube's inputs. */
function guardCookies(
  win: Window & typeof globalThis,
  getDescriptor: typeof Object.getOwnPropertyDescriptor,
  defineProperty: typeof Object.defineProperty,
  apply: typeof Reflect.apply,
): void {
  const docProto = win.Document?.prototype;
  const desc = docProto ? getDescriptor(docProto, 'cookie') : undefined;
  if (docProto && desc?.set && desc.get) {
    const set = desc.set;
    const get = desc.get;
    try {
      defineProperty(docProto, 'cookie', {
        configurable: false,
        enumerable: desc.enumerable ?? true,
        get(this: Document) {
          return apply(get, this, []);
        },
        set(this: Document, value: unknown) {
          const text = String(value);
          const eq = text.indexOf('=');
          if (isRoutingCookie((eq < 0 ? text : text.slice(0, eq)).trim())) return;
          apply(set, this, [value]);
        },
      });
    } catch {
      // already fixed in this realm
    }
  }
  const storeProto = (win as unknown as { CookieStore?: { prototype: { set: (...a: unknown[]) => Promise<void> } } }).CookieStore?.prototype;
  if (storeProto && typeof storeProto.set === 'function') {
    const nativeSet = storeProto.set;
    try {
      defineProperty(storeProto, 'set', {
        configurable: false,
        writable: false,
        value: function guardedCookieSet(this: unknown, ...args: unknown[]): Promise<void> {
          const first = args[0];
          const name = typeof first === 'string' ? first : typeof first === 'object' && first !== null ? String((first as { name?: unknown }).name ?? '') : '';
          if (isRoutingCookie(name)) return Promise.reject(new TypeError('cookie refused'));
          return apply(nativeSet, this, args) as Promise<void>;
        },
      });
    } catch {
      // already fixed in this realm
    }
  }
}

// MAIN-world half of the Roundcube integration. It runs in the page's own JavaScript world at
// document_start, before any page script, because `rcmail` is only reachable from there.
//
// It is deliberately dumb: it relays compose facts to the isolated content script over the
// private port (utils/core/messaging/bridge.ts) and performs a send only when the content script
// released it. It never decides anything itself. Everything it hears from the page is untrusted,
// and every primitive it relies on for the channel is captured here, before page scripts can
// replace it.
import {
  BRIDGE_MARKER_ATTR,
  EV_BRIDGE_PORT,
  EV_BRIDGE_READY,
  WEBMAIL_DECLINED,
  parseBridgeCommand,
  type BridgeCommand,
  type BridgeEvent,
} from '../../../core/messaging/bridge.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- rcmail is an untyped page object */
type Rcmail = any;

export interface BridgeHandle {
  /** For tests: whether rcmail has been hooked. */
  isHooked(): boolean;
}

export function installRoundcubeBridge(win: Window & typeof globalThis): BridgeHandle {
  // ---- primitives captured before any page script runs ----
  const listen = win.addEventListener.bind(win);
  const unlisten = win.removeEventListener.bind(win);
  const dispatch = win.dispatchEvent.bind(win);
  const CustomEv = win.CustomEvent;
  const formProto = win.HTMLFormElement.prototype;
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

  // > 0 only during the synchronous run of one released send.
  let releaseDepth = 0;
  // The released send reached the original submit_messageform (so it may be used only once).
  let releaseConsumed = true;
  // true only while the original submit_messageform of a released send runs (form.submit allowed).
  let inReleasedSubmit = false;
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

  // ---- send guards ----
  function released(): boolean {
    return releaseDepth > 0 && !releaseConsumed;
  }

  function isComposeSendForm(form: HTMLFormElement): boolean {
    if (!rc || form !== rc.gui_objects?.messageform) return false;
    const draft = (form.elements.namedItem('_draft') as HTMLInputElement | null)?.value;
    const saveOnly = /[?&]_saveonly=1/.test(form.action);
    return draft !== '1' && !saveOnly;
  }

  formProto.submit = function guardedSubmit(this: HTMLFormElement): void {
    if (isComposeSendForm(this) && !inReleasedSubmit) {
      emit({ kind: 'send-attempt', via: 'form.submit' });
      return;
    }
    apply(nativeSubmit, this, []);
  };
  formProto.requestSubmit = function guardedRequestSubmit(this: HTMLFormElement, submitter?: HTMLElement | null): void {
    if (isComposeSendForm(this) && !inReleasedSubmit) {
      emit({ kind: 'send-attempt', via: 'form.submit' });
      return;
    }
    apply(nativeRequestSubmit, this, submitter === undefined ? [] : [submitter]);
  };
  // A submit event on the compose form (implicit submission, a page-made submit button).
  listen(
    'submit',
    (e: Event) => {
      const form = e.target as HTMLFormElement;
      if (form instanceof win.HTMLFormElement && isComposeSendForm(form) && !inReleasedSubmit) {
        e.preventDefault();
        e.stopImmediatePropagation();
        emit({ kind: 'send-attempt', via: 'form.submit' });
      }
    },
    true,
  );

  function hook(candidate: Rcmail): void {
    if (!candidate || typeof candidate !== 'object' || candidate[hookedMark]) return;
    candidate[hookedMark] = true;
    rc = candidate;
    const original = candidate.submit_messageform;
    if (typeof original === 'function') {
      const guarded = function submitMessageformGuard(this: unknown, draft?: unknown, saveonly?: unknown): unknown {
        // Drafts and "save to Sent only" send nothing: let them through untouched.
        if (draft || saveonly) return apply(original, this, [draft, saveonly]);
        if (!released()) {
          emit({ kind: 'send-attempt', via: 'submit_messageform' });
          return false;
        }
        releaseConsumed = true;
        inReleasedSubmit = true;
        try {
          return apply(original, this, [draft, saveonly]);
        } finally {
          inReleasedSubmit = false;
        }
      };
      // Non-writable: a page script cannot put the original back on this instance.
      defineProperty(candidate, 'submit_messageform', { value: guarded, writable: false, configurable: false });
    }
    if (typeof candidate.addEventListener === 'function') {
      candidate.addEventListener('beforesend', () => {
        if (released()) return undefined;
        emit({ kind: 'send-attempt', via: 'beforesend' });
        return false;
      });
      for (const ev of ['fileappended', 'fileuploaded'] as const) {
        candidate.addEventListener(ev, (p: { name?: unknown; id?: unknown }) => {
          emit({
            kind: 'file',
            event: ev,
            name: typeof p?.name === 'string' ? p.name : '',
            uploadId: typeof p?.id === 'string' ? p.id : null,
          });
          if (ev === 'fileuploaded' && typeof p?.id === 'string') onUploaded(p.id, typeof p?.name === 'string' ? p.name : '');
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
  const existing = Object.getOwnPropertyDescriptor(win, 'rcmail');
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
    switch (cmd.kind) {
      case 'release':
        release(cmd);
        break;
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
      case 'facts': {
        const htmlMode = !!(rc?.editor && typeof rc.editor.is_html === 'function' && rc.editor.is_html());
        let bodyText: string | null = null;
        try {
          bodyText = rc?.editor ? String(rc.editor.get_content({ format: 'text', refresh: false })) : null;
        } catch {
          bodyText = null;
        }
        const composeId = rc?.env?.compose_id;
        emit({ kind: 'facts', reqId: cmd.reqId, composeId: typeof composeId === 'string' ? composeId : null, htmlMode, bodyText });
        break;
      }
    }
  }

  function release(cmd: Extract<BridgeCommand, { kind: 'release' }>): void {
    if (!rc || cmd.composeId !== rc.env?.compose_id) {
      emit({ kind: 'released', reqId: cmd.reqId, ok: false, error: 'release not valid' });
      return;
    }
    // Exactly one send: the flag is consumed by the first guarded submit and the window
    // closes when this synchronous call returns, whatever happened inside.
    releaseDepth++;
    releaseConsumed = false;
    let reached = false;
    let threw = false;
    try {
      rc.command('send', '');
    } catch {
      threw = true;
    } finally {
      reached = releaseConsumed;
      releaseConsumed = true;
      releaseDepth--;
    }
    emit({ kind: 'released', reqId: cmd.reqId, ok: reached, error: reached ? undefined : threw ? 'rcmail.command failed' : WEBMAIL_DECLINED });
  }

  return { isHooked: () => !!rc };
}

// MAIN-world half of the Roundcube integration. It runs in the page's own JavaScript world at
// document_start, before any page script, because `rcmail` is only reachable from there.
//
// It is deliberately dumb: it relays compose facts to the isolated content script and performs
// a send only when the content script released it (nonce + HMAC over a secret the page never
// saw). It never decides anything itself. Everything it hears from the page is untrusted, and
// every primitive it relies on for the release check is captured here, before page scripts can
// replace it.
import {
  BRIDGE_MARKER_ATTR,
  EV_BRIDGE_KEY,
  EV_BRIDGE_READY,
  EV_TO_BRIDGE,
  EV_TO_CONTENT,
  WEBMAIL_DECLINED,
  type BridgeToContent,
  type ContentToBridge,
} from '../../../core/messaging/bridge.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- rcmail is an untyped page object */
type Rcmail = any;

export interface BridgeHandle {
  /** For tests: whether rcmail has been hooked. */
  isHooked(): boolean;
}

export function installRoundcubeBridge(win: Window & typeof globalThis): BridgeHandle {
  // ---- primitives captured before any page script runs ----
  const subtle = win.crypto.subtle;
  const importKey = subtle.importKey.bind(subtle);
  const verify = subtle.verify.bind(subtle);
  const encoder = new win.TextEncoder();
  const encode = encoder.encode.bind(encoder);
  const stringify = win.JSON.stringify;
  const parse = win.JSON.parse;
  const listen = win.addEventListener.bind(win);
  const dispatch = win.dispatchEvent.bind(win);
  const CustomEv = win.CustomEvent;
  const formProto = win.HTMLFormElement.prototype;
  const nativeSubmit = formProto.submit;
  const nativeRequestSubmit = formProto.requestSubmit;
  const apply = win.Reflect.apply;
  const defineProperty = win.Object.defineProperty;
  const NONCE_RE = /^[0-9a-f]{32}$/;
  const MAC_RE = /^[0-9a-f]{64}$/;
  const hexPair = /^(?:[0-9a-f]{2})+$/;

  let keyPromise: Promise<CryptoKey> | null = null;
  // Used nonces in a prototype-less object: a page can't intercept its lookups.
  const usedNonces: Record<string, true> = Object.create(null);
  // > 0 only during the synchronous run of one released send.
  let releaseDepth = 0;
  // The released send reached the original submit_messageform (so it may be used only once).
  let releaseConsumed = true;
  // true only while the original submit_messageform of a released send runs (form.submit allowed).
  let inReleasedSubmit = false;
  let rc: Rcmail = null;
  const hookedMark = Symbol('reportguard');

  function emit(msg: BridgeToContent): void {
    dispatch(new CustomEv(EV_TO_CONTENT, { detail: stringify(msg) }));
  }

  // ---- handshake: first key wins, later ones are ignored ----
  listen(EV_BRIDGE_KEY, (e: Event) => {
    if (keyPromise) return;
    const hex = (e as CustomEvent).detail;
    if (typeof hex !== 'string' || !hexPair.test(hex) || hex.length < 64) return;
    const raw = new Uint8Array(hex.length / 2);
    for (let i = 0; i < raw.length; i++) raw[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    keyPromise = importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    keyPromise.catch(() => undefined);
  });
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
      emit({ type: 'send-attempt', via: 'form.submit' });
      return;
    }
    apply(nativeSubmit, this, []);
  };
  formProto.requestSubmit = function guardedRequestSubmit(this: HTMLFormElement, submitter?: HTMLElement | null): void {
    if (isComposeSendForm(this) && !inReleasedSubmit) {
      emit({ type: 'send-attempt', via: 'form.submit' });
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
        emit({ type: 'send-attempt', via: 'form.submit' });
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
          emit({ type: 'send-attempt', via: 'submit_messageform' });
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
        emit({ type: 'send-attempt', via: 'beforesend' });
        return false;
      });
      for (const ev of ['fileappended', 'fileuploaded'] as const) {
        candidate.addEventListener(ev, (p: { name?: unknown; id?: unknown }) => {
          emit({
            type: 'file',
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
      emit({ type: 'hooked', composeId: env.compose_id, action: String(env.action ?? '') });
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
    emit({ type: 'upload-result', reqId, ok: true, name });
  }

  function doUpload(cmd: Extract<ContentToBridge, { type: 'upload' }>): void {
    try {
      if (!rc || typeof rc.file_upload !== 'function') throw new Error('rcmail.file_upload missing');
      const bin = win.atob(cmd.bytesB64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const file = new win.File([bytes], cmd.name, { type: cmd.mime });
      const before = new Set(Object.keys(rc.uploads ?? {}));
      const ok = rc.file_upload([file], { _id: rc.env.compose_id }, { name: '_attachments[]' });
      const uploadId = Object.keys(rc.uploads ?? {}).find((k) => !before.has(k));
      if (!ok || !uploadId) throw new Error('upload not started');
      pendingUploads[uploadId] = cmd.reqId;
    } catch (err) {
      emit({ type: 'upload-result', reqId: cmd.reqId, ok: false, error: String((err as Error)?.message ?? err) });
    }
  }

  // ---- commands from the content script ----
  listen(EV_TO_BRIDGE, (e: Event) => {
    const detail = (e as CustomEvent).detail;
    if (typeof detail !== 'string' || detail.length > 60_000_000) return;
    let cmd: ContentToBridge;
    try {
      cmd = parse(detail);
    } catch {
      return;
    }
    if (!cmd || typeof cmd !== 'object') return;
    switch (cmd.type) {
      case 'release':
        void release(cmd);
        break;
      case 'upload':
        if (typeof cmd.reqId === 'string' && typeof cmd.name === 'string' && typeof cmd.bytesB64 === 'string') doUpload(cmd);
        break;
      case 'remove':
        try {
          if (!rc || typeof rc.remove_attachment !== 'function') throw new Error('rcmail.remove_attachment missing');
          rc.remove_attachment(String(cmd.name));
          emit({ type: 'remove-result', reqId: String(cmd.reqId), ok: true });
        } catch (err) {
          emit({ type: 'remove-result', reqId: String(cmd.reqId), ok: false, error: String((err as Error)?.message ?? err) });
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
        emit({ type: 'facts', reqId: String(cmd.reqId), composeId: rc?.env?.compose_id ?? null, htmlMode, bodyText });
        break;
      }
      default:
        break;
    }
  });

  async function release(cmd: Extract<ContentToBridge, { type: 'release' }>): Promise<void> {
    const { nonce, mac, composeId } = cmd;
    if (typeof nonce !== 'string' || !NONCE_RE.test(nonce) || typeof mac !== 'string' || !MAC_RE.test(mac)) return;
    // Single use, marked before any await so a replay racing the original is refused too.
    if (usedNonces[nonce]) {
      emit({ type: 'released', nonce, ok: false, error: 'nonce already used' });
      return;
    }
    usedNonces[nonce] = true;
    if (!keyPromise) {
      emit({ type: 'released', nonce, ok: false, error: 'no key' });
      return;
    }
    let valid = false;
    try {
      const macBytes = new Uint8Array(32);
      for (let i = 0; i < 32; i++) macBytes[i] = Number.parseInt(mac.slice(i * 2, i * 2 + 2), 16);
      valid = await verify('HMAC', await keyPromise, macBytes, encode(`${nonce}|${String(composeId)}`));
    } catch {
      valid = false;
    }
    if (!valid || !rc || composeId !== rc.env?.compose_id) {
      emit({ type: 'released', nonce, ok: false, error: 'release not valid' });
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
    emit({ type: 'released', nonce, ok: reached, error: reached ? undefined : threw ? 'rcmail.command failed' : WEBMAIL_DECLINED });
  }

  return { isHooked: () => !!rc };
}

// Mounts the dialog in a shadow root (WXT createShadowRootUi, cssInjectionMode 'ui') and adapts
// it to the DialogPort the send flow uses. The host element carries `data-reportguard-dialog`
// and `data-verdict` so tests and admins can find it; focus stays inside while it is open.
// The React renderer is loaded on first use (see dialog-renderer.ts).
import { browser } from 'wxt/browser';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import type { DialogView } from '../../components/dialog/view.ts';
import { RENDERER_GLOBAL, type DialogRenderer, type DialogRendererModule } from '../../components/dialog/renderer.ts';
import type { DialogPort, DialogResult } from './send-flow.ts';

let rendererModule: Promise<DialogRendererModule> | null = null;

/** Loads the renderer once; a failure is retried on the next call. */
export function loadDialogRenderer(): Promise<DialogRendererModule> {
  rendererModule ??= (async () => {
    const g = globalThis as Record<string, unknown>;
    if (!g[RENDERER_GLOBAL]) await import(/* @vite-ignore */ browser.runtime.getURL('/reportguard-dialog.js'));
    const mod = g[RENDERER_GLOBAL] as DialogRendererModule | undefined;
    if (!mod || typeof mod.createDialogRenderer !== 'function') throw new Error('dialog renderer did not load');
    return mod;
  })();
  rendererModule.catch(() => {
    rendererModule = null;
  });
  return rendererModule;
}

export async function createDialogPort(ctx: ContentScriptContext, lang: Lang): Promise<DialogPort> {
  let renderer: DialogRenderer | null = null;
  let host: HTMLElement | null = null;
  let container: HTMLElement | null = null;
  let open = false;
  let lastFocus: Element | null = null;
  // Views are applied in order even while the renderer is still loading.
  let pending: Promise<void> = Promise.resolve();
  // What the open question answers when the dialog disappears without an answer.
  let unanswered: (() => void) | null = null;
  // A page script that removes the dialog must not leave the send flow waiting forever: the
  // question counts as answered with "back to the message" and the user can send again.
  const removal = new MutationObserver(() => {
    if (!open || !host || host.isConnected) return;
    open = false;
    window.removeEventListener('focusin', keepFocus, true);
    renderer?.unmount();
    renderer = null;
    try {
      ui.remove();
    } catch {
      // already gone
    }
    const answer = unanswered;
    unanswered = null;
    answer?.();
  });
  removal.observe(document.documentElement, { childList: true, subtree: true });

  const ui = await createShadowRootUi<void>(ctx, {
    name: 'reportguard-dialog',
    position: 'modal',
    zIndex: 2147483646,
    anchor: 'body',
    // Keys typed in the dialog must not reach Roundcube's own shortcuts.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(uiContainer, _shadow, shadowHost) {
      host = shadowHost;
      container = uiContainer;
      // The shadow root's reset (`:host { all: initial }`) takes the host's z-index away, and the
      // fixed wrapper is a stacking context of its own: without this the dialog would sit under
      // a webmail's own overlays (SOGo's compose dialog is at z-index 80).
      uiContainer.style.zIndex = '2147483646';
      host.setAttribute('data-reportguard-dialog', '');
    },
    onRemove() {
      renderer?.unmount();
      renderer = null;
      host = null;
      container = null;
    },
  });

  // Focus that escapes to the page behind is brought back (the dialog is modal).
  const keepFocus = (e: FocusEvent): void => {
    if (!open || !host) return;
    if (e.target === host || (e.target instanceof Node && host.contains(e.target))) return;
    host.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]')?.focus();
  };

  function show(view: DialogView, verdictAttr: string | null): void {
    pending = pending.then(async () => {
      if (!open) {
        lastFocus = document.activeElement;
        ui.mount();
        open = true;
        window.addEventListener('focusin', keepFocus, true);
      }
      if (!renderer && container) renderer = (await loadDialogRenderer()).createDialogRenderer(container, lang);
      if (verdictAttr) host?.setAttribute('data-verdict', verdictAttr);
      else host?.removeAttribute('data-verdict');
      host?.setAttribute('data-state', view.mode === 'busy' ? view.kind : view.mode);
      renderer?.render(view);
    });
  }

  /** Shows a view the user must answer; a renderer that can't load fails closed (send stays blocked). */
  function ask<T>(make: (done: (v: T) => void) => DialogView, verdictAttr: string, onFail: T): Promise<T> {
    return new Promise<T>((resolve) => {
      const done = (v: T): void => {
        unanswered = null;
        resolve(v);
      };
      unanswered = () => resolve(onFail);
      show(make(done), verdictAttr);
      pending = pending.catch(() => done(onFail));
    });
  }

  return {
    showBusy(kind) {
      show({ mode: 'busy', kind }, kind === 'sending' ? 'allow' : null);
      pending = pending.catch(() => undefined);
    },
    showVerdict({ verdict, clients, subject, answers }) {
      return ask<DialogResult>((done) => ({ mode: 'verdict', verdict, clients, subject, answers, done }), verdict.verdict, { action: 'back' });
    },
    showError(sentence) {
      return ask<void>((done) => ({ mode: 'error', sentence, done }), 'block', undefined);
    },
    close() {
      pending = pending.then(() => {
        if (!open) return;
        open = false;
        window.removeEventListener('focusin', keepFocus, true);
        ui.remove();
        if (lastFocus instanceof HTMLElement) lastFocus.focus();
      });
    },
  };
}

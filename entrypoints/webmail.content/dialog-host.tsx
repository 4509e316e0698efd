// Mounts the dialog in a shadow root (WXT createShadowRootUi, cssInjectionMode 'ui') and adapts
// it to the DialogPort the send flow uses. The host element carries `data-reportguard-dialog`
// and `data-verdict` so tests and admins can find it; focus stays inside while it is open.
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { createShadowRootUi, type ContentScriptContext } from '#imports';
import type { Lang } from '../../utils/i18n/index.ts';
import { Dialog, type DialogView } from './Dialog.tsx';
import type { DialogPort, DialogResult } from './send-flow.ts';

export async function createDialogPort(ctx: ContentScriptContext, lang: Lang): Promise<DialogPort> {
  let root: Root | null = null;
  let host: HTMLElement | null = null;
  let open = false;
  let lastFocus: Element | null = null;

  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'reportguard-dialog',
    position: 'modal',
    zIndex: 2147483646,
    anchor: 'body',
    // Keys typed in the dialog must not reach Roundcube's own shortcuts.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container, _shadow, shadowHost) {
      host = shadowHost;
      host.setAttribute('data-reportguard-dialog', '');
      const r = createRoot(container);
      root = r;
      return r;
    },
    onRemove(r) {
      r?.unmount();
      root = null;
      host = null;
    },
  });

  // Focus that escapes to the page behind is brought back (the dialog is modal).
  const keepFocus = (e: FocusEvent): void => {
    if (!open || !host) return;
    if (e.target instanceof Node && host.contains(e.target)) return;
    if (e.target === host) return;
    const panel = host.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
    panel?.focus();
  };

  function render(view: DialogView, verdictAttr: string | null): void {
    if (!open) {
      lastFocus = document.activeElement;
      ui.mount();
      open = true;
      window.addEventListener('focusin', keepFocus, true);
    }
    if (verdictAttr) host?.setAttribute('data-verdict', verdictAttr);
    else host?.removeAttribute('data-verdict');
    host?.setAttribute('data-state', view.mode === 'busy' ? view.kind : view.mode);
    // Synchronous so the host's attributes and the content change together.
    flushSync(() => root?.render(<Dialog view={view} lang={lang} />));
  }

  return {
    showBusy(kind) {
      render({ mode: 'busy', kind }, kind === 'sending' ? 'allow' : null);
    },
    showVerdict({ verdict, clients, subject, answers }) {
      return new Promise<DialogResult>((resolve) => {
        render({ mode: 'verdict', verdict, clients, subject, answers, done: resolve }, verdict.verdict);
      });
    },
    showError(sentence) {
      return new Promise<void>((resolve) => {
        render({ mode: 'error', sentence, done: resolve }, 'block');
      });
    },
    close() {
      if (!open) return;
      open = false;
      window.removeEventListener('focusin', keepFocus, true);
      ui.remove();
      if (lastFocus instanceof HTMLElement) lastFocus.focus();
    },
  };
}

// Isolated-world content script on the webmail. Thin wiring: the bridge handshake must happen at
// document_start (before any page script), the rest waits for the DOM.
import '../../components/dialog/dialog.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from '#imports';
import { BridgeClient } from '../../utils/browser/webmail/roundcube/bridge-client.ts';
import { RoundcubeAdapter } from '../../utils/browser/webmail/roundcube/adapter.ts';
import { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { uiLangFrom } from '../../utils/core/i18n/lang.ts';
import { AttachmentTracker } from './attachment-tracker.ts';
import { createDialogPort, loadDialogRenderer } from './dialog-host.ts';
import { SendFlow } from './send-flow.ts';

export default defineContentScript({
  // Replaced by the webmail origins at build time (wxt.config.ts).
  matches: ['http://127.0.0.1/*'],
  runAt: 'document_start',
  cssInjectionMode: 'ui',
  main(ctx) {
    const bridge = new BridgeClient(window);
    const adapter = new RoundcubeAdapter(bridge, document);
    if (!adapter.detect()) return;
    const lang = uiLangFrom(browser.i18n.getUILanguage());

    let flow: SendFlow | null = null;
    let flowReady: Promise<SendFlow> | null = null;
    const setUp = async (): Promise<SendFlow> => {
      const tracker = new AttachmentTracker(adapter, sendToBackground, lang);
      tracker.start();
      const dialog = await createDialogPort(ctx, lang);
      flow = new SendFlow({ adapter, tracker, dialog, send: sendToBackground, lang });
      // Prefetch the dialog's renderer so the first verdict shows without a load delay.
      void loadDialogRenderer().catch(() => undefined);
      return flow;
    };
    const whenDomReady = (): Promise<void> =>
      document.readyState === 'loading'
        ? new Promise((r) => document.addEventListener('DOMContentLoaded', () => r(), { once: true }))
        : Promise.resolve();
    flowReady = whenDomReady().then(setUp);

    // Intercept from the very start: an attempt before setup completes waits for it.
    adapter.interceptSend(() => {
      if (flow) void flow.onAttempt();
      else void flowReady?.then((f) => f.onAttempt());
    });
  },
});

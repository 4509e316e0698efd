// Isolated-world content script on the webmail, in every frame (a compose screen can be a
// pop-out window or sit in a same-origin frame). Thin wiring: the bridge's private channel and
// the formdata shield must exist at document_start (before any page script); the rest waits for
// the DOM. The webmail is recognised by what the page is (each adapter's detect(); a SOGo page is
// reported to the background, whose network guard then holds that origin's sends with SOGo's
// rules). Submissions the webmail wants to make arrive from the bridge; the network guard tells
// this frame about requests it stopped.
import '../../components/dialog/dialog.css';
import { browser } from 'wxt/browser';
import { defineContentScript, type ContentScriptContext } from '#imports';
import { BridgeClient } from '../../utils/browser/webmail/bridge-client.ts';
import { FormdataShield, RoundcubeAdapter } from '../../utils/browser/webmail/roundcube/adapter.ts';
import { SogoAdapter } from '../../utils/browser/webmail/sogo/adapter.ts';
import { isSogoPage } from '../../utils/browser/webmail/sogo/detect.ts';
import type { WebmailAdapter } from '../../utils/browser/webmail/adapter.ts';
import { sendToBackground } from '../../utils/browser/messaging/client.ts';
import { parseGuardNotice, type GuardNotice } from '../../utils/core/messaging/schemas.ts';
import { uiLangFrom, type Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';
import type { DialogPort } from '../../components/dialog/view.ts';
import { AttachmentTracker } from './attachment-tracker.ts';
import { createDialogPort, loadDialogRenderer } from './dialog-host.ts';
import { DraftSaver, SendFlow } from './send-flow.ts';
import { Swapper } from './swapper.ts';
import { SessionReadings } from './session-reading.ts';
import { showApprovalOffer } from './approval-offer.ts';
import type { ApprovalOffer } from '../../utils/core/messaging/protocol.ts';
import { extensionAlive, showOrphanedNotice, watchExtension } from './orphan-guard.ts';

export default defineContentScript({
  // Registered at run time for the configured webmail origins (entrypoints/background/content-scripts.ts).
  registration: 'runtime',
  matches: ['http://127.0.0.1/*'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    const shield = new FormdataShield(window);
    const bridge = new BridgeClient(window);
    const adapters: WebmailAdapter[] = [new RoundcubeAdapter(bridge, shield, document), new SogoAdapter(bridge, document)];
    /** The adapter whose webmail this page is (set once the DOM is there). */
    let adapter: WebmailAdapter | null = null;
    const lang = uiLangFrom(browser.i18n.getUILanguage());
    const dialogs = lazyDialog(ctx, lang);

    let flow: SendFlow | null = null;
    let drafts: DraftSaver | null = null;
    const offer = (o: ApprovalOffer) =>
      void showApprovalOffer(document, lang, o, {
        open: async () => void (await sendToBackground({ kind: 'approval-offer', action: 'open' })),
        dismiss: async () => void (await sendToBackground({ kind: 'approval-offer', action: 'dismiss' })),
      });
    const ready = whenDomReady().then(async () => {
      // Any SOGo page, the login page first: the network guard must know before SOGo's first POST.
      if (window === window.top && isSogoPage(document)) {
        void sendToBackground({ kind: 'webmail', name: 'sogo' })
          .then((r) => {
            if (r.ok) document.documentElement.setAttribute('data-reportguard-webmail', 'sogo');
          })
          .catch(() => undefined);
      }
      adapter = adapters.find((a) => a.detect()) ?? null;
      // An approval round sent from this tab before this page loaded (Roundcube's list after its
      // compose screen): its offer to record the approval is still open (this script runs on the
      // webmail's pages only; the background answers null for a tab without one).
      if (window === window.top) {
        void sendToBackground({ kind: 'approval-offer', action: 'read' })
          .then((r) => (r.ok && r.offer ? offer(r.offer) : undefined))
          .catch(() => undefined);
      }
      if (!adapter) return;
      // One swapper per compose screen: attach-time swaps and the send's are the same swaps.
      const swapper = new Swapper(adapter, sendToBackground);
      const tracker = new AttachmentTracker(adapter, sendToBackground, lang, swapper);
      tracker.start();
      drafts = new DraftSaver(adapter, sendToBackground);
      // The session's attachments read after each change, so that Send need not read them again.
      let readings: SessionReadings | undefined;
      if (adapter.readsSessionAhead) {
        readings = new SessionReadings(adapter, sendToBackground, 30_000, document);
        readings.start();
      }
      // The busy view waits 250 ms only where Send reads nothing from the server while the reading
      // ahead stands (Roundcube's compose page, SOGo's draft); elsewhere it shows at once.
      flow = new SendFlow({ adapter, tracker, swapper, dialog: await dialogs(), send: sendToBackground, lang, offerApproval: offer, busyDelayMs: readings ? 250 : 0, ...(readings ? { readings } : {}) });
      // Prefetch the dialog's renderer so the first verdict shows without a load delay.
      void loadDialogRenderer().catch(() => undefined);
    });

    // One sentence at a time, after any running check; the same sentence again while it is on
    // screen (several requests of one attempt stopped) is not repeated.
    let told: Promise<void> = Promise.resolve();
    let showing: string | null = null;
    const tell = (sentence: string): Promise<void> => {
      if (showing === sentence) return told;
      told = told.then(async () => {
        await flowIdle(() => flow);
        const d = await dialogs();
        showing = sentence;
        try {
          await d.showError(sentence);
        } finally {
          showing = null;
          d.close();
        }
      });
      return told;
    };

    // Reloaded or updated extension: this frame can get no release any more, so nothing leaves
    // (the bridge still stops Roundcube's submissions, the network rules stay); say so without
    // any extension resource (orphan-guard.ts).
    const orphaned = () => {
      if (extensionAlive()) return false;
      showOrphanedNotice(document, lang);
      return true;
    };
    watchExtension(window, () => void ready.then(() => (flow ? showOrphanedNotice(document, lang) : undefined)));

    // Roundcube's own submissions are stopped by the bridge from the very start; an attempt
    // before setup completes waits for it.
    // Each adapter hears its webmail's attempts; only the one of this page acts on them.
    for (const a of adapters) {
      a.interceptSubmissions({
        send: () =>
          void ready.then(() => {
            if (orphaned()) return;
            if (adapter && adapter !== a) return;
            if (flow) void flow.onAttempt();
            // The webmail wanted to send from a screen we don't recognise as a compose screen.
            else if (a === adapters[0]) void tell(ui(lang, 'fail.layout', { missing: 'compose' }));
          }),
        draft: () =>
          void ready.then(async () => {
            if (orphaned()) return;
            if (adapter !== a) return;
            if (drafts && (await drafts.save()) === 'failed') await tell(ui(lang, 'guard.draft-stopped'));
          }),
      });
    }

    browser.runtime.onMessage.addListener((message: unknown) => {
      const notice = parseGuardNotice(message);
      if (!notice) return undefined;
      void onNotice(notice);
      return undefined;
    });

    async function onNotice(notice: GuardNotice): Promise<void> {
      await ready;
      // A draft save that went around us: make it properly instead (nothing to tell if that works).
      if (notice.notice === 'draft-stopped' && drafts && (await drafts.save()) !== 'failed') return;
      const differences = (notice.differences ?? []).join(', ');
      await tell(ui(lang, `guard.${notice.notice}` as const, { differences }));
    }
  },
});

function whenDomReady(): Promise<void> {
  return document.readyState === 'loading'
    ? new Promise((r) => document.addEventListener('DOMContentLoaded', () => r(), { once: true }))
    : Promise.resolve();
}

function lazyDialog(ctx: ContentScriptContext, lang: Lang): () => Promise<DialogPort> {
  let port: Promise<DialogPort> | null = null;
  return () => {
    port ??= whenDomReady().then(() => createDialogPort(ctx, lang));
    port.catch(() => {
      port = null;
    });
    return port;
  };
}

/** Waits until no send check runs in this frame (a notice is shown after it, not over it). */
async function flowIdle(flow: () => SendFlow | null): Promise<void> {
  while (flow()?.busy) await new Promise((r) => setTimeout(r, 100));
}

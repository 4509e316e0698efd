// Service worker: wiring only. The request handling lives in ./requests/ (one file per kind).
// Listeners are registered synchronously at start so a message wakes the worker and is answered.
import { defineBackground } from '#imports';
import { browser } from 'wxt/browser';
import { createBackgroundHandler } from './requests/index.ts';
import { createOffscreenRelay } from './offscreen-relay.ts';
import { withKeepAlive } from './keep-alive.ts';
import { createDocumentCache } from '../../utils/browser/storage/document-cache.ts';
import { createAuditStore } from '../../utils/browser/storage/audit-store.ts';
import { readPolicy, readRecords } from '../../utils/browser/storage/load.ts';
import { isOffscreenKind } from '../../utils/core/messaging/offscreen.ts';
import { uiLangFrom } from '../../utils/core/i18n/lang.ts';
import { oneLine } from '../../utils/core/errors.ts';

/** Whole analysis of one attachment, start of the offscreen document included. */
const ANALYSIS_TIMEOUT_MS = 90_000;

export default defineBackground(() => {
  const manifest = browser.runtime.getManifest();
  const webmailPatterns = (manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []);

  const relay = createOffscreenRelay(
    {
      hasDocument: () => browser.offscreen.hasDocument(),
      createDocument: (params) => browser.offscreen.createDocument(params),
      closeDocument: () => browser.offscreen.closeDocument(),
      sendMessage: (message) => browser.runtime.sendMessage(message),
    },
    { url: browser.runtime.getURL('/offscreen.html'), timeoutMs: ANALYSIS_TIMEOUT_MS },
  );

  const handle = createBackgroundHandler({
    extensionId: browser.runtime.id,
    extensionBaseUrl: browser.runtime.getURL('/'),
    webmailPatterns,
    readPolicy,
    readRecords,
    cache: createDocumentCache(),
    audit: createAuditStore(),
    analyseOffscreen: (sha256, name, settings) =>
      withKeepAlive(relay.analyse(sha256, name, settings), () => browser.runtime.getPlatformInfo()),
    lang: () => uiLangFrom(browser.i18n.getUILanguage()),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Requests for the offscreen document pass by here too; they are not ours to answer.
    if (isOffscreenKind(message)) return false;
    handle(message, sender).then(sendResponse, (e: unknown) =>
      sendResponse({ ok: false, error: `background error: ${oneLine(e)}` }),
    );
    return true;
  });
});

// Offscreen document: the page context in which attachments are analysed and fixed. Answers only
// requests marked for it and sent by our own background; every other runtime message (they reach
// all extension pages) is left alone, so the background's answer is the one the sender gets.
import { browser } from 'wxt/browser';
import { analyseAttachment, limitsFromPolicy } from '../../utils/core/documents/analyse.ts';
import { sha256Hex } from '../../utils/core/documents/hash.ts';
import { createDocumentCache } from '../../utils/browser/storage/document-cache.ts';
import { applySendFix } from '../../utils/core/documents/send-fix.ts';
import { handleOffscreenRequest, type OffscreenDeps } from './handler.ts';
import { isOffscreenKind, parseOffscreenRequest } from '../../utils/core/messaging/offscreen.ts';
import { checkSender } from '../../utils/core/messaging/sender.ts';
import { oneLine } from '../../utils/core/errors.ts';
import { quietLibraries } from '../../utils/core/library-console.ts';

// The document libraries (pdf-lib, pdf.js, mammoth, fontkit) print their own warnings about a
// bad file; those stay out of the extension's console while they run. What went wrong reaches
// the user as the analysis result, in one sentence.
const deps: OffscreenDeps = {
  cache: createDocumentCache(),
  analyse: quietLibraries(analyseAttachment),
  limitsFromPolicy,
  applySendFix: quietLibraries(applySendFix),
  sha256Hex,
};

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!isOffscreenKind(message)) return false;
  const who = checkSender(sender, browser.runtime.id, [], browser.runtime.getURL('/'));
  if (!who.ok || who.context !== 'extension-page') return false;
  const request = parseOffscreenRequest(message);
  if (!request) {
    sendResponse({ ok: false, error: 'invalid offscreen request' });
    return false;
  }
  handleOffscreenRequest(request, deps).then(sendResponse, (e: unknown) =>
    sendResponse({ ok: false, error: `document analysis failed: ${oneLine(e)}` }),
  );
  return true;
});

// Offscreen document: the page context in which attachments are analysed and fixed. Answers only
// requests marked for it and sent by our own background; every other runtime message (they reach
// all extension pages) is left alone, so the background's answer is the one the sender gets.
import { browser } from 'wxt/browser';
import { handleOffscreenRequest } from './handler.ts';
import { createPipelineDeps } from './deps.ts';
import { isOffscreenKind, parseOffscreenRequest } from '../../utils/core/messaging/offscreen.ts';
import { checkSender } from '../../utils/core/messaging/sender.ts';
import { oneLine } from '../../utils/core/errors.ts';

const deps = createPipelineDeps();

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

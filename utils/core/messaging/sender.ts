// Who may talk to the background. Pure: the caller passes in the extension's id, its base URL
// and the webmail match patterns, so this runs (and is tested) without a browser.
//
// Trusted senders are (a) our own extension pages (options, offscreen) and (b) our own content
// script running in a frame whose URL is on a webmail origin. Web pages, other extensions and our
// content script on any other site are refused. The MAIN-world bridge cannot message us at all: it
// goes through the content script, which treats what it says as untrusted.
import { MatchPattern } from '@webext-core/match-patterns';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SenderCheck =
  | { ok: true; context: 'extension-page' | 'content-script' }
  | { ok: false; reason: string };

export function checkSender(
  sender: SenderLike,
  extensionId: string,
  webmailOrigins: readonly string[],
  extensionBaseUrl = `chrome-extension://${extensionId}/`,
): SenderCheck {
  if (!extensionId || sender.id !== extensionId) return { ok: false, reason: 'message from another extension or a web page' };
  const url = parseUrl(sender.url);
  if (!url) return { ok: false, reason: 'sender has no valid URL' };
  // Chrome also reports the frame's origin; a mismatch means the URL can't be trusted.
  if (sender.origin !== undefined && sender.origin !== 'null' && sender.origin !== originOf(url)) {
    return { ok: false, reason: 'sender origin and URL disagree' };
  }
  const base = parseUrl(extensionBaseUrl);
  if (sender.tab === undefined) {
    if (base && originOf(url) === originOf(base)) return { ok: true, context: 'extension-page' };
    return { ok: false, reason: 'message from outside a tab that is not an extension page' };
  }
  if (base && originOf(url) === originOf(base)) {
    // An extension page opened in a tab (options.html with open_in_tab).
    return { ok: true, context: 'extension-page' };
  }
  if (webmailOrigins.some((pattern) => matchesPattern(pattern, url))) return { ok: true, context: 'content-script' };
  return { ok: false, reason: `content script on a page that is not the webmail (${originOf(url)})` };
}

export function isTrustedSender(
  sender: SenderLike,
  extensionId: string,
  webmailOrigins: readonly string[],
  extensionBaseUrl?: string,
): boolean {
  return checkSender(sender, extensionId, webmailOrigins, extensionBaseUrl).ok;
}

// URL.origin is 'null' for non-web schemes (chrome-extension:, moz-extension:) in some engines,
// so the origin is built from scheme and host here.
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`.toLowerCase();
}

function parseUrl(text: string | undefined): URL | null {
  if (!text) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * A WebExtension match pattern (`http://127.0.0.1/*`, `https://*.firm.nl/*`, `*://mail.x/*`) or a
 * bare origin (`https://webmail.firm.nl`). The matching itself (scheme, host wildcard, path glob)
 * is @webext-core/match-patterns, the package behind wxt/utils/match-patterns. Two things Chrome
 * accepts and the package does not are handled here: an explicit port (as in Chrome, a pattern
 * without one matches any port) and a host in capitals. A pattern that does not parse matches
 * nothing.
 */
export function matchesPattern(pattern: string, url: URL): boolean {
  const text = pattern.trim();
  const m = /^([^:/]+:\/\/)([^/:]*)(?::(\d+|\*))?(\/.*)?$/.exec(text);
  if (!m && text !== '<all_urls>') return false;
  const port = m?.[3];
  if (port !== undefined && port !== '*') {
    const actual = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    if (actual !== port) return false;
  }
  try {
    const compiled = new MatchPattern(m ? `${m[1]}${m[2]!.toLowerCase()}${m[4] ?? '/*'}` : text);
    // A string, not the URL object: the package tests `instanceof Location`, which a service
    // worker lacks. It throws for schemes it does not implement (ftp, urn): no match.
    return compiled.includes(url.href);
  } catch {
    return false;
  }
}

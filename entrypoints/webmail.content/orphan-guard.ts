// When the extension is reloaded, updated or removed, the content script of an open compose
// screen keeps running but loses its extension: no background, no dialog bundle, no stylesheet
// (they are extension resources). The page's MAIN-world bridge is still in place and still stops
// every send, because only a release from this script lets one through, and the network guard's
// rules are the extension's own and stay. So the page fails closed by itself; what is left is to
// tell the user, without any extension resource: a plain banner in the page, written with DOM
// calls and inline styles, saying in one sentence why sending is blocked and what to do.
import { browser } from 'wxt/browser';
import type { Lang } from '../../utils/core/i18n/lang.ts';
import { ui } from '../../utils/core/i18n/dialog.ts';

/** Whether this script still has its extension (`runtime.id` goes away with the context). */
export function extensionAlive(): boolean {
  try {
    return typeof browser.runtime?.id === 'string' && browser.runtime.id !== '';
  } catch {
    return false;
  }
}

const BANNER_ATTR = 'data-reportguard-orphaned';

/** Shows (once) the banner that says sending stays blocked until the page is reloaded. */
export function showOrphanedNotice(doc: Document, lang: Lang): HTMLElement {
  const existing = doc.querySelector<HTMLElement>(`[${BANNER_ATTR}]`);
  if (existing) return existing;
  const banner = doc.createElement('div');
  banner.setAttribute(BANNER_ATTR, '');
  banner.setAttribute('role', 'alert');
  banner.textContent = ui(lang, 'fail.orphaned');
  Object.assign(banner.style, {
    position: 'fixed',
    top: '0',
    left: '0',
    right: '0',
    zIndex: '2147483647',
    padding: '12px 16px',
    background: '#8a1c1c',
    color: '#ffffff',
    font: '600 15px/1.4 system-ui, sans-serif',
    textAlign: 'center',
  } satisfies Partial<CSSStyleDeclaration>);
  (doc.body ?? doc.documentElement).append(banner);
  return banner;
}

/**
 * Watches for the extension going away (checked when the tab becomes visible or gets focus, and
 * every few seconds) and calls `onOrphaned` once. Returns a stop function.
 */
export function watchExtension(win: Window, onOrphaned: () => void, intervalMs = 3000): () => void {
  let done = false;
  const check = () => {
    if (done || extensionAlive()) return;
    done = true;
    stop();
    onOrphaned();
  };
  const timer = win.setInterval(check, intervalMs);
  win.addEventListener('focus', check);
  win.document.addEventListener('visibilitychange', check);
  function stop() {
    win.clearInterval(timer);
    win.removeEventListener('focus', check);
    win.document.removeEventListener('visibilitychange', check);
  }
  return stop;
}

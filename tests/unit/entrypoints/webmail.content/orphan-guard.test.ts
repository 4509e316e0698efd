import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extensionAlive, showOrphanedNotice, watchExtension } from '../../../../entrypoints/webmail.content/orphan-guard.ts';

const realId = fakeBrowser.runtime.id;
function loseExtension() {
  Object.defineProperty(fakeBrowser.runtime, 'id', { value: undefined, configurable: true, writable: true });
}
afterEach(() => {
  Object.defineProperty(fakeBrowser.runtime, 'id', { value: realId, configurable: true, writable: true });
  vi.useRealTimers();
});

describe('a compose screen whose extension went away', () => {
  it('notices that the extension context is gone', () => {
    expect(extensionAlive()).toBe(true);
    loseExtension();
    expect(extensionAlive()).toBe(false);
  });

  it('shows one plain banner, in the page’s own DOM, saying why nothing can be sent or saved', () => {
    const { document } = parseHTML('<html><body><form id="compose"></form></body></html>');
    const a = showOrphanedNotice(document as unknown as Document, 'nl');
    const b = showOrphanedNotice(document as unknown as Document, 'nl');
    expect(a).toBe(b);
    expect(document.querySelectorAll('[data-reportguard-orphaned]')).toHaveLength(1);
    expect(a.getAttribute('role')).toBe('alert');
    expect(a.textContent).toBe('ReportGuard is bijgewerkt of opnieuw geladen, dus op deze pagina kan het bericht niet meer verstuurd of opgeslagen worden: kopieer uw tekst en laad de pagina opnieuw.');
    // Nothing but inline styles: no stylesheet from the (gone) extension is needed.
    expect(document.querySelectorAll('link, style')).toHaveLength(0);
  });

  it('watches and reports it once', () => {
    vi.useFakeTimers();
    const { window } = parseHTML('<html><body></body></html>');
    const win = Object.assign(window, { setInterval, clearInterval }) as unknown as Window;
    const orphaned = vi.fn();
    const stop = watchExtension(win, orphaned, 1000);
    vi.advanceTimersByTime(3000);
    expect(orphaned).not.toHaveBeenCalled();
    loseExtension();
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(5000);
    expect(orphaned).toHaveBeenCalledTimes(1);
    stop();
  });
});

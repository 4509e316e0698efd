// Cookies a page script plants on the webmail's host can steer Roundcube: it reads `_action`,
// `_task`, `_id` and other inputs from the cookie before the body and the URL (INPUT_GPC), and
// PHP keeps the first cookie of a name, so a planted `_action=send` would beat the network
// guard's pinned cookie. The MAIN-world bridge refuses such cookies from page scripts
// (document.cookie, cookieStore); this is the second line: any that still appears is deleted at
// once and audited.
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import { isRoutingCookie } from '../../utils/browser/webmail/roundcube/php-input.ts';

interface CookieApi {
  cookies?: {
    onChanged: { addListener(cb: (c: { removed: boolean; cookie: { name: string; domain: string; path: string; secure: boolean; storeId: string } }) => void): void };
    remove(d: { url: string; name: string; storeId?: string }): Promise<unknown>;
  };
}

export function watchRoutingCookies(api: CookieApi, hosts: () => readonly string[], audit: AuditStore): void {
  if (!api.cookies) return;
  const cookies = api.cookies;
  cookies.onChanged.addListener(({ removed, cookie }) => {
    if (removed || !isRoutingCookie(cookie.name)) return;
    const domain = cookie.domain.replace(/^\./, '').toLowerCase();
    if (!hosts().some((h) => domain === h || domain.endsWith(`.${h}`) || h.endsWith(`.${domain}`))) return;
    const url = `${cookie.secure ? 'https' : 'http'}://${domain}${cookie.path}`;
    void cookies.remove({ url, name: cookie.name, storeId: cookie.storeId }).catch(() => undefined);
    void audit.append('cookie-removed', { name: cookie.name.slice(0, 100), domain }).catch(() => undefined);
  });
}

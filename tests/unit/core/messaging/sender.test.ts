import { describe, expect, it } from 'vitest';
import { checkSender, isTrustedSender, matchesPattern } from '../../../../utils/core/messaging/sender.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const WEBMAIL = ['http://127.0.0.1/*', 'http://localhost/*', 'https://*.focus-nederland.nl/*'];

describe('isTrustedSender', () => {
  it('accepts our content script on a webmail tab, any port when the pattern names none', () => {
    const sender = { id: ID, url: 'http://127.0.0.1:8000/?_task=mail&_action=compose', tab: { id: 3 }, frameId: 0 };
    expect(checkSender(sender, ID, WEBMAIL)).toEqual({ ok: true, context: 'content-script' });
    expect(isTrustedSender({ ...sender, url: 'https://webmail.focus-nederland.nl/' }, ID, WEBMAIL)).toBe(true);
  });

  it('accepts our own extension pages (options, offscreen), with or without a tab', () => {
    const page = { id: ID, url: `chrome-extension://${ID}/options.html` };
    expect(checkSender(page, ID, WEBMAIL)).toEqual({ ok: true, context: 'extension-page' });
    expect(checkSender({ ...page, tab: { id: 9 } }, ID, WEBMAIL)).toEqual({ ok: true, context: 'extension-page' });
    expect(checkSender({ ...page, origin: `chrome-extension://${ID}` }, ID, WEBMAIL).ok).toBe(true);
  });

  it('uses the given base URL for browsers whose extension origin is not the id (Firefox)', () => {
    const base = 'moz-extension://0f1e2d3c-aaaa-bbbb-cccc-000000000000/';
    const page = { id: 'reportguard@focus', url: base + 'options.html' };
    expect(isTrustedSender(page, 'reportguard@focus', WEBMAIL, base)).toBe(true);
    expect(isTrustedSender(page, 'reportguard@focus', WEBMAIL)).toBe(false);
  });

  it('refuses another extension, a missing id, and a web page', () => {
    expect(isTrustedSender({ id: 'other', url: `chrome-extension://other/x.html` }, ID, WEBMAIL)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:8000/', tab: { id: 1 } }, ID, WEBMAIL)).toBe(false);
    expect(isTrustedSender({ id: ID, url: 'http://127.0.0.1/' }, '', WEBMAIL)).toBe(false);
  });

  it('refuses our content script on a site that is not the webmail', () => {
    const r = checkSender({ id: ID, url: 'https://evil.example/?127.0.0.1', tab: { id: 1 } }, ID, WEBMAIL);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('https://evil.example');
    expect(isTrustedSender({ id: ID, url: 'https://focus-nederland.nl.evil.example/', tab: { id: 1 } }, ID, WEBMAIL)).toBe(false);
  });

  it('refuses a sender whose URL is missing or unparseable, or whose origin disagrees with its URL', () => {
    expect(isTrustedSender({ id: ID, tab: { id: 1 } }, ID, WEBMAIL)).toBe(false);
    expect(isTrustedSender({ id: ID, url: 'not a url', tab: { id: 1 } }, ID, WEBMAIL)).toBe(false);
    expect(isTrustedSender({ id: ID, url: 'http://127.0.0.1:8000/', origin: 'https://evil.example', tab: { id: 1 } }, ID, WEBMAIL)).toBe(false);
  });

  it('refuses a non-tab sender that is not an extension page', () => {
    expect(isTrustedSender({ id: ID, url: 'http://127.0.0.1:8000/' }, ID, WEBMAIL)).toBe(false);
  });
});

const u = (s: string) => new URL(s);

describe('matchesPattern', () => {
  it('follows match-pattern rules for scheme, host wildcard, port and path', () => {
    expect(matchesPattern('*://mail.x.nl/*', u('https://mail.x.nl/a'))).toBe(true);
    expect(matchesPattern('*://mail.x.nl/*', u('ftp://mail.x.nl/a'))).toBe(false);
    expect(matchesPattern('https://*.x.nl/*', u('https://x.nl/'))).toBe(true);
    expect(matchesPattern('https://*.x.nl/*', u('https://a.b.x.nl/'))).toBe(true);
    expect(matchesPattern('https://*.x.nl/*', u('https://ax.nl/'))).toBe(false);
    expect(matchesPattern('http://127.0.0.1:8000/*', u('http://127.0.0.1:8001/'))).toBe(false);
    expect(matchesPattern('http://127.0.0.1:8000/*', u('http://127.0.0.1:8000/'))).toBe(true);
    expect(matchesPattern('https://mail.x.nl/roundcube/*', u('https://mail.x.nl/other/'))).toBe(false);
    expect(matchesPattern('https://mail.x.nl/roundcube/*', u('https://mail.x.nl/roundcube/?_task=mail'))).toBe(true);
    expect(matchesPattern('https://webmail.x.nl', u('https://webmail.x.nl/any'))).toBe(true);
    expect(matchesPattern('garbage', u('https://webmail.x.nl/'))).toBe(false);
    expect(matchesPattern('https://Mail.X.nl/*', u('https://mail.x.nl/'))).toBe(true);
    expect(matchesPattern('https://mail.x.nl:443/*', u('https://mail.x.nl/'))).toBe(true);
    expect(matchesPattern('*://*/*', u('http://127.0.0.1:9000/?_task=mail'))).toBe(true);
    expect(matchesPattern('ftp://mail.x.nl/*', u('ftp://mail.x.nl/'))).toBe(false);
    expect(matchesPattern('https://mail.*.nl/*', u('https://mail.x.nl/'))).toBe(false);
    expect(matchesPattern('<all_urls>', u('https://anything.example/'))).toBe(true);
  });
});

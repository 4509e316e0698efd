// The network guard wired to the browser: declarativeNetRequest for the rules, webRequest
// (observing, never blocking) for what goes over the wire, tabs for telling the page,
// storage.session for releases a stopped worker must still know, cookies for planted routing
// cookies. Called synchronously at start of the service worker, so its listeners wake it.
import { browser } from 'wxt/browser';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { LiveOrigins } from '../../utils/browser/webmail/origins.ts';
import { networkOf, type WebmailName } from '../../utils/browser/webmail/registry.ts';
import { networkByOrigin } from '../../utils/browser/webmail/by-origin.ts';
import { sparingOwnRequests, type DnrRule, type WebmailNetwork } from '../../utils/browser/webmail/network.ts';
import { detectedWebmailsItem, guardStateItem } from '../../utils/browser/storage/items.ts';
import { WEBMAIL_NAMES } from '../../utils/core/messaging/schemas.ts';
import { randomHex } from '../../utils/core/messaging/bridge.ts';
import { createSendGuard, type GuardBrowserApi, type RequestDetails, type SendGuard } from './send-guard.ts';
import { watchRoutingCookies } from './cookie-guard.ts';

type Dnr = typeof browser.declarativeNetRequest;
const asRules = (rules: DnrRule[] | undefined) => rules as Parameters<Dnr['updateDynamicRules']>[0]['addRules'];
const details = (d: unknown) => d as RequestDetails;

export interface GuardHost {
  guard: SendGuard;
  /** Resolves once the default rules are in (releases wait for it). */
  ready: Promise<boolean>;
  /**
   * A content script recognised `name` on `origin`: guard that origin with its rules from now on.
   * Resolves once those rules are in (a second report of the same webmail waits for the first
   * one's install too): true when the guard is active.
   */
  detected(origin: string, name: WebmailName): Promise<boolean>;
}

/** The extension's own origin host: its requests (audit forwarding, records, policy) are not a page's. */
function ownHost(): string {
  try {
    return new URL(browser.runtime.getURL('/')).hostname;
  } catch {
    return '';
  }
}

const isName = (v: unknown): v is WebmailName => (WEBMAIL_NAMES as readonly unknown[]).includes(v);

/**
 * The guard's network: Roundcube's rules for every webmail host, and the detected webmail's own
 * on each origin a content script recognised another one on (utils/browser/webmail/by-origin.ts).
 */
function detectedNetworks() {
  const fallback = networkOf('roundcube');
  let origins: Record<string, WebmailName> = {};
  let current = networkByOrigin(fallback, new Map());
  const rebuild = () => {
    current = networkByOrigin(fallback, new Map(Object.entries(origins).map(([o, n]) => [o, networkOf(n)])));
  };
  const network: WebmailNetwork = {
    name: 'webmail',
    tokenParam: fallback.tokenParam,
    guardRules: (hosts, firstId) => sparingOwnRequests(current.guardRules(hosts, firstId), ownHost()),
    releaseRule: (id, token, tabId, hosts) => current.releaseRule(id, token, tabId, hosts),
    classify: (request) => current.classify(request),
    submission: (url, fields) => current.submission(url, fields),
    fieldsOfRawBody: (bytes, url) => current.fieldsOfRawBody(bytes, url),
  };
  const loaded = detectedWebmailsItem.getValue().then(
    (stored) => {
      origins = Object.fromEntries(Object.entries(stored ?? {}).filter((e): e is [string, WebmailName] => isName(e[1])));
      rebuild();
    },
    () => undefined,
  );
  return {
    network,
    loaded,
    /**
     * Changes the rules at once (call after `loaded`): null when nothing changed, else the write
     * of the change to storage. Synchronous, so the install that follows is queued before any
     * later report of the same origin can look.
     */
    set(origin: string, name: WebmailName): Promise<void> | null {
      const before = origins[origin] ?? 'roundcube';
      if (before === name) return null;
      if (name === 'roundcube') delete origins[origin];
      else origins[origin] = name;
      rebuild();
      return detectedWebmailsItem.setValue({ ...origins });
    },
  };
}

export function startSendGuard(audit: AuditStore, origins: LiveOrigins): GuardHost {
  const api: GuardBrowserApi = {
    updateDynamicRules: (u) => browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds: u.removeRuleIds, addRules: asRules(u.addRules) }),
    getDynamicRuleIds: async () => (await browser.declarativeNetRequest.getDynamicRules()).map((r) => r.id),
    updateSessionRules: (u) => browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: u.removeRuleIds, addRules: asRules(u.addRules) }),
    getSessionRuleIds: async () => (await browser.declarativeNetRequest.getSessionRules()).map((r) => r.id),
    notifyTab: async (tabId, frameId, notice) => {
      await browser.tabs.sendMessage(tabId, notice, { frameId });
    },
    sessionGet: async (key) => (await browser.storage.session.get(key))[key],
    sessionSet: (key, value) => browser.storage.session.set({ [key]: value }),
  };
  const webmails = detectedNetworks();
  const guard = createSendGuard({
    api,
    network: webmails.network,
    hosts: origins.hosts,
    audit,
    now: () => new Date(),
    newToken: () => randomHex(16),
    newEpoch: () => randomHex(6),
    ownOrigin: browser.runtime.getURL('/').replace(/\/+$/, ''),
  });
  // Every install's outcome is kept for the options page (the audit has the failures).
  let shown: string | null = null;
  const install = (): Promise<boolean> => {
    const done = guard.install();
    void done.then(() => {
      const state = { active: guard.active(), problem: guard.problem() };
      const key = JSON.stringify(state);
      if (key === shown) return;
      shown = key;
      return guardStateItem.setValue({ ...state, at: new Date().toISOString() });
    }).catch(() => undefined);
    return done;
  };
  // The rules wait for the first reading of the origins (until then nothing is released) and of
  // the webmails detected on them (by-origin rules), and follow every change of them (install()
  // replaces the rules).
  const ready = Promise.all([origins.ready, webmails.loaded]).then(install);
  origins.onChange(() => void install());
  browser.runtime.onInstalled.addListener(() => void origins.ready.then(install));

  // Observation of what goes over the wire, for the configured origins. The filter is fixed per
  // listener, so the listeners are added once the origins are read and again when they change:
  // a request made while the worker sleeps is still stopped by the rules, only not observed.
  const onBefore = (d: unknown) => {
    guard.onBeforeRequest(details(d));
    return undefined;
  };
  const onCompleted = (d: unknown) => guard.onCompleted(details(d));
  const onError = (d: unknown) => guard.onErrorOccurred(details(d));
  const observe = () => {
    browser.webRequest.onBeforeRequest.removeListener(onBefore);
    browser.webRequest.onCompleted.removeListener(onCompleted);
    browser.webRequest.onErrorOccurred.removeListener(onError);
    const urls = [...origins.patterns()];
    if (urls.length === 0) return;
    const filter = { urls };
    browser.webRequest.onBeforeRequest.addListener(onBefore, filter, ['requestBody']);
    browser.webRequest.onCompleted.addListener(onCompleted, filter);
    browser.webRequest.onErrorOccurred.addListener(onError, filter);
  };
  void origins.ready.then(observe);
  origins.onChange(observe);
  watchRoutingCookies(browser, origins.hosts, audit);
  return {
    guard,
    ready,
    async detected(origin, name) {
      await webmails.loaded;
      const write = webmails.set(origin, name);
      const active = await (write ? install() : guard.installed());
      if (write) {
        await write.catch(() => undefined);
        await audit.append('webmail-detected', { origin, webmail: name, guard: active }, new Date()).catch(() => undefined);
      }
      return active;
    },
  };
}

// The network guard wired to the browser: declarativeNetRequest for the rules, webRequest
// (observing, never blocking) for what goes over the wire, tabs for telling the page,
// storage.session for releases a stopped worker must still know, cookies for planted routing
// cookies. Called synchronously at start of the service worker, so its listeners wake it.
import { browser } from 'wxt/browser';
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import { webmailHosts, webmailPatterns } from '../../utils/browser/webmail/origins.ts';
import { networkOf } from '../../utils/browser/webmail/registry.ts';
import type { DnrRule } from '../../utils/browser/webmail/network.ts';
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
}

export function startSendGuard(audit: AuditStore): GuardHost {
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
  const guard = createSendGuard({
    api,
    network: networkOf('roundcube'),
    hosts: webmailHosts,
    audit,
    now: () => new Date(),
    newToken: () => randomHex(16),
    newEpoch: () => randomHex(6),
  });
  const ready = guard.install();
  const filter = { urls: webmailPatterns() };
  browser.webRequest.onBeforeRequest.addListener(
    (d) => {
      guard.onBeforeRequest(details(d));
      return undefined;
    },
    filter,
    ['requestBody'],
  );
  browser.webRequest.onCompleted.addListener((d) => guard.onCompleted(details(d)), filter);
  browser.webRequest.onErrorOccurred.addListener((d) => guard.onErrorOccurred(details(d)), filter);
  browser.runtime.onInstalled.addListener(() => void guard.install());
  watchRoutingCookies(browser, webmailHosts, audit);
  return { guard, ready };
}

// One WebmailNetwork for the network guard over every webmail origin, each origin with the rules
// and request reader of the webmail detected there. Pure: unit tested as data.
//
// Which webmail runs on an origin is learnt by detection (the content script recognises the page
// and says so, utils/browser/webmail/registry.ts); an origin nothing was detected on yet keeps
// the default webmail's rules (Roundcube's: every POST held unless pinned harmless), so a
// webmail the extension does not know yet is guarded as strictly as possible. Host names alone
// can't tell two webmails apart (DNR's requestDomains has no port, and a firm may run both on one
// host), so an origin with another webmail gets, above the default rules, an allow for that
// origin's paths of that webmail (`WebmailNetwork.paths`) and, above that, its own webmail's
// rules narrowed to the origin.
import type { Classified, DnrRule, ObservedRequest, Submission, WebmailNetwork } from './network.ts';
import { ALL_RESOURCE_TYPES } from './network.ts';

/** Rules per detected origin: the allow, then the webmail's own (at most this many). */
const PER_ORIGIN = 50;
/** Priorities above the default webmail's (1 to 3) and below releases (10). */
const ORIGIN_ALLOW = 4;
const ORIGIN_RULES = 5;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `https://mail.firm.nl:8443` for a URL (lowercase scheme and host, default ports dropped), or null. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function networkByOrigin(fallback: WebmailNetwork, detected: ReadonlyMap<string, WebmailNetwork>): WebmailNetwork {
  for (const n of detected.values()) {
    if (n.tokenParam !== fallback.tokenParam) throw new Error(`webmail ${n.name}: its release token parameter differs from ${fallback.name}'s`);
  }
  const of = (url: string): WebmailNetwork => {
    const o = originOf(url);
    return (o && detected.get(o)) || fallback;
  };
  const others = [...detected].filter(([, n]) => n !== fallback);

  return {
    name: fallback.name,
    tokenParam: fallback.tokenParam,

    guardRules(hosts: readonly string[], firstId: number): DnrRule[] {
      const rules = fallback.guardRules(hosts, firstId);
      let id = firstId + rules.length;
      for (const [origin, network] of others) {
        const host = new URL(origin).hostname;
        if (!hosts.includes(host) && !hosts.some((h) => host.endsWith(`.${h}`))) continue;
        const prefix = `^${escapeRe(origin)}/`;
        const own = network.guardRules([host], id + 1).slice(0, PER_ORIGIN - 1);
        // Only the detected webmail's own paths are opened: a page that merely claims to be that
        // webmail (its DOM is the page's) does not take the default rules off the rest.
        const paths = network.paths ?? '';
        rules.push({ id, priority: ORIGIN_ALLOW, action: { type: 'allow' }, condition: { regexFilter: `${prefix}${paths}`, requestDomains: [host], resourceTypes: [...ALL_RESOURCE_TYPES] } });
        for (const r of own) {
          const inner = r.condition.regexFilter ? `.*${r.condition.regexFilter}` : '';
          rules.push({ ...r, priority: ORIGIN_RULES + r.priority, condition: { ...r.condition, regexFilter: `${prefix}${inner}` } });
        }
        id += PER_ORIGIN;
      }
      return rules;
    },

    releaseRule: (id, token, tabId, hosts) => fallback.releaseRule(id, token, tabId, hosts),
    classify: (request: ObservedRequest): Classified => of(request.url).classify(request),
    submission: (url: string, fields: readonly (readonly [string, string])[]): Promise<Submission | null> => of(url).submission(url, fields),
    fieldsOfRawBody: (bytes: Uint8Array, url?: string) => (url ? of(url) : fallback).fieldsOfRawBody(bytes, url),
  };
}

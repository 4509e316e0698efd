// The network half of a webmail adapter: what the background enforces and observes for one
// webmail, whatever the page does. Webmail-neutral types here; each webmail supplies its own
// `WebmailNetwork` (utils/browser/webmail/<name>/network.ts). Pure: no browser API, so the rules
// and the request parser are unit tested as data.
//
// The contract every implementation keeps:
// - `guardRules` block, by default, every request that could make the webmail deliver a message
//   (send, redirect/bounce, any spelling, any frame, any request type), while the webmail's other
//   requests keep working;
// - `releaseRule` lets exactly the one request through that carries the release token, from the
//   tab it was issued to; the background removes it as soon as that request is seen;
// - `classify` says what an observed request is, from its URL and body as the server will read
//   them; `submission` describes a release request so that what left can be compared with what
//   was checked.
import type { Submission } from '../../core/messaging/protocol.ts';
export type { Submission } from '../../core/messaging/protocol.ts';

/** declarativeNetRequest rule, as plain data (the subset we use). */
export interface DnrRule {
  id: number;
  priority: number;
  action:
    | { type: 'block' | 'allow' }
    | { type: 'modifyHeaders'; requestHeaders: { header: string; operation: 'append' | 'set' | 'remove'; value?: string }[] };
  condition: {
    regexFilter?: string;
    requestDomains?: string[];
    excludedInitiatorDomains?: string[];
    requestMethods?: string[];
    resourceTypes?: string[];
    tabIds?: number[];
  };
}

/** Chromium's resource types (its declarativeNetRequest.ResourceType), for where there is no browser to ask (unit tests). */
const CHROMIUM_RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'other',
] as const;

/**
 * Every resource type of this browser's declarativeNetRequest (a rule without them would skip
 * main_frame requests). Read from its ResourceType enum: the lists differ, and a type the browser
 * does not know makes it refuse the whole rule set (Firefox 153 has no webtransport or webbundle,
 * which left its network guard uninstalled; it has beacon, object_subrequest, json and more).
 */
export const ALL_RESOURCE_TYPES: readonly string[] = (() => {
  const dnr = (globalThis as { chrome?: { declarativeNetRequest?: { ResourceType?: Record<string, string> } } }).chrome?.declarativeNetRequest;
  const known = dnr?.ResourceType ? Object.values(dnr.ResourceType).filter((t) => typeof t === 'string') : [];
  return known.length > 0 ? known : [...CHROMIUM_RESOURCE_TYPES];
})();

/** The query parameter a release adds to its request URL, the same for every webmail. */
export const RELEASE_TOKEN_PARAM = '_rgt';

/**
 * Canonical text of a submission for its digest, for every webmail: the URL without the release
 * token, the fields sorted by name (stable, so equal names keep their order), as JSON. The content
 * script digests the request it is about to make, the guard the one it saw leave.
 */
export function submissionText(url: string, fields: readonly (readonly [string, string])[]): string {
  let clean = url;
  try {
    const u = new URL(url);
    u.searchParams.delete(RELEASE_TOKEN_PARAM);
    clean = u.href;
  } catch {
    // kept as is: a malformed URL simply won't match
  }
  const sorted = fields.map(([k, v]) => [k, v] as const).toSorted((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify({ url: clean, fields: sorted });
}
/** A release token: 32 lowercase hex digits (the background's one-time token). */
const RELEASE_TOKEN_RE = /^[0-9a-f]{32}$/;

/**
 * The session rule that lets exactly the one release request through: a POST by XHR to the
 * webmail's hosts, from the tab the token was issued to, with the token in its query.
 */
export function tabBoundReleaseRule(id: number, token: string, tabId: number, hosts: readonly string[]): DnrRule {
  if (!RELEASE_TOKEN_RE.test(token)) throw new Error('release token malformed');
  return {
    id,
    priority: 10,
    action: { type: 'allow' },
    condition: {
      regexFilter: `[?&]${RELEASE_TOKEN_PARAM}=${token}(?:&|$)`,
      requestDomains: [...hosts],
      requestMethods: ['post'],
      resourceTypes: ['xmlhttprequest'],
      tabIds: [tabId],
    },
  };
}

/** The release token of a request URL: exactly one well-formed token, else null. */
export function releaseTokenOf(url: string): string | null {
  try {
    const t = new URL(url).searchParams.getAll(RELEASE_TOKEN_PARAM);
    return t.length === 1 && RELEASE_TOKEN_RE.test(t[0]!) ? t[0]! : null;
  } catch {
    return null;
  }
}

/** A request as webRequest reports it; `body` is null when its body could not be read. */
export interface ObservedRequest {
  url: string;
  method: string;
  /** Form fields in order when the body is a form; null for no body or an unreadable one. */
  body: (readonly [string, string])[] | null;
  /** Whether a body was present at all (a body we can't read is not "no body"). */
  hasBody: boolean;
}


export type Classified =
  /** Carries a release token: one of ours (still to be matched against a pending release). */
  | { kind: 'release'; token: string }
  /** Would make the webmail deliver mail (a send or a redirect/bounce), token or not. */
  | { kind: 'delivery'; route: string; composeKey: string | null; recipients: string[] }
  /** A draft save (or save-only): stores, never delivers. */
  | { kind: 'draft'; composeKey: string | null }
  /** Changes what a compose session will send (attachments added, removed, renamed). `null`: any session. */
  | { kind: 'session-change'; composeKey: string | null }
  | { kind: 'other' };

export interface WebmailNetwork {
  readonly name: string;
  /** The query parameter a release adds to its request URL. */
  readonly tokenParam: string;
  /**
   * Where the webmail's own requests are on its origin, as a regex fragment after `origin/`
   * (SOGo: `SOGo/…`); absent: the whole origin. Used where the webmail shares a host with another
   * (./by-origin.ts).
   */
  readonly paths?: string;
  /** Default rules for the webmail's hosts, ids from `firstId` up. */
  guardRules(hosts: readonly string[], firstId: number): DnrRule[];
  /** Lets the one request through that carries `token`, from tab `tabId`. */
  releaseRule(id: number, token: string, tabId: number, hosts: readonly string[]): DnrRule;
  classify(request: ObservedRequest): Classified;
  /** A release request's content; null when it is not a submission of this webmail. */
  submission(url: string, fields: readonly (readonly [string, string])[]): Promise<Submission | null>;
  /** Fields of a request body webRequest gave as raw bytes (a form; SOGo: its JSON); null when unreadable. */
  fieldsOfRawBody(bytes: Uint8Array, url?: string): (readonly [string, string])[] | null;
}

/**
 * The guard's block rules with the extension's own requests left out (its audit collector, its
 * records and policy URLs may live on a webmail host). `ownHost` is the host of the extension's
 * own origin (the extension id in Chromium, the internal UUID in Firefox): a page's requests,
 * its workers' and its frames' never carry that initiator, so nothing a page does gets through.
 */
export function sparingOwnRequests(rules: readonly DnrRule[], ownHost: string): DnrRule[] {
  if (!ownHost) return [...rules];
  return rules.map((r) =>
    r.action.type === 'block' ? { ...r, condition: { ...r.condition, excludedInitiatorDomains: [ownHost] } } : r,
  );
}

/** The host names DNR's requestDomains takes from the webmail's match patterns (`*://*.x.nl/*` → x.nl). */
export function hostsOfPatterns(patterns: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const p of patterns) {
    const m = /^(?:\*|https?):\/\/(\*\.)?([^/:*]+)(?::[0-9*]+)?\//.exec(p.trim());
    if (m) hosts.add(m[2]!.toLowerCase());
  }
  return [...hosts];
}

/** SHA-256 hex of a text (Web Crypto: same in the content script, the service worker and Node). */
export async function sha256OfText(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let s = '';
  for (const b of new Uint8Array(d)) s += b.toString(16).padStart(2, '0');
  return s;
}

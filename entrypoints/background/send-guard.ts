// The network guard: what leaves the webmail is what was checked, whatever the page does.
//
// - At start the webmail adapter's rules go in as dynamic declarativeNetRequest rules: every
//   request that could make the webmail deliver (send, redirect) is blocked by default, from
//   every frame and request type (utils/browser/webmail/<name>/network.ts says how).
// - A release (`release` request from the content script after an allow verdict, or for a draft
//   save) gets a one-time token and a session rule that lets exactly one request with that token
//   through, from that tab. The rule is removed as soon as the request is seen.
// - webRequest observes (never blocks) every request to the webmail: a release request is
//   compared with what was checked (recipients, attachments, the whole request's digest, the
//   compose session unchanged since the check) and audited with what actually left; a request
//   the rules stopped is audited and the tab is told in one sentence; uploads and removals of
//   attachments, in any tab or frame, bump the compose session's generation, so a release is
//   refused when the session changed after the check read it.
// State that must outlive a stopped service worker (pending releases) is kept in
// storage.session; the generation counters restart with a fresh epoch, which makes every
// earlier reading stale (fail closed: the content script reads the session again).
import type { AuditStore } from '../../utils/browser/storage/audit-store.ts';
import type { DnrRule, ObservedRequest, WebmailNetwork } from '../../utils/browser/webmail/network.ts';
import type { GuardNotice, ReleaseRequest, SessionAttachment, Submission } from '../../utils/core/messaging/protocol.ts';

/** Ids of the guard's dynamic rules (the adapter's default rules) and session rules (releases). */
export const GUARD_RULE_BASE = 1000;
export const RELEASE_RULE_BASE = 100_000;
const RELEASE_RULE_SPAN = 100_000;
/** A release not used within this time is withdrawn. */
const RELEASE_TTL_MS = 30_000;
const STORE_KEY = 'reportguard.guard.releases';

export interface RuleUpdate {
  removeRuleIds?: number[];
  addRules?: DnrRule[];
}

export interface GuardBrowserApi {
  updateDynamicRules(update: RuleUpdate): Promise<void>;
  getDynamicRuleIds(): Promise<number[]>;
  updateSessionRules(update: RuleUpdate): Promise<void>;
  getSessionRuleIds(): Promise<number[]>;
  notifyTab(tabId: number, frameId: number, notice: GuardNotice): Promise<void>;
  sessionGet(key: string): Promise<unknown>;
  sessionSet(key: string, value: unknown): Promise<void>;
}

/** The parts of a webRequest event the guard reads. */
export interface RequestDetails {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  type?: string;
  requestBody?: { formData?: Record<string, string[]>; raw?: { bytes?: ArrayBuffer }[]; error?: string } | null;
  statusCode?: number;
  error?: string;
  /** Chromium: the origin that made the request. */
  initiator?: string;
  /** Firefox: the URL of the document or worker that made it. */
  originUrl?: string;
}

export interface SendGuardDeps {
  api: GuardBrowserApi;
  network: WebmailNetwork;
  /** The webmail hosts, from the one place that knows them (utils/browser/webmail/origins.ts). */
  hosts(): readonly string[];
  audit: AuditStore;
  now(): Date;
  /** 16 random bytes as hex. */
  newToken(): string;
  /** Random text that makes generations of this worker's life distinct from earlier ones. */
  newEpoch(): string;
  /**
   * The extension's own origin (`chrome-extension://<id>`): its requests (audit forwarding,
   * records and policy fetches) are not the webmail's, even on a webmail host, and are not
   * observed — auditing the forwarding of an audit entry would feed itself.
   */
  ownOrigin?: string;
}

interface PendingRelease {
  token: string;
  ruleId: number;
  tabId: number;
  composeKey: string;
  checkId: string | null;
  submission: Submission;
  attachments: SessionAttachment[];
  generation: string;
  issuedAt: number;
  /** Set once the one request was seen. */
  seenRequestId?: string;
}

export interface SendGuard {
  /** Installs (or refreshes) the default rules; true when they are in place. */
  install(): Promise<boolean>;
  /** Resolves with active() once every install asked for so far has finished. */
  installed(): Promise<boolean>;
  active(): boolean;
  /** Why the last install left the guard inactive (one line, the browser's words), or null. */
  problem(): string | null;
  issueRelease(request: ReleaseRequest, tabId: number): Promise<{ ok: true; token: string } | { ok: false; error: string }>;
  sessionState(composeKey: string): { generation: string; busy: boolean };
  onBeforeRequest(details: RequestDetails): void;
  onCompleted(details: RequestDetails): void;
  onErrorOccurred(details: RequestDetails): void;
  /** Resolves when every audit write and rule update started so far is done (tests). */
  settled(): Promise<void>;
}

export function createSendGuard(deps: SendGuardDeps): SendGuard {
  const { api, network } = deps;
  const epoch = deps.newEpoch();
  let installed = false;
  const pending = new Map<string, PendingRelease>();
  let loaded: Promise<void> | null = null;
  let nextRuleId = RELEASE_RULE_BASE + Math.floor(Math.random() * (RELEASE_RULE_SPAN / 2));
  const generations = new Map<string, number>();
  let allGeneration = 0;
  const inFlight = new Map<string, Set<string>>(); // composeKey ('*' = any) → requestIds
  const watched = new Map<string, { kind: 'release'; token: string } | { kind: 'stopped'; notice: GuardNotice['notice']; route: string; composeKey: string | null; recipients: string[] } | { kind: 'session'; composeKey: string | null }>();
  let work: Promise<unknown> = Promise.resolve();
  const track = (p: Promise<unknown>): void => {
    work = Promise.all([work, p.catch(() => undefined)]);
  };

  function load(): Promise<void> {
    loaded ??= (async () => {
      const stored = await api.sessionGet(STORE_KEY).catch(() => undefined);
      if (Array.isArray(stored)) for (const r of stored as PendingRelease[]) if (r && typeof r.token === 'string') pending.set(r.token, r);
    })();
    return loaded;
  }

  async function persist(): Promise<void> {
    await api.sessionSet(STORE_KEY, [...pending.values()]);
  }

  function generationOf(composeKey: string): string {
    return `${epoch}.${allGeneration}.${generations.get(composeKey) ?? 0}`;
  }

  function busy(composeKey: string): boolean {
    return (inFlight.get(composeKey)?.size ?? 0) > 0 || (inFlight.get('*')?.size ?? 0) > 0;
  }

  /**
   * A watched request has ended (completed or failed): forgotten, and a session change's end counted
   * (the session's generation moves again). Returns what is left to do: a release or a stopped send.
   */
  function finished(requestId: string) {
    const w = watched.get(requestId);
    if (!w) return null;
    watched.delete(requestId);
    if (w.kind !== 'session') return w;
    inFlight.get(w.composeKey ?? '*')?.delete(requestId);
    bump(w.composeKey);
    return null;
  }

  function bump(composeKey: string | null): void {
    if (composeKey === null) allGeneration++;
    else generations.set(composeKey, (generations.get(composeKey) ?? 0) + 1);
  }

  async function withdraw(token: string): Promise<void> {
    const r = pending.get(token);
    if (!r) return;
    pending.delete(token);
    await api.updateSessionRules({ removeRuleIds: [r.ruleId] }).catch(() => undefined);
    await persist().catch(() => undefined);
  }

  const own = deps.ownOrigin?.replace(/\/+$/, '') ?? '';
  /** Made by the extension itself (a page can't set these: the browser does). */
  function ownRequest(d: RequestDetails): boolean {
    if (!own) return false;
    const from = d.initiator ?? d.originUrl ?? '';
    return from === own || from.startsWith(`${own}/`);
  }

  function observedOf(details: RequestDetails): ObservedRequest {
    const body = details.requestBody;
    let fields: (readonly [string, string])[] | null = null;
    if (body?.formData) {
      fields = [];
      for (const [k, values] of Object.entries(body.formData)) for (const v of values) fields.push([k, v]);
    } else if (body?.raw && body.raw.every((p) => p.bytes)) {
      fields = network.fieldsOfRawBody(concat(body.raw.map((p) => new Uint8Array(p.bytes!))), details.url);
    }
    return { url: details.url, method: details.method, body: fields, hasBody: !!body };
  }

  function append(type: string, data: Record<string, unknown>): void {
    track(deps.audit.append(type, data as never, deps.now()));
  }

  function notify(details: RequestDetails, notice: GuardNotice): void {
    if (details.tabId < 0) return;
    const frame = details.frameId >= 0 ? details.frameId : 0;
    track(api.notifyTab(details.tabId, frame, notice).catch(() => (frame !== 0 ? api.notifyTab(details.tabId, 0, notice) : undefined)));
  }

  async function compareRelease(details: RequestDetails, token: string): Promise<void> {
    await load();
    const release = pending.get(token);
    if (!release) {
      // A token we did not issue, or one already used: the rules hold that request.
      append('send-stopped', { reason: 'unknown-token', tabId: details.tabId, url: redactUrl(details.url, network.tokenParam) });
      return;
    }
    if (release.seenRequestId && release.seenRequestId !== details.requestId) {
      append('send-stopped', { reason: 'token-reused', composeKey: release.composeKey, checkId: release.checkId });
      return;
    }
    release.seenRequestId = details.requestId;
    // Exactly one request: the rule goes at once.
    await withdraw(token);
    const observed = observedOf(details);
    const seen = observed.body ? await network.submission(details.url, observed.body) : null;
    const differences: string[] = [];
    if (!seen) differences.push('unreadable');
    else {
      const want = release.submission;
      if (seen.mode !== want.mode) differences.push('mode');
      if (seen.composeKey !== want.composeKey) differences.push('compose');
      if (seen.recipients.join('\n') !== want.recipients.join('\n')) differences.push('recipients');
      if (seen.attachmentIds.join(',') !== want.attachmentIds.join(',')) differences.push('attachments');
      if (seen.digest !== want.digest) differences.push('content');
    }
    if (details.tabId !== release.tabId) differences.push('tab');
    if (generationOf(release.composeKey) !== release.generation || busy(release.composeKey)) differences.push('session');
    const matched = differences.length === 0;
    append(release.submission.mode === 'draft' ? 'draft-observed' : 'send-observed', {
      checkId: release.checkId,
      composeKey: release.composeKey,
      // What left, from the request itself; the attachments the compose session held (the
      // webmail sends all of them) with the hashes the check saw.
      to: seen?.recipients ?? [],
      attachmentIds: seen?.attachmentIds ?? [],
      attachments: release.attachments.map((a) => ({ id: a.id, sha256: a.sha256 })),
      matched,
      differences,
    });
    if (!matched) notify(details, { kind: 'guard-notice', notice: 'mismatch', composeKey: release.composeKey, differences });
    watched.set(details.requestId, { kind: 'release', token });
  }

  // Installs run one after another (start-up and onInstalled both ask for one): two at once
  // would each add the same rule ids, and the second would fail.
  let installing: Promise<boolean> = Promise.resolve(false);
  let problem: string | null = null;

  /**
   * Records the outcome of an install: a failure is audited with the browser's reason (a rule set
   * the browser refuses leaves every send held: the privacy officer and the admin must see why),
   * and so is the first success after one.
   */
  function settle(ok: boolean, reason: string | null, hosts: readonly string[]): boolean {
    const before = problem;
    installed = ok;
    problem = ok ? null : reason;
    if (!ok && reason !== before) append('guard-install-failed', { reason, hosts: [...hosts] });
    if (ok && before !== null) append('guard-installed', { hosts: [...hosts], after: before });
    return ok;
  }

  async function installNow(): Promise<boolean> {
    const hosts = deps.hosts();
    let rules: DnrRule[];
    try {
      rules = network.guardRules(hosts, GUARD_RULE_BASE);
    } catch (e) {
      return settle(false, `the rules could not be made: ${firstLine(e)}`, hosts);
    }
    try {
      const old = (await api.getDynamicRuleIds()).filter((id) => id >= GUARD_RULE_BASE && id < RELEASE_RULE_BASE);
      await api.updateDynamicRules({ removeRuleIds: old, addRules: rules });
      // Releases of an earlier life of the worker are void.
      const stale = (await api.getSessionRuleIds()).filter((id) => id >= RELEASE_RULE_BASE);
      await load();
      const live = new Set([...pending.values()].map((r) => r.ruleId));
      const dead = stale.filter((id) => !live.has(id));
      if (dead.length) await api.updateSessionRules({ removeRuleIds: dead });
    } catch (e) {
      return settle(false, `the browser refused the rules: ${firstLine(e)}`, hosts);
    }
    return rules.length > 0 ? settle(true, null, hosts) : settle(false, 'no webmail origin to guard', hosts);
  }

  return {
    install() {
      installing = installing.then(installNow, installNow);
      return installing;
    },

    installed: () => installing.then(() => installed, () => installed),

    active: () => installed,

    problem: () => problem,

    async issueRelease(request, tabId) {
      if (!installed) return { ok: false, error: 'the network guard is not active' };
      if (tabId < 0) return { ok: false, error: 'a release needs a tab' };
      await load();
      if (request.submission.mode === 'send') {
        if (generationOf(request.composeKey) !== request.generation || busy(request.composeKey)) {
          return { ok: false, error: 'session-changed' };
        }
      }
      if (request.submission.composeKey !== request.composeKey) return { ok: false, error: 'release for another compose session' };
      const token = deps.newToken();
      const ruleId = nextRuleId++;
      if (nextRuleId >= RELEASE_RULE_BASE + RELEASE_RULE_SPAN) nextRuleId = RELEASE_RULE_BASE;
      const release: PendingRelease = {
        token,
        ruleId,
        tabId,
        composeKey: request.composeKey,
        checkId: request.checkId ?? null,
        submission: request.submission,
        attachments: request.attachments,
        generation: generationOf(request.composeKey),
        issuedAt: deps.now().getTime(),
      };
      try {
        await api.updateSessionRules({ addRules: [network.releaseRule(ruleId, token, tabId, deps.hosts())] });
      } catch (e) {
        return { ok: false, error: `release rule refused: ${firstLine(e)}` };
      }
      pending.set(token, release);
      await persist();
      setTimeout(() => void withdraw(token), RELEASE_TTL_MS);
      return { ok: true, token };
    },

    sessionState(composeKey) {
      return { generation: generationOf(composeKey), busy: busy(composeKey) };
    },

    onBeforeRequest(details) {
      if (ownRequest(details)) return;
      const observed = observedOf(details);
      const c = network.classify(observed);
      switch (c.kind) {
        case 'release':
          track(compareRelease(details, c.token));
          break;
        case 'delivery':
          watched.set(details.requestId, {
            kind: 'stopped',
            notice: c.route === 'bounce' ? 'bounce-stopped' : 'send-stopped',
            route: c.route,
            composeKey: c.composeKey,
            recipients: c.recipients,
          });
          break;
        case 'draft':
          watched.set(details.requestId, { kind: 'stopped', notice: 'draft-stopped', route: 'draft', composeKey: c.composeKey, recipients: [] });
          break;
        case 'session-change': {
          const key = c.composeKey ?? '*';
          let set = inFlight.get(key);
          if (!set) inFlight.set(key, (set = new Set()));
          set.add(details.requestId);
          bump(c.composeKey);
          // A send released for this session must not go out with what this changes: withdraw it.
          for (const r of pending.values()) {
            if (r.submission.mode === 'send' && !r.seenRequestId && (c.composeKey === null || c.composeKey === r.composeKey)) track(withdraw(r.token));
          }
          watched.set(details.requestId, { kind: 'session', composeKey: c.composeKey });
          break;
        }
        case 'other':
          break;
      }
    },

    onCompleted(details) {
      const w = finished(details.requestId);
      if (!w) return;
      if (w.kind === 'release') {
        append('send-result', { requestId: details.requestId, status: details.statusCode ?? null });
      } else {
        // The default rule should have held it: say so loudly.
        append('send-unguarded', { route: w.route, composeKey: w.composeKey, to: w.recipients, status: details.statusCode ?? null });
        notify(details, { kind: 'guard-notice', notice: 'mismatch', composeKey: w.composeKey, differences: ['unguarded'] });
      }
    },

    onErrorOccurred(details) {
      const w = finished(details.requestId);
      if (!w) return;
      if (w.kind === 'release') {
        append('send-result', { requestId: details.requestId, status: null, error: details.error ?? 'failed' });
      } else {
        append(w.notice === 'draft-stopped' ? 'draft-stopped' : 'send-stopped', {
          route: w.route,
          composeKey: w.composeKey,
          to: w.recipients,
          tabId: details.tabId,
          frameType: details.type ?? null,
          error: details.error ?? null,
        });
        notify(details, { kind: 'guard-notice', notice: w.notice, composeKey: w.composeKey });
      }
    },

    async settled() {
      let before: Promise<unknown>;
      do {
        before = work;
        await before;
      } while (before !== work);
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A URL for the audit without any token in it. */
function redactUrl(url: string, tokenParam: string): string {
  try {
    const u = new URL(url);
    u.searchParams.delete(tokenParam);
    return `${u.origin}${u.pathname}${u.search}`.slice(0, 500);
  } catch {
    return '';
  }
}

/** The first line of an error's message, at most 300 characters. */
function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n')[0] ?? '').trim().slice(0, 300) || 'unknown error';
}

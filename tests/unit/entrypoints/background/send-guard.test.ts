// The network guard with a fake declarativeNetRequest, fake tabs and the real audit log: rules at
// start, one-time releases (refused when the session moved on, withdrawn on first sight or on a
// session change), what left compared with what was checked, held requests audited and told.
import { describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { createSendGuard, GUARD_RULE_BASE, type GuardBrowserApi, type RequestDetails } from '../../../../entrypoints/background/send-guard.ts';
import { roundcubeNetwork, submission } from '../../../../utils/browser/webmail/roundcube/network.ts';
import { createAuditStore } from '../../../../utils/browser/storage/audit-store.ts';
import type { DnrRule } from '../../../../utils/browser/webmail/network.ts';
import type { GuardNotice, ReleaseRequest } from '../../../../utils/core/messaging/protocol.ts';

const HOST = 'http://127.0.0.1:8000';
const SEND_URL = `${HOST}/?_task=mail&_action=send&_id=c1&_framed=1`;
const FIELDS: [string, string][] = [
  ['_id', 'c1'],
  ['_to', 'hr@werkgever-a.nl'],
  ['_attachments', '11'],
  ['_draft', ''],
  ['_action', 'send'],
  ['_task', 'mail'],
];

function setup(options: { hosts?: string[] } = {}) {
  const dynamic = new Map<number, DnrRule>();
  const session = new Map<number, DnrRule>();
  const store = new Map<string, unknown>();
  const notices: { tabId: number; frameId: number; notice: GuardNotice }[] = [];
  const api: GuardBrowserApi = {
    async updateDynamicRules(u) {
      for (const id of u.removeRuleIds ?? []) dynamic.delete(id);
      for (const r of u.addRules ?? []) {
        if (dynamic.has(r.id)) throw new Error(`Rule with id ${r.id} already exists`);
        dynamic.set(r.id, r);
      }
    },
    getDynamicRuleIds: async () => [...dynamic.keys()],
    async updateSessionRules(u) {
      for (const id of u.removeRuleIds ?? []) session.delete(id);
      for (const r of u.addRules ?? []) session.set(r.id, r);
    },
    getSessionRuleIds: async () => [...session.keys()],
    notifyTab: async (tabId, frameId, notice) => {
      notices.push({ tabId, frameId, notice });
    },
    sessionGet: async (k) => store.get(k),
    sessionSet: async (k, v) => {
      store.set(k, structuredClone(v));
    },
  };
  const audit = createAuditStore({ factory: new IDBFactory(), name: 'guard' });
  let n = 0;
  const guard = createSendGuard({
    api,
    network: roundcubeNetwork,
    hosts: () => options.hosts ?? ['127.0.0.1'],
    audit,
    now: () => new Date('2026-11-25T12:00:00Z'),
    newToken: () => (++n).toString(16).padStart(32, '0'),
    newEpoch: () => 'e1',
    ownOrigin: 'chrome-extension://jicjlfjabgamkickjndbcnbeolbegiml',
  });
  let rid = 0;
  const request = (url: string, fields: [string, string][] | null, extra: Partial<RequestDetails> = {}): RequestDetails => ({
    requestId: String(++rid),
    url,
    method: 'POST',
    tabId: 3,
    frameId: 0,
    type: 'xmlhttprequest',
    requestBody: fields ? { formData: Object.fromEntries(groupBy(fields)) } : null,
    ...extra,
  });
  const releaseRequest = async (overrides: Partial<ReleaseRequest> = {}): Promise<ReleaseRequest> => ({
    kind: 'release',
    composeKey: 'c1',
    checkId: 'chk-1',
    submission: (await submission(SEND_URL, FIELDS))!,
    generation: guard.sessionState('c1').generation,
    attachments: [{ id: 'rcmfile11', name: 'rapport.pdf', sha256: 'ab'.repeat(32) }],
    ...overrides,
  });
  const entries = async () => (await audit.all()).map((e) => ({ type: e.type, data: e.data }));
  return { guard, api, dynamic, session, store, notices, request, releaseRequest, entries };
}

function groupBy(fields: [string, string][]): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const [k, v] of fields) m.set(k, [...(m.get(k) ?? []), v]);
  return [...m];
}

describe('send guard', () => {
  it('installs the webmail rules at start, once even when asked twice at once', async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.guard.install(), t.guard.install()]);
    expect([a, b]).toEqual([true, true]);
    expect(t.guard.active()).toBe(true);
    expect([...t.dynamic.keys()].every((id) => id >= GUARD_RULE_BASE)).toBe(true);
    expect(t.dynamic.get(GUARD_RULE_BASE)!.action.type).toBe('block');
  });

  it("keeps the browser's reason when it refuses the rules, audits it once, and the recovery", async () => {
    const t = setup();
    const real = t.api.updateDynamicRules;
    t.api.updateDynamicRules = async () => {
      throw new Error("Rule with id 1000 specifies an incorrect value for the \"resourceTypes\" key.\n  at stack");
    };
    expect(await t.guard.install()).toBe(false);
    expect(await t.guard.install()).toBe(false);
    expect(t.guard.active()).toBe(false);
    expect(t.guard.problem()).toBe('the browser refused the rules: Rule with id 1000 specifies an incorrect value for the "resourceTypes" key.');
    expect(await t.guard.issueRelease(await t.releaseRequest(), 3)).toEqual({ ok: false, error: 'the network guard is not active' });
    t.api.updateDynamicRules = real;
    expect(await t.guard.install()).toBe(true);
    expect(t.guard.problem()).toBeNull();
    await t.guard.settled();
    const installs = (await t.entries()).filter((e) => e.type.startsWith('guard-install'));
    expect(installs).toEqual([
      { type: 'guard-install-failed', data: { reason: expect.stringContaining('"resourceTypes" key.'), hosts: ['127.0.0.1'] } },
      { type: 'guard-installed', data: { hosts: ['127.0.0.1'], after: expect.stringContaining('the browser refused the rules') } },
    ]);
  });

  it('is not active without a webmail origin to guard, and says so', async () => {
    const t = setup({ hosts: [] });
    expect(await t.guard.install()).toBe(false);
    expect(t.guard.problem()).toBe('no webmail origin to guard');
  });

  it('lets a caller wait for the installs already asked for', async () => {
    const t = setup();
    let release!: () => void;
    const real = t.api.updateDynamicRules;
    t.api.updateDynamicRules = async (u) => {
      await new Promise<void>((r) => (release = r));
      return real(u);
    };
    const first = t.guard.install();
    const waited = t.guard.installed();
    let seen: boolean | null = null;
    void waited.then((v) => (seen = v));
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toBeNull();
    release();
    expect(await first).toBe(true);
    expect(await waited).toBe(true);
  });

  it('refuses releases until the rules are in, and for a session that moved on', async () => {
    const t = setup();
    expect(await t.guard.issueRelease(await t.releaseRequest(), 3)).toEqual({ ok: false, error: 'the network guard is not active' });
    await t.guard.install();
    const req = await t.releaseRequest();
    // An upload to the session (any tab) after the check read it.
    t.guard.onBeforeRequest(t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []));
    expect(await t.guard.issueRelease(req, 3)).toEqual({ ok: false, error: 'session-changed' });
    expect(t.guard.sessionState('c1').busy).toBe(true);
    t.guard.onCompleted({ ...t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []), requestId: '1' });
    expect(t.guard.sessionState('c1').busy).toBe(false);
    expect((await t.guard.issueRelease(await t.releaseRequest(), 3)).ok).toBe(true);
  });

  it('a session change that fails ends as one that completes: the session is no longer busy, and its generation moved', async () => {
    const t = setup();
    await t.guard.install();
    const before = t.guard.sessionState('c1').generation;
    t.guard.onBeforeRequest(t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []));
    expect(t.guard.sessionState('c1').busy).toBe(true);
    t.guard.onErrorOccurred({ ...t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []), requestId: '1', error: 'net::ERR_CONNECTION_RESET' });
    const after = t.guard.sessionState('c1');
    expect(after.busy).toBe(false);
    expect(after.generation).not.toBe(before);
    expect((await t.guard.issueRelease(await t.releaseRequest(), 3)).ok).toBe(true);
    // A second end of the same request changes nothing.
    t.guard.onErrorOccurred({ ...t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []), requestId: '1', error: 'net::ERR_CONNECTION_RESET' });
    expect(t.guard.sessionState('c1').generation).toBe(after.generation);
  });

  it('lets one request through and compares it with what was checked: match → audited as what left', async () => {
    const t = setup();
    await t.guard.install();
    const r = await t.guard.issueRelease(await t.releaseRequest(), 3);
    if (!r.ok) throw new Error(r.error);
    expect(t.session.size).toBe(1);
    expect([...t.session.values()][0]!.condition.tabIds).toEqual([3]);
    t.guard.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${r.token}`, FIELDS));
    await t.guard.settled();
    // The rule is gone as soon as the request was seen.
    expect(t.session.size).toBe(0);
    const observed = (await t.entries()).find((e) => e.type === 'send-observed')!;
    expect(observed.data).toMatchObject({ checkId: 'chk-1', composeKey: 'c1', to: ['hr@werkgever-a.nl'], attachmentIds: ['11'], matched: true, differences: [] });
    expect(observed.data.attachments).toEqual([{ id: 'rcmfile11', sha256: 'ab'.repeat(32) }]);
    expect(t.notices).toEqual([]);
  });

  it('a released request that differs from the check is audited as a mismatch and the tab is told', async () => {
    const t = setup();
    await t.guard.install();
    const r = await t.guard.issueRelease(await t.releaseRequest(), 3);
    if (!r.ok) throw new Error(r.error);
    t.guard.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${r.token}`, [...FIELDS, ['_bcc', 'stil@gmail.com']]));
    await t.guard.settled();
    const observed = (await t.entries()).find((e) => e.type === 'send-observed')!;
    expect(observed.data.matched).toBe(false);
    expect(observed.data.differences).toEqual(['recipients', 'content']);
    expect(observed.data.to).toEqual(['hr@werkgever-a.nl', 'stil@gmail.com']);
    expect(t.notices).toEqual([{ tabId: 3, frameId: 0, notice: { kind: 'guard-notice', notice: 'mismatch', composeKey: 'c1', differences: ['recipients', 'content'] } }]);
  });

  it('a session change while a send is released withdraws it before its request', async () => {
    const t = setup();
    await t.guard.install();
    const r = await t.guard.issueRelease(await t.releaseRequest(), 3);
    expect(r.ok).toBe(true);
    t.guard.onBeforeRequest(t.request(`${HOST}/?_task=mail&_action=upload&_id=c1`, []));
    await t.guard.settled();
    expect(t.session.size).toBe(0);
  });

  it('a token used twice, or one never issued, is audited as stopped', async () => {
    const t = setup();
    await t.guard.install();
    const r = await t.guard.issueRelease(await t.releaseRequest(), 3);
    if (!r.ok) throw new Error(r.error);
    t.guard.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${r.token}`, FIELDS));
    await t.guard.settled();
    t.guard.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${r.token}`, FIELDS));
    t.guard.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${'9'.repeat(32)}`, FIELDS));
    await t.guard.settled();
    const stopped = (await t.entries()).filter((e) => e.type === 'send-stopped');
    expect(stopped.map((e) => e.data.reason)).toEqual(['unknown-token', 'unknown-token']);
  });

  it('a pending release survives a restart of the service worker (kept in storage.session)', async () => {
    const t = setup();
    await t.guard.install();
    const r = await t.guard.issueRelease(await t.releaseRequest(), 3);
    if (!r.ok) throw new Error(r.error);
    expect(t.store.size).toBe(1);
    // A new worker with the same browser state.
    const reborn = createSendGuard({
      api: t.api,
      network: roundcubeNetwork,
      hosts: () => ['127.0.0.1'],
      audit: createAuditStore({ factory: new IDBFactory(), name: 'reborn' }),
      now: () => new Date(),
      newToken: () => 'f'.repeat(32),
      newEpoch: () => 'e2',
    });
    await reborn.install();
    expect(t.session.size).toBe(1);
    reborn.onBeforeRequest(t.request(`${SEND_URL}&_rgt=${r.token}`, FIELDS));
    await reborn.settled();
    expect(t.session.size).toBe(0);
  });

  it('a send or redirect the rules held is audited and the tab told in one notice; a draft held is told as such', async () => {
    const t = setup();
    await t.guard.install();
    const held = t.request(`${HOST}/?_task=mail`, [['_action', 'send'], ['_id', 'c1'], ['_to', 'p@gmail.com']]);
    t.guard.onBeforeRequest(held);
    t.guard.onErrorOccurred({ ...held, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    const bounce = t.request(`${HOST}/?_task=mail&_action=bounce`, [['_uid', '1'], ['_to', 'p@gmail.com']], { frameId: 5 });
    t.guard.onBeforeRequest(bounce);
    t.guard.onErrorOccurred({ ...bounce, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    const draft = t.request(`${HOST}/?_task=mail`, [['_action', 'send'], ['_id', 'c1'], ['_draft', '1']]);
    t.guard.onBeforeRequest(draft);
    t.guard.onErrorOccurred({ ...draft, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    await t.guard.settled();
    expect(t.notices.map((n) => [n.frameId, n.notice.notice])).toEqual([
      [0, 'send-stopped'],
      [5, 'bounce-stopped'],
      [0, 'draft-stopped'],
    ]);
    const audit = await t.entries();
    expect(audit.filter((e) => e.type === 'send-stopped').map((e) => [e.data.route, e.data.to])).toEqual([
      ['send', ['p@gmail.com']],
      ['bounce', ['p@gmail.com']],
    ]);
    expect(audit.filter((e) => e.type === 'draft-stopped')).toHaveLength(1);
  });

  it('a delivering request that was not held is reported loudly (the rules failed)', async () => {
    const t = setup();
    await t.guard.install();
    const leaked = t.request(`${HOST}/?_task=mail`, [['_action', 'send'], ['_to', 'p@gmail.com']]);
    t.guard.onBeforeRequest(leaked);
    t.guard.onCompleted({ ...leaked, statusCode: 200 });
    await t.guard.settled();
    expect((await t.entries()).some((e) => e.type === 'send-unguarded')).toBe(true);
    expect(t.notices[0]!.notice).toMatchObject({ notice: 'mismatch', differences: ['unguarded'] });
  });

  it("the extension's own requests to a webmail host are not observed (forwarding an audit entry must not log one)", async () => {
    const t = setup();
    await t.guard.install();
    const ingest = `${HOST.replace('8000', '8123')}/?query=INSERT`;
    for (const from of [{ initiator: 'chrome-extension://jicjlfjabgamkickjndbcnbeolbegiml' }, { originUrl: 'chrome-extension://jicjlfjabgamkickjndbcnbeolbegiml/background.js' }]) {
      const own = t.request(ingest, null, { tabId: -1, ...from });
      t.guard.onBeforeRequest(own);
      t.guard.onCompleted({ ...own, statusCode: 200 });
    }
    await t.guard.settled();
    expect(await t.entries()).toEqual([]);
    // The same request from a page (or another extension) is still the webmail's business.
    for (const initiator of ['http://127.0.0.1:8000', 'chrome-extension://jicjlfjabgamkickjndbcnbeolbegimlx']) {
      const page = t.request(`${HOST}/?_task=mail`, [['_action', 'send'], ['_to', 'p@gmail.com']], { initiator });
      t.guard.onBeforeRequest(page);
      t.guard.onCompleted({ ...page, statusCode: 200 });
    }
    await t.guard.settled();
    expect((await t.entries()).filter((e) => e.type === 'send-unguarded')).toHaveLength(2);
  });
});

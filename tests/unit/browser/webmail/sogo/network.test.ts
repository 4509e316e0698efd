// SOGo's network side: the declarativeNetRequest rules as data, applied the way Chrome does
// (to see which request is held and which goes through), the reader of observed requests, and
// the submission digest both sides compute from SOGo's JSON send body.
import { describe, expect, it } from 'vitest';
import { bodyOfFields, classify, draftMethod, fieldsOfRawBody, guardRules, releaseRule, submission } from '../../../../../utils/browser/webmail/sogo/network.ts';
import { ALL_RESOURCE_TYPES, type DnrRule } from '../../../../../utils/browser/webmail/network.ts';

const HOSTS = ['127.0.0.1', 'mail.firm.nl'];
const RULES = guardRules(HOSTS, 1000);
const DRAFT = 'http://127.0.0.1:8100/SOGo/so/a.jansen@focus-nederland.nl/Mail/0/folderDrafts/newDraft1796133893-1';
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

/** Chrome's matching for the rule shapes we use: the highest-priority matching rule decides. */
function blocked(rules: DnrRule[], req: { url: string; method?: string; type?: string; tabId?: number }): boolean {
  const host = new URL(req.url).hostname;
  const matches = rules.filter((r) => {
    const c = r.condition;
    if (c.requestDomains && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
    if (c.requestMethods && !c.requestMethods.includes((req.method ?? 'POST').toLowerCase())) return false;
    if (c.resourceTypes && !c.resourceTypes.includes(req.type ?? 'xmlhttprequest')) return false;
    if (c.tabIds && !c.tabIds.includes(req.tabId ?? -1)) return false;
    // DNR's regexFilter is case-insensitive unless isUrlFilterCaseSensitive is set.
    if (c.regexFilter && !new RegExp(c.regexFilter, 'i').test(req.url)) return false;
    return true;
  });
  return matches.toSorted((a, b) => b.priority - a.priority)[0]?.action.type === 'block';
}

describe('guard rules', () => {
  it('hold a draft send in every spelling WebObjects reads as send, any method, any request type', () => {
    for (const type of ALL_RESOURCE_TYPES) expect(blocked(RULES, { url: `${DRAFT}/send`, type }), type).toBe(true);
    for (const method of ['POST', 'GET', 'PUT']) expect(blocked(RULES, { url: `${DRAFT}/send`, method })).toBe(true);
    for (const spelling of ['send', 'Send', 'SEND', '%73end', 'se%6Ed', 's%65n%64', '%53%45%4E%44']) {
      expect(blocked(RULES, { url: `${DRAFT}/${spelling}` }), spelling).toBe(true);
    }
    for (const tail of ['/send/', '/send/x', '/send?x=1', '/send#a', '/send;x', '%2Fsend', '%2fsend%2f']) {
      expect(blocked(RULES, { url: `${DRAFT}${tail}` }), tail).toBe(true);
    }
    expect(blocked(RULES, { url: 'https://mail.firm.nl/SOGo/so/u/Mail/0/folderINBOX/folderSub/42/send' })).toBe(true);
  });

  it("let SOGo's other requests through: login, lists, draft saves, uploads, removals, read receipts", () => {
    for (const url of [
      'http://127.0.0.1:8100/SOGo/connect',
      'http://127.0.0.1:8100/SOGo/so/u/Mail/0/folderINBOX/view',
      `${DRAFT}/save`,
      `${DRAFT}/deleteAttachment?filename=a.pdf`,
      'http://127.0.0.1:8100/SOGo/so/u/Mail/0/folderINBOX/12/sendMDN',
      'http://127.0.0.1:8100/SOGo/so/u/Mail/0/folderINBOX/12/sender',
      'http://127.0.0.1:8100/SOGo/so/u/Mail/0/folderINBOX/12/resend-info',
    ]) {
      expect(blocked(RULES, { url }), url).toBe(false);
    }
  });

  it('let exactly the released request through: its token, its tab, POST from a script', () => {
    const token = 'a'.repeat(32);
    const rules = [...RULES, releaseRule(100_001, token, 7, HOSTS)];
    expect(blocked(rules, { url: `${DRAFT}/send?_rgt=${token}`, tabId: 7 })).toBe(false);
    expect(blocked(rules, { url: `${DRAFT}/send?_rgt=${token}`, tabId: 8 })).toBe(true);
    expect(blocked(rules, { url: `${DRAFT}/send?_rgt=${'b'.repeat(32)}`, tabId: 7 })).toBe(true);
    expect(blocked(rules, { url: `${DRAFT}/send?_rgt=${token}`, tabId: 7, type: 'main_frame' })).toBe(true);
    expect(() => releaseRule(1, 'not-a-token', 7, HOSTS)).toThrow(/malformed/);
  });

  it('cover nothing without hosts', () => {
    expect(guardRules([], 1000)).toEqual([]);
  });
});

describe('observed requests', () => {
  const body = { to: ['Mark de Vries <M.deVries@example.org>', 'hr@werkgever-a.nl'], cc: ['a@x.nl, b@y.nl'], bcc: [], isHTML: 1, text: 'Hallo', from: 'Anna Jansen <a.jansen@focus-nederland.nl>', subject: 'Rapportage C-1042' };

  it('read the JSON send body as one field per key, and back into the same body', () => {
    const fields = fieldsOfRawBody(enc(body))!;
    expect(fields.map(([k]) => k)).toEqual(Object.keys(body));
    expect(fields.find(([k]) => k === 'to')![1]).toBe(JSON.stringify(body.to));
    expect(JSON.parse(bodyOfFields(fields))).toEqual(body);
    expect(fieldsOfRawBody(new TextEncoder().encode('to=a@x.nl'))).toBeNull();
    expect(fieldsOfRawBody(enc([1, 2]))).toBeNull();
    expect(fieldsOfRawBody(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });

  it('classify a send (held by the rules) with every recipient, token or not', () => {
    const fields = fieldsOfRawBody(enc(body));
    expect(classify({ url: `${DRAFT}/send`, method: 'POST', body: fields, hasBody: true })).toEqual({
      kind: 'delivery',
      route: 'send',
      composeKey: 'newDraft1796133893-1',
      recipients: ['a@x.nl', 'b@y.nl', 'hr@werkgever-a.nl', 'm.devries@example.org'],
    });
    expect(classify({ url: `${DRAFT}/%73end`, method: 'GET', body: null, hasBody: false })).toMatchObject({ kind: 'delivery', recipients: [] });
    expect(classify({ url: `${DRAFT}/send?_rgt=${'c'.repeat(32)}`, method: 'POST', body: fields, hasBody: true })).toEqual({ kind: 'release', token: 'c'.repeat(32) });
  });

  it('count uploads and removals as changes of the draft, JSON saves and the rest as other', () => {
    expect(classify({ url: `${DRAFT}/save`, method: 'POST', body: [['attachments', '']], hasBody: true })).toEqual({ kind: 'session-change', composeKey: 'newDraft1796133893-1' });
    // A multipart body webRequest could not read: fail safe, it may have changed the draft.
    expect(classify({ url: `${DRAFT}/save`, method: 'POST', body: null, hasBody: true })).toEqual({ kind: 'session-change', composeKey: 'newDraft1796133893-1' });
    expect(classify({ url: `${DRAFT}/deleteAttachment?filename=a.pdf`, method: 'GET', body: null, hasBody: false })).toEqual({ kind: 'session-change', composeKey: 'newDraft1796133893-1' });
    expect(classify({ url: `${DRAFT}/save`, method: 'POST', body: fieldsOfRawBody(enc(body)), hasBody: true })).toEqual({ kind: 'other' });
    expect(classify({ url: 'http://127.0.0.1:8100/SOGo/connect', method: 'POST', body: fieldsOfRawBody(enc({ userName: 'x' })), hasBody: true })).toEqual({ kind: 'other' });
  });

  it('find the draft and the method in the path', () => {
    expect(draftMethod(`${DRAFT}/send`)).toEqual({ composeKey: 'newDraft1796133893-1', method: 'send' });
    expect(draftMethod(`${DRAFT}%2Fsend`)).toEqual({ composeKey: 'newDraft1796133893-1', method: 'send' });
    expect(draftMethod('http://127.0.0.1:8100/SOGo/so/u/Mail/0/compose')).toBeNull();
    expect(draftMethod('not a url')).toBeNull();
  });
});

describe('submission', () => {
  const fields = fieldsOfRawBody(enc({ to: ['hr@werkgever-a.nl'], cc: [], bcc: ['Utrecht <utrecht@focus-nederland.nl>'], subject: 'x', text: 'y', isHTML: 0 }))!;

  it('is the same for the prepared request and the one seen leaving, token or not', async () => {
    const prepared = await submission(`${DRAFT}/send`, fields);
    const seen = await submission(`${DRAFT}/send?_rgt=${'d'.repeat(32)}`, fieldsOfRawBody(new TextEncoder().encode(bodyOfFields(fields)))!);
    expect(prepared).toEqual(seen);
    expect(prepared).toMatchObject({ mode: 'send', composeKey: 'newDraft1796133893-1', recipients: ['hr@werkgever-a.nl', 'utrecht@focus-nederland.nl'], attachmentIds: [] });
  });

  it('differs in its digest when anything in the body or the draft differs', async () => {
    const base = (await submission(`${DRAFT}/send`, fields))!.digest;
    const other = fields.map(([k, v]) => (k === 'text' ? ([k, JSON.stringify('z')] as const) : ([k, v] as const)));
    expect((await submission(`${DRAFT}/send`, other))!.digest).not.toBe(base);
    expect((await submission(`${DRAFT.replace('-1', '-2')}/send`, fields))!.digest).not.toBe(base);
  });

  it('is null for anything that is not a draft send', async () => {
    expect(await submission(`${DRAFT}/save`, fields)).toBeNull();
    expect(await submission('http://127.0.0.1:8100/SOGo/connect', fields)).toBeNull();
  });
});

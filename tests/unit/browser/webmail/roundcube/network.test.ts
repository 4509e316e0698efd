// Roundcube's network side: the declarativeNetRequest rules as data (and a small evaluator that
// applies them the way Chrome does, to see which request is held, let through and pinned), the
// reader of observed requests, and the submission digest both sides compute.
import { describe, expect, it } from 'vitest';
import { classify, fieldsOfRawBody, guardRules, releaseRule, submission, SAFE_ACTIONS } from '../../../../../utils/browser/webmail/roundcube/network.ts';
import { ALL_RESOURCE_TYPES, hostsOfPatterns, sparingOwnRequests, type DnrRule } from '../../../../../utils/browser/webmail/network.ts';
import { queryEntries } from '../../../../../utils/browser/webmail/roundcube/php-input.ts';

const HOSTS = ['127.0.0.1', 'mail.firm.nl'];
const RULES = guardRules(HOSTS, 1000);

/** Chrome's matching for the rule shapes we use: block/allow by priority, modifyHeaders above any allow. */
function outcome(rules: DnrRule[], req: { url: string; method: string; type: string; tabId?: number; initiator?: string }) {
  const host = new URL(req.url).hostname;
  const matches = rules.filter((r) => {
    const c = r.condition;
    if (c.requestDomains && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
    if (c.excludedInitiatorDomains && req.initiator && c.excludedInitiatorDomains.includes(new URL(req.initiator).hostname)) return false;
    if (c.requestMethods && !c.requestMethods.includes(req.method.toLowerCase())) return false;
    if (c.resourceTypes && !c.resourceTypes.includes(req.type)) return false;
    if (c.tabIds && !c.tabIds.includes(req.tabId ?? -1)) return false;
    if (c.regexFilter && !new RegExp(c.regexFilter, 'i').test(req.url)) return false;
    return true;
  });
  const top = matches.filter((r) => r.action.type !== 'modifyHeaders').toSorted((a, b) => b.priority - a.priority)[0];
  const blocked = top?.action.type === 'block';
  const allowPriority = top?.action.type === 'allow' ? top.priority : 0;
  const cookies = blocked
    ? []
    : matches
        .filter((r) => r.action.type === 'modifyHeaders' && r.priority > allowPriority)
        .flatMap((r) => (r.action.type === 'modifyHeaders' ? r.action.requestHeaders.map((h) => h.value) : []));
  return { blocked, cookies };
}

const post = (url: string, type = 'xmlhttprequest') => outcome(RULES, { url, method: 'POST', type });

describe('guard rules', () => {
  it("leave the extension's own requests alone (a collector on a webmail host), and nothing a page sends", () => {
    const EXT = 'jicjlfjabgamkickjndbcnbeolbegiml';
    const rules = sparingOwnRequests(RULES, EXT);
    const ingest = 'http://127.0.0.1:8123/?query=INSERT';
    expect(outcome(RULES, { url: ingest, method: 'POST', type: 'xmlhttprequest', initiator: `chrome-extension://${EXT}` }).blocked).toBe(true);
    expect(outcome(rules, { url: ingest, method: 'POST', type: 'xmlhttprequest', initiator: `chrome-extension://${EXT}` }).blocked).toBe(false);
    for (const initiator of ['http://127.0.0.1:8000', 'http://mail.firm.nl', 'chrome-extension://otherextensionidotherextensionid']) {
      expect(outcome(rules, { url: 'http://127.0.0.1:8000/?_task=mail&_action=send', method: 'POST', type: 'xmlhttprequest', initiator }).blocked).toBe(true);
    }
    // Only block rules change; an empty host changes nothing.
    expect(rules.filter((r) => r.action.type !== 'block')).toEqual(RULES.filter((r) => r.action.type !== 'block'));
    expect(sparingOwnRequests(RULES, '')).toEqual(RULES);
  });

  it('hold every POST that the URL does not pin to a harmless action, from every request type', () => {
    for (const type of ALL_RESOURCE_TYPES) {
      expect(post('http://127.0.0.1:8000/?_task=mail', type).blocked).toBe(true);
    }
    expect(post('http://127.0.0.1:8000/?_task=mail&_action=send').blocked).toBe(true);
    expect(post('http://127.0.0.1:8000/?_task=mail&_action=bounce').blocked).toBe(true);
    expect(post('http://127.0.0.1:8000/').blocked).toBe(true);
    expect(post('https://mail.firm.nl/roundcube/?_task=mail&_saveonly=1&_saveonly=', 'sub_frame').blocked).toBe(true);
  });

  it('let harmless actions through, pinned by cookie so that a body saying send is not obeyed', () => {
    expect(post('http://127.0.0.1:8000/?_task=mail&_action=mark')).toEqual({ blocked: false, cookies: ['_action=mark'] });
    expect(post('http://127.0.0.1:8000/?_task=mail&_remote=1&_id=1&_uploadid=u&_action=upload')).toEqual({ blocked: false, cookies: ['_action=upload'] });
    expect(post('http://127.0.0.1:8000/?_task=mail&_action=remove_attachment').cookies).toEqual(['_action=remove-attachment']);
    expect(post('http://127.0.0.1:8000/?_task=settings', 'main_frame')).toEqual({ blocked: false, cookies: ['_task=settings'] });
    expect(post('http://127.0.0.1:8000/?_task=login', 'main_frame')).toEqual({ blocked: false, cookies: ['_task=login'] });
    // A harmless-looking `_action=sendx` is not `send` and not a known action either.
    expect(post('http://127.0.0.1:8000/?_task=mail&_action=sendx').blocked).toBe(true);
  });

  it('never pin or allow a delivering action', () => {
    expect(SAFE_ACTIONS).not.toContain('send');
    expect(SAFE_ACTIONS).not.toContain('bounce');
  });

  it('GET requests and other hosts are left alone', () => {
    expect(outcome(RULES, { url: 'http://127.0.0.1:8000/?_task=mail&_action=send', method: 'GET', type: 'xmlhttprequest' }).blocked).toBe(false);
    expect(outcome(RULES, { url: 'https://example.org/?_task=mail', method: 'POST', type: 'xmlhttprequest' }).blocked).toBe(false);
  });

  it('a release lets exactly the request with its token through, from its tab, unpinned', () => {
    const token = 'ab'.repeat(16);
    const rules = [...RULES, releaseRule(200_000, token, 7, HOSTS)];
    const url = `http://127.0.0.1:8000/?_task=mail&_action=send&_id=c&_framed=1&_rgt=${token}`;
    expect(outcome(rules, { url, method: 'POST', type: 'xmlhttprequest', tabId: 7 })).toEqual({ blocked: false, cookies: [] });
    expect(outcome(rules, { url, method: 'POST', type: 'xmlhttprequest', tabId: 8 }).blocked).toBe(true);
    expect(outcome(rules, { url, method: 'POST', type: 'sub_frame', tabId: 7 }).blocked).toBe(true);
    expect(outcome(rules, { url: url.replace(token, 'cd'.repeat(16)), method: 'POST', type: 'xmlhttprequest', tabId: 7 }).blocked).toBe(true);
    expect(() => releaseRule(1, 'not-hex', 7, HOSTS)).toThrow();
  });

  it('use unique ids and fit Chrome’s regex-rule budget', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(RULES.filter((r) => r.condition.regexFilter).length).toBeLessThan(1000);
    expect(guardRules([], 1)).toEqual([]);
  });

  it('take their hosts from the webmail patterns', () => {
    expect(hostsOfPatterns(['http://127.0.0.1/*', 'https://*.firm.nl/*', '*://mail.x.nl:8443/*', '<all_urls>'])).toEqual(['127.0.0.1', 'firm.nl', 'mail.x.nl']);
  });
});

const body = (s: string) => queryEntries(s);

describe('observed requests', () => {
  it('a send or redirect that the rules hold is named, with the recipients PHP would read', () => {
    expect(classify({ url: 'http://h/?_task=mail', method: 'POST', body: body('_action=send&_id=c1&_to=a@b.nl&_cc=x@y.nl&_cc=z@y.nl'), hasBody: true })).toEqual({
      kind: 'delivery',
      route: 'send',
      composeKey: 'c1',
      recipients: ['a@b.nl', 'z@y.nl'],
    });
    expect(classify({ url: 'http://h/?_task=mail&_action=bounce', method: 'POST', body: body('_uid=1&_mbox=Sent&_to=p@gmail.com'), hasBody: true })).toMatchObject({ kind: 'delivery', route: 'bounce', recipients: ['p@gmail.com'] });
    expect(classify({ url: 'http://h/?_task=mail', method: 'POST', body: body('_action=send&_id=c1&_draft=1'), hasBody: true })).toEqual({ kind: 'draft', composeKey: 'c1' });
    expect(classify({ url: 'http://h/?_task=mail&_saveonly=1', method: 'POST', body: body('_action=send&_id=c1'), hasBody: true })).toEqual({ kind: 'draft', composeKey: 'c1' });
    // A body that can't be read is not taken for harmless.
    expect(classify({ url: 'http://h/?_task=mail', method: 'POST', body: null, hasBody: true })).toMatchObject({ kind: 'delivery', route: 'unknown' });
  });

  it('a pinned request is what its URL says: an upload changes the session, a mark with a send body is a mark', () => {
    expect(classify({ url: 'http://h/?_task=mail&_action=upload&_id=c1', method: 'POST', body: [], hasBody: true })).toEqual({ kind: 'session-change', composeKey: 'c1' });
    expect(classify({ url: 'http://h/?_task=mail&_action=remove-attachment', method: 'POST', body: body('_id=c2&_file=rcmfile1'), hasBody: true })).toEqual({ kind: 'session-change', composeKey: 'c2' });
    expect(classify({ url: 'http://h/?_task=mail&_action=mark', method: 'POST', body: body('_action=send&_to=p@gmail.com'), hasBody: true })).toEqual({ kind: 'other' });
    expect(classify({ url: 'http://h/?_task=mail&_action=remove-attachment&_id=c3&_file=x', method: 'GET', body: null, hasBody: false })).toEqual({ kind: 'session-change', composeKey: 'c3' });
    expect(classify({ url: 'http://h/?_task=mail&_action=compose&_id=c3', method: 'GET', body: null, hasBody: false })).toEqual({ kind: 'other' });
  });

  it('a request with a token is a release', () => {
    const token = '12'.repeat(16);
    expect(classify({ url: `http://h/?_task=mail&_rgt=${token}`, method: 'POST', body: [], hasBody: true })).toEqual({ kind: 'release', token });
  });

  it('reads urlencoded raw bodies, not others', () => {
    const enc = new TextEncoder();
    expect(fieldsOfRawBody(enc.encode('_to=a%40b.nl&_cc='))).toEqual([['_to', 'a@b.nl'], ['_cc', '']]);
    expect(fieldsOfRawBody(enc.encode('------WebKitFormBoundary\r\n'))).toBeNull();
    expect(fieldsOfRawBody(new Uint8Array([0xff, 0xfe]))).toBeNull();
  });
});

describe('submission', () => {
  const url = 'http://h/?_task=mail&_action=send&_id=c1&_framed=1';
  const fields: [string, string][] = [
    ['_id', 'c1'],
    ['_to', 'Personeelszaken <HR@werkgever-a.nl>, b@c.nl'],
    ['_bcc', 'z@y.nl'],
    ['_attachments', '11,12'],
    ['_draft', ''],
    ['_action', 'send'],
  ];

  it('describes what the server will do with it', async () => {
    const s = await submission(url, fields);
    expect(s).toMatchObject({ mode: 'send', composeKey: 'c1', recipients: ['b@c.nl', 'hr@werkgever-a.nl', 'z@y.nl'], attachmentIds: ['11', '12'] });
    expect((await submission(url, [...fields, ['_draft', '1']]))!.mode).toBe('draft');
    expect(await submission('http://h/?_task=mail&_action=mark', [])).toBeNull();
  });

  it('has the same digest for the same request in any field order and without the token, another for any change', async () => {
    const a = await submission(url, fields);
    const b = await submission(`${url}&_rgt=${'ab'.repeat(16)}`, fields.toReversed());
    expect(b!.digest).toBe(a!.digest);
    const c = await submission(url, fields.map(([k, v]) => [k, k === '_bcc' ? 'other@y.nl' : v]));
    expect(c!.digest).not.toBe(a!.digest);
    const d = await submission(url, [...fields, ['_mdn', '1']]);
    expect(d!.digest).not.toBe(a!.digest);
  });
});

// The guard's network over several webmails: an origin keeps the default webmail's rules until
// another webmail is detected there; then that origin gets its own webmail's rules, narrowed to
// it, above the default ones. Applied the way Chrome does to see what is held.
import { describe, expect, it } from 'vitest';
import { networkByOrigin, originOf } from '../../../../utils/browser/webmail/by-origin.ts';
import { roundcubeNetwork } from '../../../../utils/browser/webmail/roundcube/network.ts';
import { sogoNetwork } from '../../../../utils/browser/webmail/sogo/network.ts';
import type { DnrRule } from '../../../../utils/browser/webmail/network.ts';

const SOGO = 'http://127.0.0.1:8100';
const RC = 'http://127.0.0.1:8000';
const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

function blocked(rules: DnrRule[], url: string, method = 'POST', type = 'xmlhttprequest'): boolean {
  const host = new URL(url).hostname;
  const matches = rules.filter((r) => {
    const c = r.condition;
    if (r.action.type === 'modifyHeaders') return false;
    if (c.requestDomains && !c.requestDomains.some((d) => host === d || host.endsWith(`.${d}`))) return false;
    if (c.requestMethods && !c.requestMethods.includes(method.toLowerCase())) return false;
    if (c.resourceTypes && !c.resourceTypes.includes(type)) return false;
    if (c.regexFilter && !new RegExp(c.regexFilter, 'i').test(url)) return false;
    return true;
  });
  return matches.toSorted((a, b) => b.priority - a.priority)[0]?.action.type === 'block';
}

describe('network by origin', () => {
  const none = networkByOrigin(roundcubeNetwork, new Map());
  const both = networkByOrigin(roundcubeNetwork, new Map([[SOGO, sogoNetwork]]));
  const hosts = ['127.0.0.1'];

  it('guards an origin nothing was detected on with the default rules (every unpinned POST held)', () => {
    const rules = none.guardRules(hosts, 1000);
    expect(blocked(rules, `${SOGO}/SOGo/connect`)).toBe(true);
    expect(blocked(rules, `${RC}/?_task=mail&_action=send`)).toBe(true);
  });

  it("gives a detected SOGo its own rules on its origin only, and leaves Roundcube's on the rest of the host", () => {
    const rules = both.guardRules(hosts, 1000);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(blocked(rules, `${SOGO}/SOGo/connect`)).toBe(false);
    expect(blocked(rules, `${SOGO}/SOGo/so/u/Mail/0/folderDrafts/d1/save`)).toBe(false);
    expect(blocked(rules, `${SOGO}/SOGo/so/u/Mail/0/folderDrafts/d1/send`)).toBe(true);
    expect(blocked(rules, `${SOGO}/SOGo/so/u/Mail/0/folderDrafts/d1/%73end`, 'GET', 'main_frame')).toBe(true);
    // Roundcube on the same host, another port: unchanged.
    expect(blocked(rules, `${RC}/?_task=mail`)).toBe(true);
    expect(blocked(rules, `${RC}/?_task=mail&_action=mark`)).toBe(false);
    // SOGo's paths on Roundcube's origin are not SOGo's business: Roundcube's rules hold the POST.
    expect(blocked(rules, `${RC}/SOGo/connect`)).toBe(true);
    // A page on SOGo's origin that is not SOGo's application keeps the default rules.
    expect(blocked(rules, `${SOGO}/?_task=mail&_action=send`)).toBe(true);
    expect(blocked(rules, `${SOGO}/SOGoX/connect`)).toBe(true);
  });

  it('reads each request with the webmail of its origin', async () => {
    const body = { to: ['hr@werkgever-a.nl'], subject: 'x' };
    const url = `${SOGO}/SOGo/so/u/Mail/0/folderDrafts/d1/send`;
    const fields = both.fieldsOfRawBody(enc(body), url)!;
    expect(both.classify({ url, method: 'POST', body: fields, hasBody: true })).toMatchObject({ kind: 'delivery', composeKey: 'd1', recipients: ['hr@werkgever-a.nl'] });
    expect(await both.submission(url, fields)).toMatchObject({ mode: 'send', composeKey: 'd1' });
    expect(both.classify({ url: `${RC}/?_task=mail&_action=mark`, method: 'POST', body: [], hasBody: true })).toEqual({ kind: 'other' });
    expect(originOf('HTTP://127.0.0.1:8100/x')).toBe(SOGO);
    expect(originOf('nonsense')).toBeNull();
  });
});

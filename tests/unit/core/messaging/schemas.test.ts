import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseRequest, parseResponse, type ValidRequest } from '../../../../utils/core/messaging/schemas.ts';
import type { AnyRequest, EvaluateResponse } from '../../../../utils/core/messaging/protocol.ts';

const sha = 'ab'.repeat(32);
const message = {
  from: 'a.jansen@focus-nederland.nl',
  to: ['Personeelszaken <hr@werkgever-a.nl>'],
  cc: [],
  bcc: [],
  subject: 'Voortgangsrapportage C-1042',
  body: 'tekst',
  containsHealthData: null,
  healthOverrideJustification: null,
};

describe('request schemas', () => {
  it('are where the protocol types come from', () => {
    expectTypeOf<ValidRequest>().toEqualTypeOf<AnyRequest>();
  });

  it('accept every well-formed request', () => {
    const good: AnyRequest[] = [
      { kind: 'analyse', composeKey: 'c1', name: 'rapport.docx', bytesB64: 'UEsDBA==' },
      { kind: 'evaluate', composeKey: 'c1', message, attachments: [{ name: 'rapport.docx', sha256: sha }] },
      {
        kind: 'evaluate',
        composeKey: 'c1',
        message: { ...message, client: 'C-1042', reportKind: 'progress', exception: { ground: 'contract', justification: 'x'.repeat(25) } },
        attachments: [],
      },
      { kind: 'converted', sha256: sha },
      { kind: 'decision', checkId: 'k', action: 'sent', details: { codes: 'A,B', n: 2, ok: true, none: null } },
      { kind: 'status' },
    ];
    for (const request of good) expect(parseRequest(request)).toEqual({ ok: true, request });
  });

  it('strip unknown fields instead of refusing them (additive protocol changes)', () => {
    const r = parseRequest({ kind: 'status', newField: 1 });
    expect(r).toEqual({ ok: true, request: { kind: 'status' } });
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'status', /invalid request/],
    ['unknown kind', { kind: 'delete-everything' }, /kind/],
    ['missing bytes', { kind: 'analyse', composeKey: 'c', name: 'a.pdf' }, /bytesB64/],
    ['bytes not base64', { kind: 'analyse', composeKey: 'c', name: 'a.pdf', bytesB64: '<script>' }, /bytesB64/],
    ['empty name', { kind: 'analyse', composeKey: 'c', name: '', bytesB64: '' }, /name/],
    ['uppercase hash', { kind: 'converted', sha256: sha.toUpperCase() }, /sha256/],
    ['short hash', { kind: 'evaluate', composeKey: 'c', message, attachments: [{ name: 'a', sha256: 'abc' }] }, /attachments\.0\.sha256/],
    ['recipients not a list', { kind: 'evaluate', composeKey: 'c', message: { ...message, to: 'x@y.nl' }, attachments: [] }, /message\.to/],
    ['unknown ground', { kind: 'evaluate', composeKey: 'c', message: { ...message, exception: { ground: 'because', justification: '' } }, attachments: [] }, /message\.exception\.ground/],
    ['health flag missing', { kind: 'evaluate', composeKey: 'c', message: { ...message, containsHealthData: undefined }, attachments: [] }, /containsHealthData/],
    ['unknown action', { kind: 'decision', checkId: 'k', action: 'forged' }, /action/],
    ['detail object', { kind: 'decision', checkId: 'k', action: 'sent', details: { x: { nested: 1 } } }, /details/],
  ];
  for (const [label, raw, where] of bad) {
    it(`refuse ${label} with one line naming the field`, () => {
      const r = parseRequest(raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(where);
        expect(r.error).not.toContain('\n');
      }
    });
  }
});

describe('response schemas (parsed by the content script where it receives them)', () => {
  const analysis = { name: 'a.pdf', size: 3, sha256: sha, type: 'pdf', readable: true, problem: null, text: '' };
  const verdict = { verdict: 'block', findings: [{ code: 'RECIPIENT_NOT_WHITELISTED', severity: 'block', subject: 'x@y.nl', message: 'Niet toegestaan.' }] };

  it('pass well-formed answers and error answers through', () => {
    const evaluated: EvaluateResponse = { ok: true, verdict: verdict as EvaluateResponse['verdict'], checkId: 'k', clients: [{ id: 'C-1', name: 'J.' }] };
    expect(parseResponse('evaluate', evaluated)).toEqual(evaluated);
    expect(parseResponse('analyse', { ok: true, analysis, fix: { action: 'flattened', ok: true, outputSha256: sha } })).toEqual({
      ok: true,
      analysis,
      fix: { action: 'flattened', ok: true, outputSha256: sha },
    });
    expect(parseResponse('status', { ok: false, error: 'no policy' })).toEqual({ ok: false, error: 'no policy' });
  });

  it('turn an answer of the wrong shape into one error line naming the field', () => {
    const bad: [Parameters<typeof parseResponse>[0], unknown, RegExp][] = [
      ['evaluate', { ok: true, verdict: { verdict: 'maybe', findings: [] }, checkId: 'k', clients: [] }, /verdict\.verdict/],
      ['evaluate', { ok: true, verdict: { verdict: 'allow', findings: [{ code: 'NO_SUCH_CODE', severity: 'block', message: '' }] }, checkId: 'k', clients: [] }, /findings\.0\.code/],
      ['analyse', { ok: true, analysis: { ...analysis, type: 'exe' }, fix: { action: 'none', ok: true } }, /analysis\.type/],
      ['converted', { ok: true, name: 'a.pdf', bytesB64: '<b>', sha256: sha }, /bytesB64/],
      ['decision', undefined, /no valid answer to 'decision'/],
      ['status', { ok: false }, /no valid answer/],
    ];
    for (const [kind, raw, where] of bad) {
      const r = parseResponse(kind, raw);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toMatch(where);
        expect(r.error).not.toContain('\n');
      }
    }
  });
});

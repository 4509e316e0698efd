// `release` and `session-state`: the content script's door to the network guard. The guard
// itself is tested in ../send-guard.test.ts; here: the tab goes with the request, and only a
// content script in a tab gets a release.
import { describe, expect, it } from 'vitest';
import { useTestBackground, CONTENT_SCRIPT, OPTIONS_PAGE } from '../../../../helpers/background.ts';
import type { ReleaseRequest } from '../../../../../utils/core/messaging/protocol.ts';

const bg = useTestBackground();

const request: ReleaseRequest = {
  kind: 'release',
  composeKey: 'abc',
  checkId: 'check-1',
  submission: { mode: 'send', composeKey: 'abc', recipients: ['hr@werkgever-a.nl'], attachmentIds: [], digest: 'ab'.repeat(32) },
  generation: 'g.0.0',
  attachments: [],
};

describe('release', () => {
  it("hands the content script's tab to the guard and passes its token on", async () => {
    const seen: number[] = [];
    bg.deps.guard.issueRelease = async (_r, tabId) => (seen.push(tabId), { ok: true, token: '1'.repeat(32) });
    expect(await bg.handle(request, CONTENT_SCRIPT)).toEqual({ ok: true, token: '1'.repeat(32) });
    expect(seen).toEqual([1]);
  });

  it('refuses a release outside a webmail tab and passes the guard’s refusal on as one line', async () => {
    expect(await bg.handle(request, OPTIONS_PAGE)).toEqual({ ok: false, error: 'refused: a release is only for a webmail tab' });
    bg.deps.guard.issueRelease = async () => ({ ok: false, error: 'session-changed' });
    expect(await bg.handle(request, CONTENT_SCRIPT)).toEqual({ ok: false, error: 'session-changed' });
  });

  it('refuses a malformed submission before the guard sees it', async () => {
    const r = await bg.handle({ ...request, submission: { ...request.submission, digest: 'x' } }, CONTENT_SCRIPT);
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/submission\.digest/) });
  });
});

describe('session-state', () => {
  it("answers with the guard's view of the compose session", async () => {
    bg.deps.guard.sessionState = (key) => ({ generation: `g-${key}`, busy: key === 'busy' });
    expect(await bg.handle({ kind: 'session-state', composeKey: 'abc' }, CONTENT_SCRIPT)).toEqual({ ok: true, generation: 'g-abc', busy: false });
    expect(await bg.handle({ kind: 'session-state', composeKey: 'busy' }, CONTENT_SCRIPT)).toEqual({ ok: true, generation: 'g-busy', busy: true });
  });
});

// `webmail`: a content script says which webmail its page is; the origin comes from the browser's
// sender, never from the message, and only a webmail tab can say it.
import { describe, expect, it } from 'vitest';
import { useTestBackground, CONTENT_SCRIPT, OPTIONS_PAGE } from '../../../../helpers/background.ts';

const bg = useTestBackground();

describe('webmail', () => {
  it("records the detected webmail for the sender's origin", async () => {
    expect(await bg.handle({ kind: 'webmail', name: 'sogo' }, CONTENT_SCRIPT)).toEqual({ ok: true });
    expect(bg.detections).toEqual([{ origin: new URL(CONTENT_SCRIPT.url!).origin, name: 'sogo' }]);
  });

  it('answers only once the rules are in, and not ok when the browser refused them', async () => {
    bg.guardAfterDetection.active = false;
    expect(await bg.handle({ kind: 'webmail', name: 'sogo' }, CONTENT_SCRIPT)).toEqual({ ok: false, error: 'the network guard is not active' });
    expect(bg.detections).toHaveLength(1);
  });

  it('refuses a page outside a webmail tab, and a webmail it does not know', async () => {
    expect(await bg.handle({ kind: 'webmail', name: 'sogo' }, OPTIONS_PAGE)).toEqual({ ok: false, error: 'refused: only a webmail page says which webmail it is' });
    expect(await bg.handle({ kind: 'webmail', name: 'outlook' }, CONTENT_SCRIPT)).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid request: name/) });
    expect(bg.detections).toEqual([]);
  });
});
